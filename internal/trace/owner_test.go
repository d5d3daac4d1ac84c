package trace

import (
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestCaptureOwners: a business operator captures only as itself, at the locations of its
// own business; staff capture for the businesses of their scope and for partners'
// locations. An event is owned by the business of its bizLocation, else its readPoint.
func TestCaptureOwners(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		readPointOnly := func(location string) string {
			ev := shipping("", 7, location, "")
			return strings.Replace(ev, `, "bizLocation": {"id": "`+location+`"}`, "", 1)
		}
		atBoth := func(readPoint, bizLocation string) string {
			ev := shipping("", 8, bizLocation, "")
			return strings.Replace(ev, `"readPoint": {"id": "`+bizLocation+`"}`, `"readPoint": {"id": "`+readPoint+`"}`, 1)
		}
		tests := []struct {
			name    string
			by      Capturer
			event   string
			owner   int64   // the stored event's owner, when stored
			refusal Refusal // the refusal, when refused
			rule    string
			pointer string
		}{
			{"operator at its own place", w.operator(0), shipping("", 1, w.place(0), ""), w.shops[0].id, "", "", ""},
			{"operator at its own site", w.operator(0), shipping("", 2, w.place(0)+":stall-3", ""), w.shops[0].id, "", "", ""},
			{"operator at its own read point", w.operator(0), readPointOnly(w.place(0)), w.shops[0].id, "", "", ""},
			{"operator at another business", w.operator(0), shipping("", 3, w.place(1), ""), 0, RefusedForbidden,
				RuleLocationOutOfScope, "/epcisBody/eventList/0/bizLocation/id"},
			{"operator at a partner's place", w.operator(0), shipping("", 4, gs1Place, ""), 0, RefusedForbidden,
				RuleLocationNotOwn, "/epcisBody/eventList/0/bizLocation/id"},
			{"bizLocation decides over readPoint", w.operator(0), atBoth(w.place(0), w.place(1)), 0, RefusedForbidden,
				RuleLocationOutOfScope, "/epcisBody/eventList/0/bizLocation/id"},
			{"inspector at a business of its station", w.inspector(0), shipping("", 5, w.place(0), ""), w.shops[0].id, "", "", ""},
			{"inspector at a business of another station", w.inspector(0), shipping("", 6, w.place(1), ""), 0, RefusedForbidden,
				RuleLocationOutOfScope, "/epcisBody/eventList/0/bizLocation/id"},
			{"inspector at a partner's place", w.inspector(0), shipping("", 9, gs1Place, ""), 0, "", "", ""},
			{"an unregistered business", System, shipping("", 10, LocationPrefix+"91330100MA2NOBODY0", ""), 0, RefusedInvalid,
				RuleLocationUnknown, "/epcisBody/eventList/0/bizLocation/id"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				doc := document(tt.event)
				if tt.refusal != "" {
					refused := mustRefuse(t, w.events, doc, tt.by)
					p := refused.Report.Problems
					if refused.Report.Refusal != tt.refusal || len(p) != 1 || p[0].Rule != tt.rule || p[0].Pointer != tt.pointer || p[0].Event != 0 {
						t.Errorf("refused %s for %+v, want %s for %s at %s", refused.Report.Refusal, p, tt.refusal, tt.rule, tt.pointer)
					}
					return
				}
				job := mustCapture(t, w.events, doc, tt.by)
				where, args := "job_id = $1 AND owner_id IS NULL", []any{job.ID}
				if tt.owner != 0 {
					where, args = "job_id = $1 AND owner_id = $2", []any{job.ID, tt.owner}
				}
				if n := count(t, st, "epcis_events", where, args...); n != 1 {
					t.Errorf("the event is not stored with owner %d", tt.owner)
				}
			})
		}
	})
}
