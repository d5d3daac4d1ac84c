package rules

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// listSeparators splits a list typed into a form: commas (either width), 、 or spaces.
var listSeparators = regexp.MustCompile(`[,，、\s]+`)

func formatNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func toFloat(x any) float64 {
	switch v := x.(type) {
	case int64:
		return float64(v)
	case float64:
		return v
	case json.Number:
		f, _ := v.Float64()
		return f
	}
	return 0
}

// valueParts splits a value into its printed items and says whether it is a list.
func valueParts(v json.RawMessage) ([]string, bool) {
	x, err := decodeValue(v)
	if err != nil {
		return []string{string(v)}, false
	}
	items, isList := x.([]any)
	if !isList {
		return []string{fmt.Sprint(x)}, false
	}
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = fmt.Sprint(it)
	}
	return parts, true
}

// show renders a value for people: numbers as written, a range as "≥ 1" or "1–2", other
// lists joined with "、".
func (r Rule) show(v json.RawMessage) string {
	parts, isList := valueParts(v)
	switch {
	case !isList:
		return parts[0]
	case r.Steps:
		return showSteps(parts)
	case r.Range && len(parts) == 1:
		return "≥ " + parts[0]
	case r.Range:
		return strings.Join(parts, "–")
	}
	return strings.Join(parts, "、")
}

// input renders a value as the override form expects it back: list items joined by ", ".
func (r Rule) input(v json.RawMessage) string {
	parts, _ := valueParts(v)
	return strings.Join(parts, ", ")
}

// parseInput turns what a person typed into a JSON value of the rule's type; Check then
// reports anything of the wrong type or out of range.
func (r Rule) parseInput(s string) json.RawMessage {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	var x any = typed(r.Type, s)
	if r.Type == List {
		parts := listSeparators.Split(s, -1)
		items := make([]any, 0, len(parts))
		for _, p := range parts {
			if p != "" {
				items = append(items, typed(r.Items, p))
			}
		}
		x = items
	}
	out, _ := json.Marshal(x) // strings and valid JSON numbers always encode
	return out
}

// typed keeps s as a JSON number when a number is expected and s is one, else as text.
func typed(t Type, s string) any {
	if t != Integer && t != Number {
		return s
	}
	if _, err := strconv.ParseFloat(s, 64); err != nil || !json.Valid([]byte(s)) {
		return s
	}
	return json.Number(s)
}

// showSteps renders a step table, or the plain list when it is not one.
func showSteps(parts []string) string {
	list := make([]float64, len(parts))
	for i, p := range parts {
		list[i], _ = strconv.ParseFloat(p, 64)
	}
	if t, ok := ParseSteps(list); ok {
		return t.String()
	}
	return strings.Join(parts, "、")
}
