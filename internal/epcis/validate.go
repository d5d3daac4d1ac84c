package epcis

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
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
	d, err := Validation{Now: now}.Validate(data)
	return d.Events, err
}

// Validation is how Validate checks a document, as capture sets it.
type Validation struct {
	Now time.Time // the server's clock
	// MaxEvents refuses a document of more events with ErrTooManyEvents before any is
	// validated; 0 is no limit.
	MaxEvents int
	// Workers is how many goroutines validate a document's events at once, each taking
	// at least minPart of them; below 2 the caller's goroutine validates them all.
	Workers int
}

// ErrTooManyEvents reports a document of more events than Validation.MaxEvents.
var ErrTooManyEvents = errors.New("too many events")

// minPart is the fewest events worth a goroutine of their own.
const minPart = 64

// Document is what validation read of a document: its events when it breaks no rule, and
// what capture records of it in any case.
type Document struct {
	Events []Event
	// Count is how many events the document holds, counted when it is refused too (0 for
	// a document with no event list to read).
	Count int
	// Context is the document's @context as sent, nil when it has none. The JSON of an
	// event of the document is read with it (Event.JSON).
	Context json.RawMessage
	// ListPointer is the JSON pointer of the event list, "" for a single event.
	ListPointer string
}

// Validate checks data as the package's Validate does, and says more of it: what
// Document holds. The returned Document is filled as far as validation went.
func (v Validation) Validate(data []byte) (Document, error) {
	var d Document
	doc, err := readDocument(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if err != nil {
		return d, &InvalidError{Problems: []Problem{newProblem(-1, "", RuleJSONSyntax, map[string]any{"detail": syntaxDetail(err)})}}
	}
	d.Context = doc.contextJSON()
	list, err := eventListOf(doc.tree)
	listed := err == nil
	if listed {
		d.Count, d.ListPointer = len(list.items), list.base
		if v.MaxEvents > 0 && d.Count > v.MaxEvents {
			return d, ErrTooManyEvents
		}
	}
	schema := loadCaptureSchema()
	problems := schema.problems(schema.envelope.Validate(doc.tree), doc.tree, -1, "")
	if listed {
		events, eventProblems, err := v.checkEvents(doc, list, schema)
		if err != nil {
			return d, err
		}
		problems = append(problems, eventProblems...)
		d.Events = events
	}
	if len(problems) > 0 {
		slices.SortStableFunc(problems, func(a, b Problem) int {
			return cmp.Or(cmp.Compare(a.Event, b.Event), cmp.Compare(a.Pointer, b.Pointer), cmp.Compare(a.Rule, b.Rule))
		})
		d.Events = nil
		return d, &InvalidError{Problems: problems}
	}
	return d, nil
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

// eventListOf finds the events of a document, or says why it has no list to read (the
// envelope's schema problems say it to the sender).
func eventListOf(doc map[string]any) (eventList, error) {
	items, err := jsonEventList(doc)
	if err != nil {
		return eventList{}, err
	}
	switch doc["type"] {
	case "EPCISDocument":
		return eventList{items: items, base: "/epcisBody/eventList"}, nil
	case "EPCISQueryDocument":
		return eventList{items: items, base: "/epcisBody/queryResults/resultsBody/eventList"}, nil
	}
	return eventList{items: items, single: true}, nil
}

// checkEvents validates each event against the event schema and, when it passes, against
// the rules of validate_semantic.go, then looks for event IDs used twice. It converts the
// events that pass the schema, the same decoded objects being read by both. The events
// are shared among up to v.Workers goroutines, each taking every n-th.
func (v Validation) checkEvents(doc *jsonDocument, list eventList, schema captureSchema) ([]Event, []Problem, error) {
	conv := newJSONConverter(doc.tree)
	raw := doc.itemJSON(list)
	events := make([]Event, len(list.items))
	passed := make([]bool, len(list.items))
	workers := max(1, min(v.Workers, len(list.items)/minPart))
	found := make([][]Problem, workers)
	errs := make([]error, workers)
	check := func(w int) {
		for i := w; i < len(list.items) && errs[w] == nil; i += workers {
			var p []Problem
			p, errs[w] = v.checkEvent(conv, list, i, raw(i), schema, &events[i], &passed[i])
			found[w] = append(found[w], p...)
		}
	}
	if workers == 1 {
		check(0)
	} else {
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() { check(w) })
		}
		wg.Wait()
	}
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	problems := slices.Concat(found...)
	dup, err := duplicateEventIDs(list, events, passed)
	if err != nil {
		return nil, nil, err
	}
	return events, append(problems, dup...), nil
}

// checkEvent validates event i of the list, setting *ev and *passed when it passes the
// schema. raw is its JSON as sent.
func (v Validation) checkEvent(conv jsonConverter, list eventList, i int, raw []byte, schema captureSchema,
	ev *Event, passed *bool) ([]Problem, error) {
	item := list.items[i]
	ptr := list.pointer(i)
	found := schema.problems(schema.eventSchema(item).Validate(item), item, i, ptr)
	obj, _ := item.(map[string]any)
	if len(found) == 0 {
		for _, f := range checkEventRules(obj, v.Now) {
			found = append(found, newProblem(i, ptr+f.pointer, f.rule, f.params))
		}
		converted, err := conv.event(obj, raw)
		if err != nil {
			return nil, fmt.Errorf("convert event %d that passed the schema: %w", i, err)
		}
		*ev, *passed = converted, true
	}
	id, _ := eventIDOf(obj)
	for j := range found {
		found[j].EventID = id
	}
	return found, nil
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
