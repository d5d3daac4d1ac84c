package trace

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/epcis"
)

// TestPrepareInPartsAsWhole: a document validated in parts gives the problems epcis.Validate
// gives for it whole — event indexes, pointers and the first of a duplicated eventID
// included — and, when valid, one record per event in document order.
func TestPrepareInPartsAsWhole(t *testing.T) {
	events := func(n int, change map[int]string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = shipping("", i, gs1Place, "")
			if c, ok := change[i]; ok {
				out[i] = c
			}
		}
		return out
	}
	badStep := func(n int) string {
		return strings.Replace(shipping("", n, gs1Place, ""), `"bizStep": "shipping"`, `"bizStep": "shiping"`, 1)
	}
	queryDocument := func(evs []string) []byte {
		return []byte(`{"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
			"type": "EPCISQueryDocument", "schemaVersion": "2.0", "creationDate": "2024-05-01T08:00:00Z",
			"epcisBody": {"queryResults": {"queryName": "SimpleEventQuery",
				"resultsBody": {"eventList": [` + strings.Join(evs, ",") + `]}}}}`)
	}
	tests := []struct {
		name string
		doc  []byte
	}{
		{"valid", document(events(300, nil)...)},
		{"a bad event in each part", document(events(300, map[int]string{5: badStep(5), 150: badStep(150), 299: badStep(299)})...)},
		{"an eventID of two parts", document(events(300, map[int]string{
			10: shipping("urn:uuid:x", 10, gs1Place, ""), 250: shipping("urn:uuid:x", 250, gs1Place, "")})...)},
		{"an eventID of one part", document(events(300, map[int]string{
			210: shipping("urn:uuid:y", 210, gs1Place, ""), 220: shipping("urn:uuid:y", 220, gs1Place, "")})...)},
		{"a bad envelope", []byte(strings.Replace(string(document(events(300, map[int]string{200: badStep(200)})...)),
			`"schemaVersion": "2.0"`, `"schemaVersion": 2`, 1))},
		{"an event that is no object", document(events(300, map[int]string{160: "42"})...)},
		{"an event list written twice", []byte(strings.Replace(string(document(events(300, nil)...)), `"eventList": [`,
			`"eventList": [`+strings.Join(events(100, nil), ",")+`], "eventList": [`, 1))},
		{"a key that looks like the list's path", []byte(strings.Replace(string(document(events(300, nil)...)), `"type": "EPCISDocument"`,
			`"type": "EPCISDocument", "epcisBody/eventList": [`+strings.Join(events(200, nil), ",")+`]`, 1))},
		{"a query document", queryDocument(events(300, map[int]string{120: badStep(120)}))},
	}
	now := time.Now()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			whole, err := epcis.Validate(tt.doc, now)
			var invalid *epcis.InvalidError
			if err != nil && !errors.As(err, &invalid) {
				t.Fatal(err)
			}
			p, err := prepare(tt.doc, now, MaxEvents, 3)
			if err != nil {
				t.Fatal(err)
			}
			if invalid == nil {
				if len(p.problems) > 0 || len(p.records) != len(whole) {
					t.Fatalf("%d records and problems %v, want %d records", len(p.records), p.problems, len(whole))
				}
				for i, r := range p.records {
					if r.index != i {
						t.Fatalf("record %d is event %d", i, r.index)
					}
				}
				return
			}
			if !reflect.DeepEqual(p.problems, invalid.Problems) {
				t.Errorf("in parts:\n%+v\nwhole:\n%+v", p.problems, invalid.Problems)
			}
		})
	}
}

// TestPartBounds: parts cover the events once, in order, each of at least minPart events
// unless there are fewer.
func TestPartBounds(t *testing.T) {
	tests := []struct {
		n, workers int
		want       []int
	}{
		{0, 2, []int{0, 0}},
		{10, 2, []int{0, 10}},
		{2 * minPart, 2, []int{0, minPart, 2 * minPart}},
		{1000, 3, []int{0, 333, 666, 1000}},
		{1000, 1, []int{0, 1000}},
	}
	for _, tt := range tests {
		if got := partBounds(tt.n, tt.workers); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("partBounds(%d, %d) = %v, want %v", tt.n, tt.workers, got, tt.want)
		}
	}
}
