package epcis

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// ErrNotJSON reports an event read from XML, which has no JSON object to give.
var ErrNotJSON = errors.New("the event was not read from JSON")

// jsonMember is a member set on an event's JSON object after it was read.
type jsonMember struct {
	key   string
	value any
}

// JSON returns the event's JSON object as it was received, for capture to store and query to
// answer with, keys sorted, numbers as they were written, with the members WithEventID and
// WithRecordTime set. An event of a document carries the document's @context (before its
// own, if any), so that its extension fields read the same when it stands alone: Parse gives
// the same event back.
func (e Event) JSON() ([]byte, error) {
	if e.json == nil {
		return nil, ErrNotJSON
	}
	set := e.jsonSet
	if e.context != nil {
		set = append(slices.Clip(set), jsonMember{"@context", joinContexts(e.context, e.json["@context"])})
	}
	w := jsonWriter{buf: make([]byte, 0, 2048)}
	w.object(e.json, set)
	if w.err != nil {
		return nil, fmt.Errorf("write event JSON: %w", w.err)
	}
	return w.buf, nil
}

// joinContexts returns the @context of an event standing alone: the document's definitions,
// then the event's own, which JSON-LD lets override them.
func joinContexts(document, own any) any {
	if own == nil {
		return document
	}
	var out []any
	for _, c := range []any{document, own} {
		if list, ok := c.([]any); ok {
			out = append(out, list...)
		} else {
			out = append(out, c)
		}
	}
	return out
}

// WithEventID returns the event with its eventID set to id, as capture names an event that
// came without one by its Event Hash ID. The hash does not change: it leaves eventID out.
// In the JSON object "eventID" takes the place of the simple context's alias "id".
func (e Event) WithEventID(id string) Event {
	return e.with("eventID", id)
}

// WithRecordTime returns the event with its recordTime set to t, the time capture stored
// it, written in UTC with milliseconds.
func (e Event) WithRecordTime(t time.Time) Event {
	return e.with("recordTime", t.UTC().Format("2006-01-02T15:04:05.000Z"))
}

// with returns the event with the top-level field name set to value. The fields and the
// members set are copied, so that the Event it came from does not change.
func (e Event) with(name, value string) Event {
	fields := make([]*node, 0, len(e.fields)+1)
	for _, n := range e.fields {
		if n.name != name {
			fields = append(fields, n)
		}
	}
	e.fields = append(fields, &node{name: name, value: value})
	if e.json != nil {
		set := make([]jsonMember, 0, len(e.jsonSet)+1)
		for _, m := range e.jsonSet {
			if m.key != name {
				set = append(set, m)
			}
		}
		e.jsonSet = append(set, jsonMember{name, value})
	}
	return e
}

// replaces reports whether a member set replaces the object's member key: the same key, or
// "id", the alias of eventID.
func replaces(set []jsonMember, key string) bool {
	return slices.ContainsFunc(set, func(m jsonMember) bool {
		return m.key == key || m.key == "eventID" && key == "id"
	})
}
