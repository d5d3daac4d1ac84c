package epcis

import (
	"bytes"
	"encoding/json"
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
	value string
}

// JSON returns the event's JSON object as the sender wrote it, for capture to store and
// query to answer with: its bytes without insignificant white space, with the members
// WithEventID and WithRecordTime set written first. Only when one of them replaces a member
// the object has (a recordTime the sender gave) is the object written anew, by
// encoding/json, keys sorted.
//
// The object is the event's own: the @context of the document around it is not added (an
// event read from a single-event document carries its own). Its extension fields read as
// they did only inside a document with the same @context (Document.Context).
func (e Event) JSON() ([]byte, error) {
	if e.json == nil {
		return nil, ErrNotJSON
	}
	if e.jsonReplaces {
		return e.rewrittenJSON()
	}
	size := len(e.json)
	for _, m := range e.jsonSet {
		size += len(m.key) + len(m.value) + 8 // quotes, colon, comma and an escape or two
	}
	out := make([]byte, 0, size)
	out = append(out, '{')
	for _, m := range e.jsonSet {
		value, err := json.Marshal(m.value)
		if err != nil {
			return nil, fmt.Errorf("write event JSON: %w", err)
		}
		out = append(append(append(append(out, '"'), m.key...), `":`...), value...)
		out = append(out, ',')
	}
	out = compactJSON(out, bytes.TrimLeft(e.json[1:], " \t\r\n"))
	if len(e.jsonSet) > 0 && out[len(out)-2] == ',' && out[len(out)-1] == '}' { // the object was empty
		out = append(out[:len(out)-2], '}')
	}
	return out, nil
}

// rewrittenJSON writes the event's object anew with the members set in place of its own.
func (e Event) rewrittenJSON() ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(e.json))
	dec.UseNumber()
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil {
		return nil, fmt.Errorf("read event JSON: %w", err)
	}
	for _, m := range e.jsonSet {
		if m.key == "eventID" {
			delete(obj, "id") // the simple context's alias
		}
		obj[m.key] = m.value
	}
	data, err := marshalJSON(obj)
	if err != nil {
		return nil, fmt.Errorf("write event JSON: %w", err)
	}
	return data, nil
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
	if len(fields) < len(e.fields) && !slices.ContainsFunc(e.jsonSet, func(m jsonMember) bool { return m.key == name }) {
		e.jsonReplaces = true // the JSON object has the member itself
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
