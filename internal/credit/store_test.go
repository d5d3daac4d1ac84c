package credit

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// classEntries reads the payloads of the class-change entries of the journal, oldest first.
func classEntries(t *testing.T, st *store.Store) []ClassChanged {
	t.Helper()
	rows, err := st.DB().QueryContext(context.Background(), `SELECT payload FROM journal_entries WHERE topic = $1 ORDER BY id`, TopicClassChanged)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []ClassChanged
	for rows.Next() {
		var raw string
		var c ClassChanged
		if err := rows.Scan(&raw); err != nil || json.Unmarshal([]byte(raw), &c) != nil {
			t.Fatalf("payload %q: %v", raw, err)
		}
		out = append(out, c)
	}
	return out
}

func TestClassFollowsRecordsAndIsJournaled(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		city := mustCity(t, st, "2026-06-01")
		shop, _ := city.mustBusiness(t)
		ctx := city.districtCtx()
		first := city.mustAdd(t, ctx, penalty(shop, "江市监罚〔2026〕1号", "2026-02-12", 5000))
		if first.PublicityMonths != 3 || first.PublishDue.Format("2006-01-02") != "2026-03-18" || first.RuleRefs == "" {
			t.Errorf("first penalty publicity %+v", first.Publicity)
		}
		city.mustAdd(t, ctx, penalty(shop, "江市监罚〔2026〕2号", "2026-03-02", 80000))
		city.mustAct(t, ctx, first.ID, ActionPublish, "2026-03-01")
		city.mustAct(t, ctx, first.ID, ActionRevoke, "2026-05-29")
		got := classEntries(t, st)
		want := []ClassChanged{{Class: "B", Previous: ""}, {Class: "C", Previous: "B"}, {Class: "B", Previous: "C"}}
		if len(got) != len(want) {
			t.Fatalf("class changes %+v, want %+v", got, want)
		}
		for i, w := range want {
			if g := got[i]; g.Class != w.Class || g.Previous != w.Previous || g.BusinessID != shop || g.RuleVersion == "" || g.On != "2026-06-01" {
				t.Errorf("change %d: %+v, want %s after %q", i, g, w.Class, w.Previous)
			}
		}
		f, err := city.svc.File(ctx, shop)
		if err != nil {
			t.Fatal(err)
		}
		if f.Class.Class != "B" || len(f.Records) != 2 || f.Records[0].State != StateWithdrawDue || f.Records[0].WithdrawDue.Format("2006-01-02") != "2026-06-03" {
			t.Errorf("file: class %s, records %+v", f.Class.Class, f.Records)
		}
		var audited int
		if err := st.DB().QueryRowContext(context.Background(), `SELECT count(*) FROM audit_log WHERE object_type = 'credit_record'`).Scan(&audited); err != nil || audited != 4 {
			t.Errorf("%d audit entries, want 4 (%v)", audited, err)
		}
	})
}

