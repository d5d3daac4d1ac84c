package trace

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestCaptureIsIdempotent: a document captured twice stores its events once; the second
// job counts them all as repeats.
func TestCaptureIsIdempotent(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		s := NewStore(st)
		doc := document(shipping("urn:uuid:1", 1, gs1Place, ""), shipping("", 2, gs1Place, ""))
		first := mustCapture(t, s, doc, System)
		again := mustCapture(t, s, doc, System)
		if first.Stored != 2 || again.Stored != 0 || again.EventCount != 2 {
			t.Errorf("stored %d then %d of %d", first.Stored, again.Stored, again.EventCount)
		}
		if n := count(t, st, "epcis_events", "1 = 1"); n != 2 {
			t.Errorf("%d events after capturing two twice", n)
		}
	})
}

// TestCaptureRefusesAnEventIDOfOtherContent: an eventID stored for one event names no
// other; the document naming it is refused whole and stores nothing but its failed job.
func TestCaptureRefusesAnEventIDOfOtherContent(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		s := NewStore(st)
		mustCapture(t, s, document(shipping("urn:uuid:1", 1, gs1Place, "")), System)
		refused := mustRefuse(t, s, document(shipping("urn:uuid:2", 2, gs1Place, ""), shipping("urn:uuid:1", 3, gs1Place, "")), System)
		want := epcis.Problem{Event: 1, EventID: "urn:uuid:1", Pointer: "/epcisBody/eventList/1/eventID", Rule: RuleEventIDConflict}
		if got := refused.Report.Problems; len(got) != 1 || !sameProblem(got[0], want) {
			t.Errorf("problems %+v, want %+v", got, want)
		}
		if refused.Report.Refusal != RefusedInvalid || refused.Job.State != JobFailed || refused.Job.ID == 0 {
			t.Errorf("refusal %s, job %+v", refused.Report.Refusal, refused.Job)
		}
		if n := count(t, st, "epcis_events", "1 = 1"); n != 1 {
			t.Errorf("%d events stored, want the first document's one", n)
		}
		if n := count(t, st, "epcis_uris", "uri LIKE '%PO2'"); n != 0 {
			t.Error("the refused document's URIs were stored")
		}
	})
}

// TestCaptureErrorDeclaration: an error declaration is stored beside the event it declares
// erroneous, marks it declared, and is itself a repeat when sent again; the original may
// come before it, in the same document, or after it.
func TestCaptureErrorDeclaration(t *testing.T) {
	original := shipping("urn:uuid:9", 9, gs1Place, "")
	declaration := shipping("urn:uuid:9", 9, gs1Place, declared)
	tests := []struct {
		name string
		docs [][]byte
	}{
		{"declared later", [][]byte{document(original), document(declaration)}},
		{"in one document", [][]byte{document(original, declaration)}},
		{"declared first", [][]byte{document(declaration), document(original)}},
		{"declared twice", [][]byte{document(original), document(declaration), document(declaration)}},
	}
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		s := NewStore(st)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				clearEvents(t, st)
				for _, doc := range tt.docs {
					mustCapture(t, s, doc, System)
				}
				if n := count(t, st, "epcis_events", "event_id = 'urn:uuid:9'"); n != 2 {
					t.Errorf("%d rows of urn:uuid:9, want the event and its declaration", n)
				}
				// 2024-05-02T08:00:00+08:00
				if n := count(t, st, "epcis_events", "event_id = 'urn:uuid:9' AND declared_ms = 1714608000000"); n != 2 {
					t.Errorf("%d of them marked declared, want both", n)
				}
				if n := count(t, st, "epcis_events", "event_id = 'urn:uuid:9' AND declaration = $1 AND json LIKE '%errorDeclaration%'", true); n != 1 {
					t.Errorf("%d declarations, want one", n)
				}
			})
		}
	})
}

// TestCaptureDeclarationOfOtherContent: a declaration must repeat the event it declares.
func TestCaptureDeclarationOfOtherContent(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		s := NewStore(st)
		mustCapture(t, s, document(shipping("urn:uuid:9", 9, gs1Place, "")), System)
		refused := mustRefuse(t, s, document(shipping("urn:uuid:9", 10, gs1Place, declared)), System)
		if rules := rulesOf(refused.Report.Problems); len(rules) != 1 || rules[0] != RuleEventIDConflict {
			t.Errorf("refused for %v", rules)
		}
		if n := count(t, st, "epcis_events", "declared_ms IS NOT NULL"); n != 0 {
			t.Errorf("%d events marked declared by a refused declaration", n)
		}
	})
}

