package trace

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// sensorTimeRefusals is how many of GS1's examples capture refuses: four of the "all
// possible fields" examples (WithFullCombinationOfFields) have sensor readings (2019) years
// after their eventTime (2005, 2013), an impossible time, and are refused for that alone.
const sensorTimeRefusals = 4

// TestCaptureCorpus captures each of GS1's 47 JSON / JSON-LD examples into an empty event
// store (the examples reuse eventIDs for other content, as independent examples may):
// every event of 43 of them is stored with its eventID and recordTime, and the four with
// sensor times after their event times are refused with that problem only, storing nothing.
func TestCaptureCorpus(t *testing.T) {
	examples := corpusExamples(t)
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		s := NewStore(st)
		refusals := 0
		for _, ex := range examples {
			name := ex.name
			clearEvents(t, st)
			job, err := s.Capture(context.Background(), ex.doc, System)
			var refused *RefusedError
			if errors.As(err, &refused) {
				refusals++
				rules := rulesOf(refused.Report.Problems)
				if !strings.HasPrefix(name, "WithFullCombinationOfFields/") || !slices.Equal(rules, []string{epcis.RuleSensorAfterEvent}) {
					t.Errorf("%s: refused for %v", name, rules)
				}
				if n := count(t, st, "epcis_events", "1 = 1"); n != 0 {
					t.Errorf("%s: a refused document stored %d events", name, n)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if job.EventCount == 0 || job.Stored != job.EventCount {
				t.Errorf("%s: %d events, %d stored", name, job.EventCount, job.Stored)
			}
			complete := `event_id <> '' AND json LIKE '%"recordTime":%' AND json LIKE '%"eventID":%'`
			if n := count(t, st, "epcis_events", complete); n != job.Stored {
				t.Errorf("%s: %d of %d events stored with eventID and recordTime", name, n, job.Stored)
			}
		}
		if refusals != sensorTimeRefusals {
			t.Errorf("%d examples refused, want the %d with sensor times after their event times", refusals, sensorTimeRefusals)
		}
	})
}

// clearEvents empties the event tables.
func clearEvents(tb testing.TB, st *store.Store) {
	tb.Helper()
	for _, table := range []string{"epcis_events", "epcis_event_objects", "epcis_event_values", "epcis_uris"} {
		if _, err := st.DB().ExecContext(context.Background(), "DELETE FROM "+table); err != nil {
			tb.Fatal(err)
		}
	}
}

// rulesOf returns the distinct rules of problems, sorted.
func rulesOf(problems []epcis.Problem) []string {
	var rules []string
	for _, p := range problems {
		rules = append(rules, p.Rule)
	}
	slices.Sort(rules)
	return slices.Compact(rules)
}