func TestBadRecordsAndActions(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		city := mustCity(t, st, "2026-06-01")
		shop, _ := city.mustBusiness(t)
		ctx := city.districtCtx()
		light := city.mustAdd(t, ctx, penalty(shop, "罚〔2026〕1号", "2026-01-05", 5000))
		listing := city.mustAdd(t, ctx, RecordInput{BusinessID: shop, Kind: KindAbnormalOperation, DocumentNumber: "异〔2026〕1号", DecidedOn: "2026-01-06", Reason: "未按期公示年度报告"})
		bad := []struct {
			name        string
			in          RecordInput
			field, rule string
		}{
			{"unknown kind", RecordInput{BusinessID: shop, Kind: "blacklist", DocumentNumber: "x", DecidedOn: "2026-01-01", Reason: "x"}, "kind", "one_of"},
			{"unknown measure", penalty(shop, "罚2", "2026-01-05", 0, "jail"), "measures", "one_of"},
			{"fine without the measure", penalty(shop, "罚3", "2026-01-05", 100, MeasureCriticism), "fine_yuan", "credit_fine_measure"},
			{"decided in the future", penalty(shop, "罚4", "2026-06-02", 100), "decided_on", "credit_not_future"},
			{"decided before the rules", penalty(shop, "罚5", "2021-08-31", 100), "decided_on", "credit_before_rules"},
			{"same decision number", penalty(shop, "罚〔2026〕1号", "2026-01-05", 100), "document_number", "unique"},
			{"serious listing on a light penalty", RecordInput{BusinessID: shop, Kind: KindSeriousDishonesty, DocumentNumber: "失信1",
				DecidedOn: "2026-02-01", Reason: "x", PenaltyID: &light.ID}, "penalty_id", "credit_serious_needs_heavier"},
			{"serious listing without a penalty", RecordInput{BusinessID: shop, Kind: KindSeriousDishonesty, DocumentNumber: "失信2",
				DecidedOn: "2026-02-01", Reason: "x"}, "penalty_id", "credit_serious_needs_heavier"},
		}
		for _, tt := range bad {
			t.Run(tt.name, func(t *testing.T) {
				_, err := city.svc.AddRecord(ctx, tt.in)
				if !hasField(err, tt.field, tt.rule) {
					t.Fatalf("got %v, want %s %s", err, tt.field, tt.rule)
				}
			})
		}
		conflicts := []struct {
			name   string
			id     int64
			action string
			on     string
		}{
			{"revoke a listing", listing.ID, ActionRevoke, "2026-02-01"},
			{"withdraw an unrevoked penalty", light.ID, ActionWithdraw, "2026-02-01"},
			{"publish twice", light.ID, ActionPublish, "2026-02-01"},
		}
		city.mustAct(t, ctx, light.ID, ActionPublish, "2026-01-20")
		for _, tt := range conflicts {
			if _, err := city.svc.Act(ctx, tt.id, tt.action, ActionInput{On: tt.on, Reason: "x"}); apperr.CodeOf(err) != apperr.Conflict {
				t.Errorf("%s: %v, want a conflict", tt.name, err)
			}
		}
		if _, err := city.svc.Act(ctx, listing.ID, ActionRemove, ActionInput{On: "2026-01-01", Reason: "x"}); !hasField(err, "on", "credit_before_decision") {
			t.Errorf("removal before the listing: %v", err)
		}
	})
}

// hasField reports whether err is a field error on field breaking rule.
func hasField(err error, field, rule string) bool {
	for _, f := range apperr.From(err).Fields {
		if f.Field == field && f.Rule == rule {
			return true
		}
	}
	return false
}

func TestScopeOfTheFile(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		city, other := mustCity(t, st, "2026-06-01"), mustCity(t, st, "2026-06-01")
		shop, _ := city.mustBusiness(t)
		elsewhere, _ := other.mustBusiness(t)
		ctx := city.districtCtx()
		city.mustAdd(t, ctx, penalty(shop, "罚1", "2026-01-05", 5000))
		if _, err := city.svc.File(ctx, elsewhere); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("read outside the district: %v", err)
		}
		if _, err := city.svc.AddRecord(ctx, penalty(elsewhere, "罚2", "2026-01-05", 5000)); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("write outside the district: %v", err)
		}
		if _, err := city.svc.File(operatorCtx(shop), shop); err != nil {
			t.Errorf("the operator reads its own file: %v", err)
		}
		if _, err := city.svc.File(operatorCtx(elsewhere), shop); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("an operator reads another's file: %v", err)
		}
	})
}

func TestReclassifyAsTimePasses(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		city := mustCity(t, st, "2026-06-01")
		shop, _ := city.mustBusiness(t)
		city.mustAdd(t, city.districtCtx(), penalty(shop, "罚1", "2023-06-05", 5000))
		if n, err := city.svc.Reclassify(context.Background()); err != nil || n != 0 {
			t.Fatalf("reclassify the same day: %d changed, %v", n, err)
		}
		city.svc.now = func() time.Time { return day("2026-06-05").Add(time.Hour) } // out of the 3-year look-back
		if n, err := city.svc.Reclassify(context.Background()); err != nil || n != 1 {
			t.Fatalf("reclassify after the look-back: %d changed, %v", n, err)
		}
		if got := classEntries(t, st); len(got) != 2 || got[1].Class != "A" || got[1].Previous != "B" || got[1].On != "2026-06-05" {
			t.Errorf("class changes %+v", got)
		}
	})
}
