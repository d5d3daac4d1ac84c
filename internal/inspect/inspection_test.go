package inspect

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

func TestInspectionLifecycle(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c := newInspectCity(t, st)
		in := c.mustSignedInspection(t, uuidN(1))
		if in.Status != Signed || in.SignedAt == nil || in.Result == nil {
			t.Fatalf("signed inspection = %+v", in)
		}
		if in.Result.Outcome != NonCompliant || !slices.Equal(in.Result.KeyFailures, []string{c.template.Items[0].Code}) ||
			!strings.Contains(in.Explanation, "不符合") {
			t.Errorf("result %+v, explanation %q: want the failed key item judged non-compliant", in.Result, in.Explanation)
		}
		if in.CheckIn == nil || in.CheckIn.Method != "gps" || in.CheckIn.DistanceM == nil || *in.CheckIn.DistanceM > 200 {
			t.Errorf("check-in = %+v", in.CheckIn)
		}
		if len(in.Answers) != len(c.template.Items) || len(in.Signatures) != 3 {
			t.Errorf("%d answers of %d items, %d signatures", len(in.Answers), len(c.template.Items), len(in.Signatures))
		}
		// The signed record pins every piece of evidence, the signature images included.
		if len(in.EvidenceHashes) != 3 || len(in.Evidence) != 3 {
			t.Fatalf("evidence %d, pinned %+v: want the photo and two signature images", len(in.Evidence), in.EvidenceHashes)
		}
		for _, e := range in.Evidence {
			if !slices.Contains(in.EvidenceHashes, EvidenceHash{UUID: e.UUID, SHA256: e.SHA256}) || len(e.SHA256) != 64 {
				t.Errorf("evidence %+v not pinned in %+v", e, in.EvidenceHashes)
			}
		}
		// 20 working days from Thursday 24 Sep 2026 skip the Mid-Autumn and National Day
		// holidays and count the make-up Saturday 10 Oct: 29 Oct, not the 22 Oct of weekdays.
		if in.PublishDue == nil || in.PublishDue.Format(time.DateOnly) != "2026-10-29" {
			t.Errorf("publish due %v, want 2026-10-29", in.PublishDue)
		}
		pub, err := c.svc.Publish(c.officer(0), in.UUID)
		if err != nil || pub.Status != Public || pub.PublishedAt == nil {
			t.Fatalf("publish: %+v, %v", pub, err)
		}
		again, err := c.svc.Publish(c.officer(0), in.UUID)
		if err != nil || !again.PublishedAt.Equal(*pub.PublishedAt) {
			t.Errorf("publish again: %v, %v", again.PublishedAt, err)
		}
		res, err := c.svc.PublicResult(context.Background(), in.UUID)
		if err != nil || res.BusinessName != "饭店01" || res.Date != "2026-09-24" || res.Outcome != in.Result.Outcome {
			t.Errorf("public result %+v, %v", res, err)
		}
		raw, _ := json.Marshal(res)
		for _, hidden := range []string{"note", "见照片", "sha256", "inspectors", "evidence"} {
			if strings.Contains(string(raw), hidden) {
				t.Errorf("public projection %s shows %q", raw, hidden)
			}
		}
	})
}

func TestSignedFactInJournal(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c := newInspectCity(t, st)
		in := c.mustSignedInspection(t, uuidN(1))
		var payload string
		err := st.DB().QueryRow(`SELECT payload FROM journal_entries WHERE topic = $1 AND key = $2`, TopicSigned, in.UUID).Scan(&payload)
		if err != nil {
			t.Fatalf("journal entry: %v", err)
		}
		var f SignedFact
		if err := json.Unmarshal([]byte(payload), &f); err != nil {
			t.Fatal(err)
		}
		if f.BusinessID != c.shop || f.Outcome != in.Result.Outcome || f.Date != "2026-09-24" || f.TemplateVersion != c.template.Version ||
			!slices.Equal(f.Inspectors, []int64{c.officers[0], c.officers[1]}) || len(f.Evidence) != 3 ||
			len(f.KeyFailures)+len(f.GeneralFailures) != 1 || f.Kind != Daily || f.Source != AdHoc {
			t.Errorf("fact = %+v", f)
		}
	})
}

// codeOf is the application error code and the "field:rule" list of err.
func codeOf(err error) (apperr.Code, []string) {
	e := apperr.From(err)
	var fields []string
	for _, f := range e.Fields {
		fields = append(fields, f.Field+":"+f.Rule)
	}
	return apperr.CodeOf(err), fields
}

