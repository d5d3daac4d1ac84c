package epcis

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestValidationOnWorkers: a document validated on several goroutines gives the events and
// the problems it gives on one — event indexes, pointers and the first of a duplicated
// eventID included — and its Document says the same of it.
func TestValidationOnWorkers(t *testing.T) {
	event := func(n int, id string) string {
		eventID := ""
		if id != "" {
			eventID = fmt.Sprintf(`"eventID": %q,`, id)
		}
		return fmt.Sprintf(`{%s "type": "ObjectEvent", "eventTime": "2024-05-01T10:00:00.000+08:00", "eventTimeZoneOffset": "+08:00",
			"epcList": ["urn:epc:id:sgtin:6901234.012345.%d"], "action": "OBSERVE", "bizStep": "shipping",
			"readPoint": {"id": "urn:epc:id:sgln:6901234.00001.0"}}`, eventID, n)
	}
	events := func(n int, change map[int]string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = event(i, "")
			if c, ok := change[i]; ok {
				out[i] = c
			}
		}
		return out
	}
	badStep := func(n int) string { return strings.Replace(event(n, ""), `"shipping"`, `"shiping"`, 1) }
	const head = `"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"], "schemaVersion": "2.0", "creationDate": "2024-05-01T08:00:00Z"`
	document := func(evs []string) string {
		return `{` + head + `, "type": "EPCISDocument", "epcisBody": {"eventList": [` + strings.Join(evs, ",") + `]}}`
	}
	tests := []struct {
		name, doc string
	}{
		{"valid", document(events(300, nil))},
		{"a bad event here and there", document(events(300, map[int]string{5: badStep(5), 150: badStep(150), 299: badStep(299)}))},
		{"an eventID used twice far apart", document(events(300, map[int]string{10: event(10, "urn:uuid:x"), 251: event(251, "urn:uuid:x")}))},
		{"an eventID used twice close by", document(events(300, map[int]string{210: event(210, "urn:uuid:y"), 220: event(220, "urn:uuid:y")}))},
		{"a bad envelope", strings.Replace(document(events(300, map[int]string{200: badStep(200)})), `"schemaVersion": "2.0"`, `"schemaVersion": 2`, 1)},
		{"an event that is no object", document(events(300, map[int]string{160: "42"}))},
		{"an event list written twice", strings.Replace(document(events(300, nil)), `"eventList": [`,
			`"eventList": [`+strings.Join(events(100, nil), ",")+`], "eventList": [`, 1)},
		{"a query document", `{` + head + `, "type": "EPCISQueryDocument", "epcisBody": {"queryResults": {"queryName": "SimpleEventQuery",
			"resultsBody": {"eventList": [` + strings.Join(events(300, map[int]string{120: badStep(120)}), ",") + `]}}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			alone, errAlone := Validation{Now: testNow}.Validate([]byte(tt.doc))
			shared, errShared := Validation{Now: testNow, Workers: 3}.Validate([]byte(tt.doc))
			var invalidAlone, invalidShared *InvalidError
			errors.As(errAlone, &invalidAlone)
			errors.As(errShared, &invalidShared)
			if !reflect.DeepEqual(invalidShared, invalidAlone) || (errAlone == nil) != (errShared == nil) {
				t.Fatalf("on workers: %v\nalone: %v", errShared, errAlone)
			}
			if len(shared.Events) != len(alone.Events) || shared.Count != alone.Count || shared.Count != 300 ||
				shared.ListPointer != alone.ListPointer || string(shared.Context) != string(alone.Context) {
				t.Fatalf("on workers %d events of %d at %q; alone %d of %d at %q",
					len(shared.Events), shared.Count, shared.ListPointer, len(alone.Events), alone.Count, alone.ListPointer)
			}
			for i := range alone.Events {
				if a, b := mustHash(t, shared.Events[i]), mustHash(t, alone.Events[i]); a != b {
					t.Fatalf("event %d: %s on workers, %s alone", i, a, b)
				}
			}
		})
	}
}

// TestValidationLimit: a document of more events than MaxEvents is refused before any
// event is validated, with its count.
func TestValidationLimit(t *testing.T) {
	doc := `{"type": "EPCISDocument", "epcisBody": {"eventList": [1, 2, 3]}}`
	for _, tt := range []struct {
		max  int
		want error
	}{{2, ErrTooManyEvents}, {3, nil}, {0, nil}} {
		d, err := Validation{Now: testNow, MaxEvents: tt.max}.Validate([]byte(doc))
		var invalid *InvalidError
		if tt.want == nil && !errors.As(err, &invalid) || tt.want != nil && !errors.Is(err, tt.want) || d.Count != 3 {
			t.Errorf("MaxEvents %d: %d events, %v; want 3, %v", tt.max, d.Count, err, tt.want)
		}
	}
}
