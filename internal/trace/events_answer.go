package trace

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
)

// EPCISContext is the JSON-LD context of EPCIS 2.0, the first of every query document's.
const EPCISContext = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"

// pageContext is the @context of a page of events: the EPCIS context, then one object of
// the terms (extension prefixes) that the documents of the page's events defined. The
// capture job of a document that defined a term otherwise than another document of the
// page, or named a context other than EPCIS's, is not covered: its events carry their
// document's @context themselves.
type pageContext struct {
	defs    map[string]any
	covered map[int64]bool
	items   map[int64][]any // each job's @context as a list
}

func newPageContext() *pageContext {
	return &pageContext{defs: map[string]any{}, covered: map[int64]bool{}, items: map[int64][]any{}}
}

// add takes the @context of the document of a job, once.
func (pc *pageContext) add(job int64, context json.RawMessage) error {
	if _, seen := pc.items[job]; seen {
		return nil
	}
	items, err := contextItems(context)
	if err != nil {
		return fmt.Errorf("capture job %d: %w", job, err)
	}
	pc.items[job] = items
	defs := map[string]any{}
	for _, item := range items {
		switch v := item.(type) {
		case string:
			if !isEPCISContext(v) {
				return nil
			}
		case map[string]any:
			for term, def := range v {
				if old, defined := pc.defs[term]; defined && !reflect.DeepEqual(old, def) {
					return nil
				}
				defs[term] = def
			}
		default:
			return nil
		}
	}
	maps.Copy(pc.defs, defs)
	pc.covered[job] = true
	return nil
}

// value is the page's @context.
func (pc *pageContext) value() []any {
	if len(pc.defs) == 0 {
		return []any{EPCISContext}
	}
	return []any{EPCISContext, pc.defs}
}

// isEPCISContext reports whether a context URL is the EPCIS 2.0 context, at GS1's
// reference site or at its development site, as older documents name it.
func isEPCISContext(url string) bool { return strings.HasSuffix(url, "/epcis-context.jsonld") }

// contextItems reads a @context as a list: JSON-LD takes a single value as a list of one.
func contextItems(context json.RawMessage) ([]any, error) {
	if len(context) == 0 {
		return nil, nil
	}
	var v any
	if err := json.Unmarshal(context, &v); err != nil {
		return nil, fmt.Errorf("read @context: %w", err)
	}
	switch v := v.(type) {
	case nil:
		return nil, nil
	case []any:
		return v, nil
	}
	return []any{v}, nil
}

// answerEvent writes a stored event as a page answers it: its members as stored, with the
// errorDeclaration of its declaration row when it has one, and an @context of what the
// page's does not say. The stored event may carry its document's @context copied in
// front of its own, or its own only: the document's is taken off either way, and put back
// only when the page's does not cover its job.
func (pc *pageContext) answerEvent(e *queriedEvent) (json.RawMessage, error) {
	if e.declaration == nil && pc.covered[e.job] && !bytes.Contains(e.json, []byte(`"@context"`)) {
		return e.json, nil // nothing to add or take off
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(e.json, &members); err != nil {
		return nil, fmt.Errorf("stored event %d: %w", e.row, err)
	}
	if e.declaration != nil {
		var d struct {
			ErrorDeclaration json.RawMessage `json:"errorDeclaration"`
		}
		if err := json.Unmarshal(e.declaration.json, &d); err != nil {
			return nil, fmt.Errorf("declaration of stored event %d: %w", e.row, err)
		}
		members["errorDeclaration"] = d.ErrorDeclaration
	}
	own, err := contextItems(members["@context"])
	if err != nil {
		return nil, fmt.Errorf("stored event %d: %w", e.row, err)
	}
	document := pc.items[e.job]
	if n := len(document); n > 0 && len(own) >= n && reflect.DeepEqual(own[:n], document) {
		own = own[n:]
	}
	if !pc.covered[e.job] {
		own = append(slices.Clip(document), own...)
	}
	delete(members, "@context")
	if len(own) > 0 {
		if members["@context"], err = json.Marshal(own); err != nil {
			return nil, fmt.Errorf("stored event %d: %w", e.row, err)
		}
	}
	return encodeJSON(members)
}

// encodeJSON writes v as compact JSON without escaping HTML characters, as it was sent.
func encodeJSON(v any) (json.RawMessage, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("write JSON: %w", err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// answer writes the events of a page with the page's @context. contexts holds the
// @context of capture jobs read before; answer adds those it lacks.
func (s *Store) answer(ctx context.Context, events []queriedEvent, contexts map[int64]json.RawMessage) (EventPage, error) {
	if err := s.jobContexts(ctx, events, contexts); err != nil {
		return EventPage{}, err
	}
	pc := newPageContext()
	for _, e := range events {
		if err := pc.add(e.job, contexts[e.job]); err != nil {
			return EventPage{}, err
		}
		if e.declaration != nil {
			if err := pc.add(e.declaration.job, contexts[e.declaration.job]); err != nil {
				return EventPage{}, err
			}
		}
	}
	page := EventPage{Events: make([]json.RawMessage, len(events))}
	for i := range events {
		var err error
		if page.Events[i], err = pc.answerEvent(&events[i]); err != nil {
			return EventPage{}, err
		}
	}
	var err error
	page.Context, err = json.Marshal(pc.value())
	return page, err
}