func TestInspectionRefusals(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	c := newInspectCity(t, st)
	ctx := c.officer(0)
	if _, err := st.DB().Exec(`INSERT INTO draw_conflicts (person_id, business_id, reason, declared_at) VALUES ($1, $2, '亲属经营', $3)`,
		c.officers[2], c.shop, time.Now().UTC()); err != nil {
		t.Fatal(err)
	}
	create := func(uuid string, people ...int64) error {
		_, _, err := c.svc.Create(ctx, uuid, NewInspection{Source: AdHoc, Kind: Daily, BusinessID: c.shop, TemplateID: c.template.ID, Inspectors: people})
		return err
	}
	tests := []struct {
		name  string
		err   error
		code  apperr.Code
		field string
	}{
		{"one inspector", create(uuidN(10), c.officers[0]), apperr.Invalid, "inspectors:inspect_min_inspectors"},
		{"the same inspector twice", create(uuidN(11), c.officers[0], c.officers[0]), apperr.Invalid, "inspectors:inspect_min_inspectors"},
		{"inspector of another district", create(uuidN(12), c.officers[0], c.officers[4]), apperr.Invalid, "inspectors[1]:inspect_outside_jurisdiction"},
		{"declared conflict of interest", create(uuidN(13), c.officers[0], c.officers[2]), apperr.Invalid, "inspectors[1]:inspect_conflict_of_interest"},
		{"a coordinator is no inspector", create(uuidN(14), c.officers[0], c.clerk), apperr.Invalid, "inspectors[1]:inspect_not_enforcement"},
		{"not a UUID", create("42", c.officers[0], c.officers[1]), apperr.Invalid, "uuid:inspect_uuid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, fields := codeOf(tt.err)
			if code != tt.code || !slices.Contains(fields, tt.field) {
				t.Fatalf("got %s %v, want %s with %s", code, fields, tt.code, tt.field)
			}
		})
	}
	if _, err := c.svc.Get(context.Background(), uuidN(10)); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("a refused inspection was saved: %v", err)
	}
}

func TestCheckIn(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	c := newInspectCity(t, st)
	ctx := c.officer(0)
	c.newDaily(t, uuidN(1), Daily)
	farLat, lng := 30.26, 120.15 // about 1.1 km north of the shop
	_, err := c.svc.CheckIn(ctx, uuidN(1), CheckInInput{Method: "gps", Lat: &farLat, Lng: &lng})
	e := apperr.From(err)
	if e.Code != apperr.Invalid || len(e.Fields) != 1 || e.Fields[0].Rule != "inspect_too_far" || e.Fields[0].Params["distance"].(float64) < 1000 {
		t.Fatalf("far check-in: %v %+v", err, e.Fields)
	}
	if _, err := c.svc.CheckIn(ctx, uuidN(1), CheckInInput{Method: "qr", Code: "shejian-checkin:forged"}); apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("forged code: %v", err)
	}
	code, err := c.svc.CheckinCode(context.Background(), c.shop)
	if err != nil {
		t.Fatal(err)
	}
	in, err := c.svc.CheckIn(ctx, uuidN(1), CheckInInput{Method: "qr", Code: code})
	if err != nil || in.Status != CheckedIn || in.CheckIn.Method != "qr" {
		t.Fatalf("QR check-in: %+v, %v", in, err)
	}
	if again, err := c.svc.CheckIn(ctx, uuidN(1), CheckInInput{Method: "qr", Code: code}); err != nil || !again.CheckIn.At.Equal(in.CheckIn.At) {
		t.Errorf("repeated check-in: %v", err)
	}
}

