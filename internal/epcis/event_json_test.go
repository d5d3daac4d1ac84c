package epcis

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestEventJSONRoundTrip: the JSON of every event of the GS1 examples, in a document with
// the @context of the document it came in (as query answers it), parses back to an event
// with the same Event Hash ID and the same facts.
func TestEventJSONRoundTrip(t *testing.T) {
	for _, sub := range []string{"JSON", "JSON-simple-context"} {
		dir, names := mustCorpusDocuments(t, sub)
		for _, name := range names {
			t.Run(sub+"/"+name, func(t *testing.T) {
				data := mustRead(t, filepath.Join(dir, name))
				d, err := Validation{Now: testNow}.Validate(data)
				var invalid *InvalidError
				if err != nil && !errors.As(err, &invalid) {
					t.Fatal(err)
				}
				events, err := Parse(data)
				if err != nil {
					t.Fatal(err)
				}
				for i, ev := range events {
					back := mustParseOne(t, inDocument(d, mustString(t, ev)))
					if got, want := mustHash(t, back), mustHash(t, ev); got != want {
						t.Errorf("event %d: hash %s after the round trip, want %s", i, got, want)
					}
					if got, want := mustFacts(t, back), mustFacts(t, ev); !reflect.DeepEqual(got, want) {
						t.Errorf("event %d: facts after the round trip\n got %s\nwant %s", i, describeFacts(got), describeFacts(want))
					}
				}
			})
		}
	}
}

// inDocument puts the JSON of an event of document d back into a document with d's
// @context; the event of a single-event document is a document itself.
func inDocument(d Document, event string) string {
	if d.ListPointer == "" {
		return event
	}
	return `{"type": "EPCISDocument", "@context": ` + string(d.Context) + `, "epcisBody": {"eventList": [` + event + `]}}`
}