// TestCaptureRefusesABadEventWhole: one bad event refuses the whole document, whose job
// records the problem naming it.
func TestCaptureRefusesABadEventWhole(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		s := NewStore(st)
		bad := strings.Replace(shipping("", 2, gs1Place, ""), `"bizStep": "shipping"`, `"bizStep": "shiping"`, 1)
		refused := mustRefuse(t, s, document(shipping("", 1, gs1Place, ""), bad, shipping("", 3, gs1Place, "")), System)
		want := epcis.Problem{Event: 1, Pointer: "/epcisBody/eventList/1/bizStep", Rule: epcis.RuleVocabulary}
		if got := refused.Report.Problems; len(got) != 1 || !sameProblem(got[0], want) {
			t.Errorf("problems %+v, want %+v", got, want)
		}
		if n := count(t, st, "epcis_events", "1 = 1") + count(t, st, "epcis_uris", "1 = 1"); n != 0 {
			t.Errorf("a refused document left %d rows", n)
		}
		job, err := s.Job(context.Background(), System.Scope, refused.Job.ID)
		if err != nil || job.State != JobFailed || job.Report == nil || !sameProblem(job.Report.Problems[0], want) || job.EventCount != 3 {
			t.Errorf("recorded job %+v (%v)", job, err)
		}
	})
}

// TestCaptureStoresFacts: an event is stored with its eventID filled by its hash ID, its
// facts in the columns and edge tables, and its JSON with eventID and recordTime.
func TestCaptureStoresFacts(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		s := NewStore(st)
		doc := document(shipping("", 1, gs1Place, ""))
		events, err := epcis.Validate(doc, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		hashID, err := events[0].HashID()
		if err != nil {
			t.Fatal(err)
		}
		job := mustCapture(t, s, doc, System)
		var row struct {
			id, key, eventMs, recordMs int64
			eventID, json              string
			hash                       []byte
			typ, action, zone          int
			owner                      sql.NullInt64
			bizStep, location          string
		}
		err = st.DB().QueryRowContext(context.Background(), `SELECT e.id, e.event_key, e.event_ms, e.record_ms, e.event_id, e.json,
			e.hash_id, e.type, e.action, e.tz_minutes, e.owner_id, s.uri, l.uri
			FROM epcis_events e JOIN epcis_uris s ON s.id = e.biz_step JOIN epcis_uris l ON l.id = e.biz_location`).Scan(
			&row.id, &row.key, &row.eventMs, &row.recordMs, &row.eventID, &row.json, &row.hash, &row.typ, &row.action, &row.zone,
			&row.owner, &row.bizStep, &row.location)
		if err != nil {
			t.Fatal(err)
		}
		checks := []struct {
			name      string
			got, want any
		}{
			{"event_id", row.eventID, hashID},
			{"hash_id", HashID(row.hash), hashID},
			{"event_key", row.key, eventKey(hashID)},
			{"event_ms", row.eventMs, int64(1714528800000)}, // 2024-05-01T02:00:00Z
			{"record_ms", row.recordMs, job.ReceivedAt.UnixMilli()},
			{"type", EventTypes[row.typ], "ObjectEvent"},
			{"action", Actions[row.action], "OBSERVE"},
			{"tz_minutes", row.zone, 480},
			{"owner_id", row.owner.Valid, false},
			{"biz_step", row.bizStep, "https://ref.gs1.org/cbv/BizStep-shipping"},
			{"biz_location", row.location, "https://id.gs1.org/414/6901234000016"},
			{"json eventID", strings.Contains(row.json, `"eventID":"`+hashID+`"`), true},
			{"json recordTime", strings.Contains(row.json, `"recordTime":"`+job.ReceivedAt.Format("2006-01-02T15:04:05.000Z")+`"`), true},
		}
		for _, c := range checks {
			if c.got != c.want {
				t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
			}
		}
		objects := `event_row = $1 AND (role = 1 AND class = $2 AND quantity IS NULL AND uom IS NULL
			OR role = 1 AND class = $3 AND quantity = 20.5 AND uom = 'KGM')`
		if n := count(t, st, "epcis_event_objects", objects, row.id, false, true); n != 2 {
			t.Errorf("%d object rows as expected, want the EPC and the quantity", n)
		}
		values := `v.event_row = $1 AND (v.kind = 1 AND u.uri LIKE '%PO1' OR v.kind = 2 AND u.uri LIKE '%/417/%')`
		if n := count(t, st, "epcis_event_values v JOIN epcis_uris u ON u.id = v.value_id", values, row.id); n != 2 {
			t.Errorf("%d value rows as expected, want the transaction and the source", n)
		}
	})
}

// TestCaptureLimits: a document over the size or the event limit is refused unrecorded.
func TestCaptureLimits(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		s := NewStore(st)
		events := make([]string, MaxEvents+1)
		for i := range events {
			events[i] = `{}`
		}
		tests := map[string][]byte{
			"bytes":  append(document(), make([]byte, MaxDocumentBytes)...),
			"events": document(events...),
		}
		for name, doc := range tests {
			if _, err := s.Capture(context.Background(), doc, System); apperr.CodeOf(err) != apperr.TooLarge {
				t.Errorf("%s: got %v, want too large", name, err)
			}
		}
		if n := count(t, st, "epcis_capture_jobs", "1 = 1"); n != 0 {
			t.Errorf("%d jobs recorded for documents over the limits", n)
		}
	})
}

// sameProblem compares what names a problem: event, eventID, pointer and rule.
func sameProblem(got, want epcis.Problem) bool {
	return got.Event == want.Event && got.EventID == want.EventID && got.Pointer == want.Pointer && got.Rule == want.Rule
}