func TestUnansweredItems(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	c := newInspectCity(t, st)
	ctx := c.officer(0)
	code, _ := c.svc.CheckinCode(context.Background(), c.shop)
	for i, kind := range []Kind{Daily, Flying} {
		uuid := uuidN(20 + i)
		c.newDaily(t, uuid, kind)
		if _, err := c.svc.CheckIn(ctx, uuid, CheckInInput{Method: "qr", Code: code}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.PutAnswers(ctx, uuid, c.allPass(1000+100*i, true)[:2]); err != nil {
			t.Fatal(err)
		}
		in, err := c.svc.Complete(ctx, uuid)
		switch kind {
		case Daily:
			_, fields := codeOf(err)
			want := "answers." + c.template.Items[2].Code + ":required"
			if !slices.Contains(fields, want) {
				t.Errorf("daily with two answers: %v, want %s", fields, want)
			}
		case Flying:
			if err != nil || in.Status != Answered || len(in.Result.Unanswered) != len(c.template.Items)-2 {
				t.Errorf("flying with two answers: %v", err)
			}
		}
	}
}

func TestSignedIsFinal(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c := newInspectCity(t, st)
		ctx := c.officer(0)
		in := c.mustSignedInspection(t, uuidN(1))
		writes := map[string]error{}
		_, writes["answers"] = c.svc.PutAnswers(ctx, in.UUID, c.allPass(5000, false))
		_, writes["sign again"] = c.svc.Sign(ctx, in.UUID)
		_, writes["assign"] = c.svc.Assign(ctx, in.UUID, []int64{c.officers[0], c.officers[1]})
		_, _, writes["evidence"] = c.svc.PutEvidence(ctx, in.UUID, uuidN(2100), EvidenceInput{Kind: Photo, CapturedAt: signedAt}, encodeJPEG(t, false))
		for name, err := range writes {
			if e := apperr.From(err); e.Code != apperr.Conflict || e.Key != "seal.sealed.signed" {
				t.Errorf("%s after signing: %v, want the seal's 409", name, err)
			}
		}
		if _, err := st.DB().Exec(`UPDATE inspection_answers SET answer = 'pass' WHERE inspection_id = $1`, in.ID); err == nil {
			t.Error("the database guard let an answer of a signed inspection change")
		}
		fix, err := c.svc.Correct(ctx, in.UUID, uuidN(2), "检查项目4.1误判")
		if err != nil || fix.Corrects != in.UUID || fix.Status != Assigned || len(fix.Inspectors) != 2 {
			t.Fatalf("correction: %+v, %v", fix, err)
		}
		if again, err := c.svc.Correct(ctx, in.UUID, uuidN(2), "重试"); err != nil || again.ID != fix.ID {
			t.Errorf("repeated correction: %v", err)
		}
		orig, err := c.svc.Get(context.Background(), in.UUID)
		if err != nil || !slices.Equal(orig.CorrectedBy, []string{uuidN(2)}) || orig.Result.Outcome != in.Result.Outcome {
			t.Errorf("original after correction: %+v, %v", orig.CorrectedBy, err)
		}
	})
}

func TestRetriedUploadsDoNotDuplicate(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c := newInspectCity(t, st)
		ctx := c.officer(0)
		c.newDaily(t, uuidN(1), Daily)
		n := NewInspection{Source: AdHoc, Kind: Daily, BusinessID: c.shop, TemplateID: c.template.ID, Inspectors: []int64{c.officers[0], c.officers[1]}}
		if _, isNew, err := c.svc.Create(ctx, uuidN(1), n); err != nil || isNew {
			t.Fatalf("retried create: new %v, %v", isNew, err)
		}
		n.Kind = Flying
		if _, _, err := c.svc.Create(ctx, uuidN(1), n); apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("other content under a taken UUID: %v", err)
		}
		code, _ := c.svc.CheckinCode(context.Background(), c.shop)
		if _, err := c.svc.CheckIn(ctx, uuidN(1), CheckInInput{Method: "qr", Code: code}); err != nil {
			t.Fatal(err)
		}
		for range 2 {
			if _, err := c.svc.PutAnswers(ctx, uuidN(1), c.allPass(5000, false)); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := c.svc.Complete(ctx, uuidN(1)); err != nil {
			t.Fatal(err)
		}
		if in, err := c.svc.PutAnswers(ctx, uuidN(1), c.allPass(5000, false)); err != nil || in.Status != Answered {
			t.Fatalf("answers retried after the result: %v, %v; want the result kept", in.Status, err)
		}
		photo := encodeJPEG(t, true)
		meta := EvidenceInput{Kind: Photo, CapturedAt: signedAt}
		first, isNew, err := c.svc.PutEvidence(ctx, uuidN(1), uuidN(50), meta, photo)
		if err != nil || !isNew {
			t.Fatalf("first upload: %v", err)
		}
		second, isNew, err := c.svc.PutEvidence(ctx, uuidN(1), uuidN(50), meta, photo)
		if err != nil || isNew || second.SHA256 != first.SHA256 {
			t.Fatalf("retried upload: new %v, %v", isNew, err)
		}
		if _, _, err := c.svc.PutEvidence(ctx, uuidN(1), uuidN(50), meta, encodeJPEG(t, false)); apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("other bytes under a taken UUID: %v", err)
		}
		// The same bytes under another UUID are a second piece of evidence but one stored blob.
		if _, _, err := c.svc.PutEvidence(ctx, uuidN(1), uuidN(51), meta, photo); err != nil {
			t.Fatal(err)
		}
		counts := map[string]int{}
		for _, table := range []string{"inspections", "inspection_answers", "inspection_evidence", "evidence_blobs"} {
			var n int
			if err := st.DB().QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
				t.Fatal(err)
			}
			counts[table] = n
		}
		want := map[string]int{"inspections": 1, "inspection_answers": len(c.template.Items), "inspection_evidence": 2, "evidence_blobs": 1}
		for table, n := range want {
			if counts[table] != n {
				t.Errorf("%s has %d rows, want %d", table, counts[table], n)
			}
		}
	})
}