// TestEventJSONIsAsSent: an event's JSON is its object as the sender wrote it, white space
// left out and nothing else changed (numbers, escapes and key order kept); the @context of
// the document is the Document's, once, and an event's or single event's own stays in it.
func TestEventJSONIsAsSent(t *testing.T) {
	const event = `{ "type": "ObjectEvent", "action": "OBSERVE", "eventTime": "2024-05-01T10:00:00Z",
		"eventTimeZoneOffset": "+08:00", "epcList": [ "urn:epc:id:sgtin:0614141.812345.400" ],
		"quantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.012345.B1", "quantity": 20.50, "uom": "KGM"}],
		"ex:note": "say \"hi\" \u00e9 \t", "ex:lot": "A B" }`
	const compact = `{"type":"ObjectEvent","action":"OBSERVE","eventTime":"2024-05-01T10:00:00Z",` +
		`"eventTimeZoneOffset":"+08:00","epcList":["urn:epc:id:sgtin:0614141.812345.400"],` +
		`"quantityList":[{"epcClass":"urn:epc:class:lgtin:6901234.012345.B1","quantity":20.50,"uom":"KGM"}],` +
		`"ex:note":"say \"hi\" \u00e9 \t","ex:lot":"A B"}`
	const context = `["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"ex": "https://ns.example.cn/trace/"}]`
	const compactContext = `["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",{"ex":"https://ns.example.cn/trace/"}]`
	// the document's @context is given as sent, its event's own JSON without white space
	withOwn := strings.Replace(event, `{ "type"`, `{"@context": {"ex": "https://ns.example.cn/trace/"}, "type"`, 1)
	tests := []struct {
		name, doc             string
		wantJSON, wantContext string
		wantPointer           string
	}{
		{"event of a document", `{"@context": ` + context + `, "type": "EPCISDocument", "schemaVersion": "2.0",
			"creationDate": "2024-05-01T08:00:00Z", "epcisBody": {"eventList": [` + event + `]}}`,
			compact, context, "/epcisBody/eventList"},
		{"event with a context of its own", `{"@context": "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
			"type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2024-05-01T08:00:00Z",
			"epcisBody": {"eventList": [` + withOwn + `]}}`,
			`{"@context":{"ex":"https://ns.example.cn/trace/"},` + compact[1:], `"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"`,
			"/epcisBody/eventList"},
		{"single event", "\n" + strings.Replace(event, `{ "type"`, `{"@context": `+context+`, "type"`, 1) + "\n",
			`{"@context":` + compactContext + `,` + compact[1:], context, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Validation{Now: testNow}.Validate([]byte(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			if got := mustString(t, d.Events[0]); got != tt.wantJSON {
				t.Errorf("JSON\n got %s\nwant %s", got, tt.wantJSON)
			}
			if string(d.Context) != tt.wantContext || d.ListPointer != tt.wantPointer || d.Count != 1 {
				t.Errorf("context %s, list %q, %d events; want %s, %q, 1", d.Context, d.ListPointer, d.Count, tt.wantContext, tt.wantPointer)
			}
			events, err := Parse([]byte(tt.doc))
			if err != nil || mustString(t, events[0]) != tt.wantJSON {
				t.Errorf("Parse gives another JSON (%v)", err)
			}
		})
	}
}

func TestEventJSONOfXMLEvent(t *testing.T) {
	ev := mustParseOne(t, sameEvent[2].doc)
	if _, err := ev.JSON(); !errors.Is(err, ErrNotJSON) {
		t.Errorf("JSON of an XML event: error %v, want ErrNotJSON", err)
	}
	if f := mustFacts(t, ev.WithEventID("urn:uuid:9")); f.EventID != "urn:uuid:9" {
		t.Errorf("WithEventID on an XML event: eventID %q", f.EventID)
	}
}

// TestEventWithEventIDAndRecordTime: capture's two additions show in the facts and the JSON
// of the new event, leave its hash alone, and leave the event they were made from as it was.
func TestEventWithEventIDAndRecordTime(t *testing.T) {
	stored := time.Date(2024, 5, 2, 9, 30, 15, 123456789, time.FixedZone("CST", 8*3600))
	tests := []struct {
		name, doc string
		change    func(Event) Event
		wantKey   string // the key in the JSON and its value
		wantValue string
		gone      string // a key the change removes from the JSON
		check     func(Facts) bool
		spliced   bool // the member is written before the object as sent
	}{
		{"eventID filled", strings.Replace(sameEvent[0].doc, `"eventID": "urn:uuid:1",`, "", 1),
			func(e Event) Event { return e.WithEventID("ni:///sha-256;00?ver=CBV2.0") },
			"eventID", "ni:///sha-256;00?ver=CBV2.0", "",
			func(f Facts) bool { return f.EventID == "ni:///sha-256;00?ver=CBV2.0" }, true},
		{"eventID replaced", sameEvent[0].doc, func(e Event) Event { return e.WithEventID("urn:uuid:5") },
			"eventID", "urn:uuid:5", "",
			func(f Facts) bool { return f.EventID == "urn:uuid:5" }, false},
		{"id of the simple context replaced", sameEvent[1].doc, func(e Event) Event { return e.WithEventID("urn:uuid:4") },
			"eventID", "urn:uuid:4", "id",
			func(f Facts) bool { return f.EventID == "urn:uuid:4" }, false},
		{"recordTime set", sameEvent[0].doc, func(e Event) Event { return e.WithRecordTime(stored) },
			"recordTime", "2024-05-02T01:30:15.123Z", "",
			func(f Facts) bool { return f.RecordTime.Equal(time.Date(2024, 5, 2, 1, 30, 15, 123e6, time.UTC)) }, true},
		{"recordTime replaced", sameEvent[1].doc, func(e Event) Event { return e.WithRecordTime(stored) },
			"recordTime", "2024-05-02T01:30:15.123Z", "",
			func(f Facts) bool { return f.RecordTime.Equal(time.Date(2024, 5, 2, 1, 30, 15, 123e6, time.UTC)) }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			original := mustParseOne(t, tt.doc)
			before := mustJSONObject(t, original)
			beforeFacts := mustFacts(t, original)
			changed := tt.change(original)
			if got, want := mustHash(t, changed), mustHash(t, original); got != want {
				t.Errorf("hash %s, want %s as before", got, want)
			}
			if f := mustFacts(t, changed); !tt.check(f) {
				t.Errorf("facts %s", describeFacts(f))
			}
			obj := mustJSONObject(t, changed)
			if obj[tt.wantKey] != tt.wantValue {
				t.Errorf("JSON %s = %v, want %s", tt.wantKey, obj[tt.wantKey], tt.wantValue)
			}
			if _, ok := obj[tt.gone]; tt.gone != "" && ok {
				t.Errorf("JSON still has %s", tt.gone)
			}
			if want := `{"` + tt.wantKey + `":"` + tt.wantValue + `",` + mustString(t, original)[1:]; tt.spliced && mustString(t, changed) != want {
				t.Errorf("JSON\n got %s\nwant %s", mustString(t, changed), want)
			}
			if f := mustFacts(t, mustParseOne(t, mustString(t, changed))); !tt.check(f) {
				t.Errorf("facts after a round trip %s", describeFacts(f))
			}
			if after := mustJSONObject(t, original); !reflect.DeepEqual(after, before) {
				t.Errorf("the original's JSON changed:\n got %v\nwant %v", after, before)
			}
			if after := mustFacts(t, original); !reflect.DeepEqual(after, beforeFacts) {
				t.Errorf("the original's facts changed:\n got %s\nwant %s", describeFacts(after), describeFacts(beforeFacts))
			}
		})
	}
}

func mustString(tb testing.TB, ev Event) string {
	tb.Helper()
	data, err := ev.JSON()
	if err != nil {
		tb.Fatal(err)
	}
	return string(data)
}

func mustJSONObject(tb testing.TB, ev Event) map[string]any {
	tb.Helper()
	var obj map[string]any
	if err := json.Unmarshal([]byte(mustString(tb, ev)), &obj); err != nil {
		tb.Fatal(err)
	}
	return obj
}
