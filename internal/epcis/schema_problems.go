package epcis

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	schemakind "github.com/santhosh-tekuri/jsonschema/v6/kind"
)

// problems turns the error of validating value against the schema into problems, one per
// broken rule. Groups of errors ($ref, allOf, if/then) are walked down to their leaves,
// each one keyword that failed on one value; base is value's pointer in the document.
func (s captureSchema) problems(err error, value any, event int, base string) []Problem {
	var verr *jsonschema.ValidationError
	if !errors.As(err, &verr) {
		return nil
	}
	c := schemaErrorReader{spec: s.spec, value: value, event: event, base: base}
	c.read(verr)
	return c.problems
}

// schemaErrorReader collects the problems of one validation error tree.
type schemaErrorReader struct {
	spec     *specialiser
	value    any
	event    int
	base     string
	problems []Problem
}

func (r *schemaErrorReader) read(e *jsonschema.ValidationError) {
	at := r.base + instancePointer(e.InstanceLocation)
	switch k := e.ErrorKind.(type) {
	case *schemakind.Schema, *schemakind.Group, *schemakind.Reference, *schemakind.AllOf:
		for _, cause := range e.Causes {
			r.read(cause)
		}
	case *schemakind.Required:
		for _, name := range k.Missing {
			r.add(at+"/"+pointerToken(name), RuleRequired, nil)
		}
	case *schemakind.AdditionalProperties:
		for _, name := range k.Properties {
			r.add(at+"/"+pointerToken(name), RuleUnknownField, nil)
		}
	case *schemakind.FalseSchema:
		r.add(at, RuleFieldNotAllowed, map[string]any{"eventType": r.spec.definition(e.SchemaURL)})
	default:
		rule, params := leafRule(e, r.spec.definition(e.SchemaURL), valueAt(r.value, e.InstanceLocation))
		r.add(at, rule, params)
	}
}

func (r *schemaErrorReader) add(pointer, rule string, params map[string]any) {
	r.problems = append(r.problems, newProblem(r.event, pointer, rule, params))
}

// vocabularies are the schema's definitions whose enum lists the words of a CBV or GS1
// vocabulary.
var vocabularies = map[string]bool{
	"bizStep": true, "disposition": true, "bizTransactionType": true, "sourceDestinationType": true,
	"errorReason": true, "component": true, "measurementType": true, "sensorAlertType": true,
}

// patternRules name the rule each pattern of the schema states, by its definition.
var patternRules = map[string]string{
	"timeZoneOffset": RuleTimeZoneOffset,
	"uom":            RuleUOM,
	"schemaVersion":  RuleSchemaVersion,
	"hexBinary":      RuleHexBinary,
}

// leafRule names the rule of one failed keyword on value, which lies in the schema's
// definition def, with the params of its message.
func leafRule(e *jsonschema.ValidationError, def string, value any) (string, map[string]any) {
	shown := map[string]any{"value": fmt.Sprint(value)}
	switch k := e.ErrorKind.(type) {
	case *schemakind.Type:
		return RuleType, map[string]any{"want": strings.Join(k.Want, " or "), "got": k.Got}
	case *schemakind.Format:
		if k.Want == "date-time" {
			return RuleDateTime, shown
		}
		shown["detail"] = fmt.Sprint(k.Err)
		return RuleURI, shown
	case *schemakind.Enum:
		if vocabularies[def] {
			shown["vocabulary"] = def
			return RuleVocabulary, shown
		}
		allowed := make([]string, len(k.Want))
		for i, w := range k.Want {
			allowed[i] = fmt.Sprint(w)
		}
		shown["allowed"] = strings.Join(allowed, ", ")
		return RuleEnum, shown
	case *schemakind.Not: // the schema's only "not" keeps CBV URNs and GS1 Web URIs out of vocabularies
		return RuleVocabularyURI, shown
	case *schemakind.Pattern:
		if rule, ok := patternRules[def]; ok {
			return rule, shown
		}
	case *schemakind.MinItems:
		return RuleMinItems, map[string]any{"min": k.Want}
	case *schemakind.UniqueItems:
		return RuleUniqueItems, map[string]any{"first": k.Duplicates[0], "second": k.Duplicates[1]}
	case *schemakind.MinProperties:
		return RuleNotEmpty, nil
	}
	return RuleSchema, map[string]any{"detail": e.Error()}
}

// instancePointer writes an instance location as a JSON pointer.
func instancePointer(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(pointerToken(t))
	}
	return b.String()
}

// valueAt returns the value at an instance location inside v, or nil.
func valueAt(v any, tokens []string) any {
	for _, t := range tokens {
		switch c := v.(type) {
		case map[string]any:
			v = c[t]
		case []any:
			i, err := strconv.Atoi(t)
			if err != nil || i < 0 || i >= len(c) {
				return nil
			}
			v = c[i]
		default:
			return nil
		}
	}
	return v
}
