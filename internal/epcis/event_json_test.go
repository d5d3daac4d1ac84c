package epcis

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"
)

// TestEventJSONRoundTrip: the JSON of every event of the GS1 examples, standing alone, parses
// back to an event with the same Event Hash ID and the same facts.
func TestEventJSONRoundTrip(t *testing.T) {
	forCorpusEvents(t, func(t *testing.T, i int, ev Event) {
		data, err := ev.JSON()
		if err != nil {
			t.Fatalf("event %d: %v", i, err)
		}
		back := mustParseOne(t, string(data))
		if got, want := mustHash(t, back), mustHash(t, ev); got != want {
			t.Errorf("event %d: hash %s after the round trip, want %s\n%s", i, got, want, data)
		}
		if got, want := mustFacts(t, back), mustFacts(t, ev); !reflect.DeepEqual(got, want) {
			t.Errorf("event %d: facts after the round trip\n got %s\nwant %s", i, describeFacts(got), describeFacts(want))
		}
	})
}

// TestEventJSONStandsAlone: an event's JSON carries the @context its names need, the
// document's before its own, and a single-event document's own @context once.
func TestEventJSONStandsAlone(t *testing.T) {
	tests := []struct {
		name, doc   string
		wantContext string
	}{
		{"event of a document", `{"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"ex": "https://ns.example.cn/trace/"}],
			"type": "EPCISDocument", "epcisBody": {"eventList": [{"type": "ObjectEvent", "action": "OBSERVE",
			"eventTime": "2024-05-01T10:00:00Z", "epcList": ["urn:epc:id:sgtin:0614141.812345.400"], "ex:lot": "A"}]}}`,
			`["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",{"ex":"https://ns.example.cn/trace/"}]`},
		{"event with a context of its own", `{"@context": "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
			"type": "EPCISDocument", "epcisBody": {"eventList": [{"@context": {"ex": "https://ns.example.cn/trace/"},
			"type": "ObjectEvent", "action": "OBSERVE", "eventTime": "2024-05-01T10:00:00Z",
			"epcList": ["urn:epc:id:sgtin:0614141.812345.400"], "ex:lot": "A"}]}}`,
			`["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",{"ex":"https://ns.example.cn/trace/"}]`},
		{"single event", `{"@context": [{"ex": "https://ns.example.cn/trace/"}], "type": "ObjectEvent", "action": "OBSERVE",
			"eventTime": "2024-05-01T10:00:00Z", "epcList": ["urn:epc:id:sgtin:0614141.812345.400"], "ex:lot": "A"}`,
			`[{"ex":"https://ns.example.cn/trace/"}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := mustParseOne(t, tt.doc)
			data := mustString(t, ev)
			var obj map[string]json.RawMessage
			if err := json.Unmarshal([]byte(data), &obj); err != nil {
				t.Fatal(err)
			}
			if got := string(obj["@context"]); got != tt.wantContext {
				t.Errorf("@context %s, want %s", got, tt.wantContext)
			}
			if got, want := mustHash(t, mustParseOne(t, data)), mustHash(t, ev); got != want {
				t.Errorf("hash %s after the round trip, want %s", got, want)
			}
		})
	}
}

func TestEventJSONOfValidatedEvent(t *testing.T) {
	events, err := Validate(benchDocument(2), benchNow)
	if err != nil {
		t.Fatal(err)
	}
	for i, ev := range events {
		data, err := ev.JSON()
		if err != nil {
			t.Fatalf("event %d: %v", i, err)
		}
		if got, want := mustHash(t, mustParseOne(t, string(data))), mustHash(t, ev); got != want {
			t.Errorf("event %d: hash %s after the round trip, want %s", i, got, want)
		}
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
	}{
		{"eventID filled", sameEvent[0].doc, func(e Event) Event { return e.WithEventID("ni:///sha-256;00?ver=CBV2.0") },
			"eventID", "ni:///sha-256;00?ver=CBV2.0", "",
			func(f Facts) bool { return f.EventID == "ni:///sha-256;00?ver=CBV2.0" }},
		{"id of the simple context replaced", sameEvent[1].doc, func(e Event) Event { return e.WithEventID("urn:uuid:4") },
			"eventID", "urn:uuid:4", "id",
			func(f Facts) bool { return f.EventID == "urn:uuid:4" }},
		{"recordTime set", sameEvent[0].doc, func(e Event) Event { return e.WithRecordTime(stored) },
			"recordTime", "2024-05-02T01:30:15.123Z", "",
			func(f Facts) bool { return f.RecordTime.Equal(time.Date(2024, 5, 2, 1, 30, 15, 123e6, time.UTC)) }},
		{"recordTime replaced", sameEvent[1].doc, func(e Event) Event { return e.WithRecordTime(stored) },
			"recordTime", "2024-05-02T01:30:15.123Z", "",
			func(f Facts) bool { return f.RecordTime.Equal(time.Date(2024, 5, 2, 1, 30, 15, 123e6, time.UTC)) }},
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
