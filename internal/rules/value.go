package rules

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shejian/shejian/internal/apperr"
)

// ValueField names the value in field errors ("field.rule_value" in the catalogs).
const ValueField = "rule_value"

// Limits of a value: the longest text and the longest list.
const (
	maxText  = 200
	maxItems = 20
)

// Check validates v against the rule's declared type and min/max and returns it in
// canonical JSON. Errors are field errors on ValueField naming the broken rule.
func (r Rule) Check(v json.RawMessage) (json.RawMessage, error) {
	var c apperr.Collector
	x, err := decodeValue(v)
	switch {
	case err != nil:
		c.Add(ValueField, "json_syntax", map[string]any{"detail": err.Error()})
	case x == nil:
		c.Add(ValueField, "required", nil)
	case r.Type == List:
		x = r.checkList(&c, x)
	default:
		x, _ = r.checkScalar(&c, r.Type, x)
	}
	if err := c.Err(); err != nil {
		return nil, err
	}
	out, err := json.Marshal(x)
	if err != nil {
		return nil, fmt.Errorf("encode %s value: %w", r.Key, err)
	}
	return out, nil
}

func decodeValue(v json.RawMessage) (any, error) {
	if len(bytes.TrimSpace(v)) == 0 {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(v))
	dec.UseNumber()
	var x any
	if err := dec.Decode(&x); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("more than one value")
	}
	return x, nil
}

// checkScalar checks one decoded value of type t and returns it normalised.
func (r Rule) checkScalar(c *apperr.Collector, t Type, x any) (any, bool) {
	if t == String {
		s, ok := x.(string)
		s = strings.TrimSpace(s)
		switch {
		case !ok || s == "":
			c.Add(ValueField, "rule_text", nil)
			return nil, false
		case utf8.RuneCountInString(s) > maxText:
			c.Add(ValueField, "too_long", map[string]any{"max": maxText})
			return nil, false
		}
		return s, true
	}
	n, _ := x.(json.Number)
	if t == Integer {
		i, err := strconv.ParseInt(string(n), 10, 64)
		if err != nil {
			c.Add(ValueField, "integer", nil)
			return nil, false
		}
		return i, r.checkBounds(c, float64(i))
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil {
		c.Add(ValueField, "number", nil)
		return nil, false
	}
	return f, r.checkBounds(c, f)
}

func (r Rule) checkBounds(c *apperr.Collector, f float64) bool {
	if r.Min != nil && f < *r.Min {
		c.Add(ValueField, "min", map[string]any{"min": formatNumber(*r.Min), "key": r.Key})
		return false
	}
	if r.Max != nil && f > *r.Max {
		c.Add(ValueField, "max", map[string]any{"max": formatNumber(*r.Max), "key": r.Key})
		return false
	}
	return true
}

func (r Rule) checkList(c *apperr.Collector, x any) any {
	items, ok := x.([]any)
	if !ok || len(items) == 0 || len(items) > maxItems {
		c.Add(ValueField, "rule_list", map[string]any{"max": maxItems})
		return nil
	}
	out := make([]any, 0, len(items))
	for _, it := range items {
		v, ok := r.checkScalar(c, r.Items, it)
		if !ok {
			return nil
		}
		out = append(out, v)
	}
	if r.Range && (len(out) > 2 || len(out) == 2 && toFloat(out[1]) < toFloat(out[0])) {
		c.Add(ValueField, "rule_range", nil)
	}
	if r.Steps && !isStepTable(out) {
		c.Add(ValueField, "rule_steps", nil)
	}
	return out
}
