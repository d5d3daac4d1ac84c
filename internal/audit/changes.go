package audit

import (
	"bytes"
	"encoding/json"
	"slices"
)

// Change is one field that differs between an entry's before and after, as shown to
// admins. A state that is not a JSON object shows whole, with an empty Field.
type Change struct {
	Field  string
	Before string
	After  string
}

// Changes lists what e changed: the top-level fields of before and after that differ
// (every field of a created or deleted object), in name order.
func (e Entry) Changes() []Change {
	before, okB := fields(e.Before)
	after, okA := fields(e.After)
	if !okB || !okA {
		if len(e.Before) == 0 && len(e.After) == 0 {
			return nil
		}
		return []Change{{Before: string(e.Before), After: string(e.After)}}
	}
	var names []string
	for k := range before {
		names = append(names, k)
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	var out []Change
	for _, k := range names {
		b, a := compact(before[k]), compact(after[k])
		if b != a {
			out = append(out, Change{Field: k, Before: b, After: a})
		}
	}
	return out
}

// fields splits a stored state into its top-level fields; an empty state has none. ok is
// false for a state that is not a JSON object.
func fields(raw json.RawMessage) (map[string]json.RawMessage, bool) {
	m := map[string]json.RawMessage{}
	if len(raw) == 0 {
		return m, true
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, false
	}
	return m, true
}

// compact is a field's value for display: strings without their quotes, anything else as
// compact JSON, absent as empty.
func compact(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return string(raw)
	}
	return b.String()
}
