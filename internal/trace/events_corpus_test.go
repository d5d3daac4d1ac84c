package trace

import (
	"encoding/json"
	"errors"
	"net/url"
	"reflect"
	"slices"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// corpusEvents is how many events the 43 examples capture takes hold.
const corpusEvents = 52

// TestEventsCorpus captures each of GS1's JSON / JSON-LD examples into an empty store and
// queries every stored event back by its eventID and by MATCH_anyEPC or MATCH_anyEPCClass
// of each of its identifiers; read back inside the query document, each answered event
// has the facts of the event sent. The four examples capture refuses (sensor times after
// event times, TestCaptureCorpus) store nothing to query.
func TestEventsCorpus(t *testing.T) {
	examples := corpusExamples(t)
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		s := NewStore(st)
		queried := 0
		for _, ex := range examples {
			clearEvents(t, st)
			if _, err := s.Capture(t.Context(), ex.doc, System); err != nil {
				var refused *RefusedError
				if !errors.As(err, &refused) {
					t.Fatalf("%s: %v", ex.name, err)
				}
				continue
			}
			sent, err := epcis.Parse(ex.doc)
			if err != nil {
				t.Fatal(err)
			}
			queried += checkQueriesBack(t, s, ex.name, sent)
		}
		if queried != corpusEvents {
			t.Errorf("%d events queried back, want the %d of the 43 examples capture takes", queried, corpusEvents)
		}
	})
}

// checkQueriesBack queries each event of a captured example back and returns how many.
func checkQueriesBack(t *testing.T, s *Store, name string, sent []epcis.Event) int {
	t.Helper()
	all := mustQuery(t, s, access.Everywhere, "perPage=1000")
	answered := parseAnswer(t, all)
	for i, ev := range sent {
		f, err := ev.Facts()
		if err != nil {
			t.Fatal(err)
		}
		got := answeredAs(t, answered, ev, f.EventID)
		if got == nil {
			t.Errorf("%s: event %d (%s) is not answered", name, i, f.EventID)
			continue
		}
		checkSameFacts(t, ev, *got)
		g, _ := got.Facts()
		byID := mustQuery(t, s, access.Everywhere, "EQ_eventID="+url.QueryEscape(g.EventID))
		if ids := eventIDsOf(t, byID); !slices.Equal(ids, []string{g.EventID}) {
			t.Errorf("%s: EQ_eventID=%s answered %v", name, g.EventID, ids)
		}
		for _, o := range f.Objects {
			param := "MATCH_anyEPC="
			if o.Class {
				param = "MATCH_anyEPCClass="
			}
			if ids := eventIDsOf(t, mustQuery(t, s, access.Everywhere, param+url.QueryEscape(o.ID)+"&perPage=1000")); !slices.Contains(ids, g.EventID) {
				t.Errorf("%s: %s%s does not answer event %d (%s): %v", name, param, o.ID, i, g.EventID, ids)
			}
		}
	}
	return len(sent)
}

// answeredAs finds the answered event that is ev: by its eventID, or, for an event sent
// without one, by its hash ID, which capture gave it.
func answeredAs(t *testing.T, answered []epcis.Event, ev epcis.Event, eventID string) *epcis.Event {
	t.Helper()
	if eventID == "" {
		var err error
		if eventID, err = ev.HashID(); err != nil {
			t.Fatal(err)
		}
	}
	for i := range answered {
		if f, _ := answered[i].Facts(); f.EventID == eventID {
			return &answered[i]
		}
	}
	return nil
}

// parseAnswer reads the events of a page inside its query document, as a client does.
func parseAnswer(t *testing.T, page EventPage) []epcis.Event {
	t.Helper()
	doc := queryDocument{Context: page.Context, Type: "EPCISQueryDocument", SchemaVersion: "2.0", CreationDate: "2024-05-01T00:00:00.000Z"}
	doc.Body.Results.QueryName = "SimpleEventQuery"
	doc.Body.Results.Body.EventList = page.Events
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	events, err := epcis.Parse(b)
	if err != nil {
		t.Fatalf("the answer does not read back: %v\n%s", err, b)
	}
	return events
}

// checkSameFacts compares the facts of an event sent and of the event answered, which has
// its eventID and recordTime set.
func checkSameFacts(t *testing.T, sent, answered epcis.Event) {
	t.Helper()
	want, err := sent.Facts()
	if err != nil {
		t.Fatal(err)
	}
	got, err := answered.Facts()
	if err != nil {
		t.Fatal(err)
	}
	if got.RecordTime.IsZero() || got.EventID == "" {
		t.Errorf("event %s answered without recordTime or eventID", got.EventID)
	}
	want.RecordTime = got.RecordTime
	if want.EventID == "" {
		want.EventID = got.EventID
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("event %s answered with other facts:\n got %+v\nwant %+v", got.EventID, got, want)
	}
}

// eventIDsOf returns the eventIDs of a page's events.
func eventIDsOf(t *testing.T, page EventPage) []string {
	t.Helper()
	ids := []string{}
	for _, ev := range parseAnswer(t, page) {
		f, err := ev.Facts()
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, f.EventID)
	}
	return ids
}
