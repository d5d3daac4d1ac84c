package epcis

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// ClockSkew is how far a time may pass the bound a rule sets before the document is
// rejected (an eventTime the server's clock, a sensor reading its eventTime): readers,
// sensors and servers do not share a clock to the second.
const ClockSkew = 5 * time.Minute

// Validate checks an EPCIS 2.0 document in JSON / JSON-LD as capture receives it (an
// EPCISDocument, an EPCISQueryDocument or a single event) against our schema and the rules
// of the standard a schema cannot state, now being the server's time. It decodes the
// document once and returns its events, ready to hash, when it breaks no rule; otherwise an
// *InvalidError lists every problem of every event, since capture takes all or nothing.
// Any other error is a bug.
func Validate(data []byte, now time.Time) ([]Event, error) {
	doc, err := decodeJSON(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if err != nil {
		return nil, &InvalidError{Problems: []Problem{newProblem(-1, "", RuleJSONSyntax, map[string]any{"detail": syntaxDetail(err)})}}
	}
	schema := loadCaptureSchema()
	problems := schemaProblems(schema.envelope.Validate(doc), doc, -1, "")
	list, listed := eventListOf(doc)
	var events []Event
	if listed {
		var eventProblems []Problem
		events, eventProblems, err = checkEvents(doc, list, schema, now)
		if err != nil {
			return nil, err
		}
		problems = append(problems, eventProblems...)
	}
	if len(problems) > 0 {
		slices.SortStableFunc(problems, func(a, b Problem) int {
			return cmp.Or(cmp.Compare(a.Event, b.Event), cmp.Compare(a.Pointer, b.Pointer), cmp.Compare(a.Rule, b.Rule))
		})
		return nil, &InvalidError{Problems: problems}
	}
	return events, nil
}

// syntaxDetail says what is wrong with a document that is not one JSON object, and where.
func syntaxDetail(err error) string {
	var syntax *json.SyntaxError
	var wrongType *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return fmt.Sprintf("%v (byte %d)", err, syntax.Offset)
	case errors.As(err, &wrongType):
		return "a JSON " + wrongType.Value + ", not an object"
	}
	return err.Error()
}

// eventList is the list of events of a document and where it lies in the document.
type eventList struct {
	items  []any
	base   string // pointer of the list
	single bool   // the document is one event, at the root
}

func (l eventList) pointer(i int) string {
	if l.single {
		return ""
	}
	return l.base + "/" + strconv.Itoa(i)
}

// eventListOf finds the events of a document. It reports false when the document has no
// list to read; the envelope's schema problems then say why.
func eventListOf(doc map[string]any) (eventList, bool) {
	items, err := jsonEventList(doc)
	if err != nil {
		return eventList{}, false
	}
	switch doc["type"] {
	case "EPCISDocument":
		return eventList{items: items, base: "/epcisBody/eventList"}, true
	case "EPCISQueryDocument":
		return eventList{items: items, base: "/epcisBody/queryResults/resultsBody/eventList"}, true
	}
	return eventList{items: items, single: true}, true
}

// checkEvents validates each event against the event schema and, when it passes, against
// the rules of validate_semantic.go, then looks for event IDs used twice. It converts the
// events that pass the schema, the same decoded objects being read by both.
func checkEvents(doc map[string]any, list eventList, schema captureSchema, now time.Time) ([]Event, []Problem, error) {
	conv := newJSONConverter(doc)
	events := make([]Event, len(list.items))
	passed := make([]bool, len(list.items))
	var problems []Problem
	for i, item := range list.items {
		ptr := list.pointer(i)
		found := schemaProblems(schema.event.Validate(item), item, i, ptr)
		obj, _ := item.(map[string]any)
		if len(found) == 0 {
			for _, f := range checkEventRules(obj, now) {
				found = append(found, newProblem(i, ptr+f.pointer, f.rule, f.params))
			}
			ev, err := conv.event(obj)
			if err != nil {
				return nil, nil, fmt.Errorf("convert event %d that passed the schema: %w", i, err)
			}
			events[i], passed[i] = ev, true
		}
		id, _ := eventIDOf(obj)
		for j := range found {
			found[j].EventID = id
		}
		problems = append(problems, found...)
	}
	dup, err := duplicateEventIDs(list, events, passed)
	if err != nil {
		return nil, nil, err
	}
	return events, append(problems, dup...), nil
}

// eventIDOf returns an event's eventID and the field holding it: eventID, or id as the
// simple context writes it. It returns "" when the event has none.
func eventIDOf(obj map[string]any) (id, field string) {
	for _, field := range []string{"eventID", "id"} {
		if id, ok := obj[field].(string); ok {
			return id, field
		}
	}
	return "", ""
}