func TestInspectionScope(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c := newInspectCity(t, st)
		in := c.mustSignedInspection(t, uuidN(1))
		other := c.officer(3) // S12: same district, another station, not seated
		tests := []struct {
			name string
			ctx  context.Context
			sees bool
		}{
			{"seated inspector", c.officer(1), true},
			{"inspector of the station", c.officer(2), true},
			{"inspector of another station", other, false},
			{"district admin", c.districtAdmin(), true},
			{"operator of the shop, signed", c.operator(c.shop), true},
			{"operator of another business", c.operator(c.far), false},
			{"anonymous", context.Background(), false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, _, err := c.svc.readable(tt.ctx, in.UUID)
				if tt.sees != (err == nil) || !tt.sees && apperr.CodeOf(err) != apperr.NotFound {
					t.Errorf("read: %v, want seen %v (else 404)", err, tt.sees)
				}
				list, err := c.svc.List(tt.ctx, ListFilter{})
				if err != nil || tt.sees != (len(list) == 1) {
					t.Errorf("list: %d, %v; want seen %v", len(list), err, tt.sees)
				}
			})
		}
		if _, err := c.svc.Publish(other, in.UUID); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("publish outside scope: %v, want 403", err)
		}
		if _, err := c.svc.Publish(c.operator(c.shop), in.UUID); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("operator publishing: %v, want 403", err)
		}
		if _, _, err := c.svc.Create(other, uuidN(5), NewInspection{Source: AdHoc, Kind: Daily, BusinessID: c.far,
			TemplateID: c.template.ID}); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("create outside scope: %v, want 403", err)
		}
		// The operator sees nothing of an inspection before it is signed.
		c.newDaily(t, uuidN(6), Daily)
		if _, _, err := c.svc.readable(c.operator(c.shop), uuidN(6)); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("operator reading an unsigned inspection: %v", err)
		}
		// A signature on someone else's task is refused.
		code, _ := c.svc.CheckinCode(context.Background(), c.shop)
		if _, err := c.svc.CheckIn(c.officer(0), uuidN(6), CheckInInput{Method: "qr", Code: code}); err != nil {
			t.Fatal(err)
		}
		_, err := c.svc.PutSignature(c.officer(2), uuidN(6), uuidN(70), SignatureInput{Signer: InspectorSigner(c.officers[2]), Name: "执法2", ImagePNG: tinyPNG(t)})
		if apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("signature by an inspector not seated: %v, want 403", err)
		}
	})
}

func TestOverdueList(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	c := newInspectCity(t, st)
	in := c.mustSignedInspection(t, uuidN(1))
	for _, tt := range []struct {
		day  string
		want int
	}{{"2026-10-29", 0}, {"2026-10-30", 1}} {
		day, _ := time.Parse(time.DateOnly, tt.day)
		list, err := c.svc.List(c.districtAdmin(), ListFilter{Overdue: true, Day: day})
		if err != nil || len(list) != tt.want {
			t.Errorf("overdue on %s: %d, %v; want %d", tt.day, len(list), err, tt.want)
		}
	}
	if _, err := c.svc.Publish(c.officer(0), in.UUID); err != nil {
		t.Fatal(err)
	}
	day, _ := time.Parse(time.DateOnly, "2026-11-30")
	if list, _ := c.svc.List(c.districtAdmin(), ListFilter{Overdue: true, Day: day}); len(list) != 0 {
		t.Errorf("a published inspection is still overdue")
	}
}
