package epcis

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// The schema as the validator runs it. jsonschema/v6 allocates for every subschema it
// enters, so the cost of an event is the count of subschemas it passes through: each $ref,
// each branch of the event's five if/then conditionals, each definition. Validate therefore
// runs, for each of the five event types, a specialised copy of #/$defs/event derived here
// from the schema file when it is compiled: the conditionals are resolved for that type (the
// type's definition merged into the event's fields), and each $ref is replaced by the
// definition it names. Both steps merge keywords into one subschema only where that changes
// nothing jsonschema finds (mergeable), so each event breaks the same keywords as with
// #/$defs/event, which stays the schema of an event of no known type and of tools
// validating the file.

// maxInlineDepth bounds how deep definitions are inlined into each other: a $ref deeper
// stays a $ref, as a recursive definition must.
const maxInlineDepth = 8

// annotations are keywords that judge nothing: where a definition is inlined beside
// sibling keywords, its annotations give way to theirs.
var annotations = map[string]bool{"description": true, "$comment": true, "title": true}

// specialiser derives the specialised event schemas from the schema's $defs, remembering
// where each inlined definition went: a problem names the definition its keyword lies in
// (definition), which the location of an inlined keyword no longer says.
type specialiser struct {
	defs map[string]any
	// origins maps the schema location of each inlined definition (the pointer part, as
	// jsonschema writes it) to the definition's name.
	origins map[string]string
}

// specialisedName is the $defs entry of the specialised schema of an event type.
func specialisedName(eventType string) string { return "inlined-" + eventType }

// addSpecialised adds to the schema's $defs the specialised schema of each event type.
func (s *specialiser) addSpecialised() error {
	event, ok := s.defs["event"].(map[string]any)
	if !ok {
		return errors.New("no event definition")
	}
	for typ := range eventTypes {
		name := specialisedName(typ)
		at := "/$defs/" + name
		typed, err := s.forType(event, typ, at)
		if err != nil {
			return err
		}
		s.origins[schemaPointer(at)] = "event"
		s.defs[name] = s.inline(typed, at, 0)
	}
	return nil
}

// forType returns the event's schema for events of type typ: its conditionals dropped, the
// type's definition merged in. A property both give is the conjunction of both: the type's
// keywords beside the event's $ref (which inline merges when that changes nothing) or its
// schema when mergeable, else an allOf of the two; a property the type forbids (false) is
// an allOf of the event's schema and false, located in the type's definition, so that a
// value breaking both is told both.
func (s *specialiser) forType(event map[string]any, typ, at string) (map[string]any, error) {
	def, ok := s.defs[typ].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("no definition of %s", typ)
	}
	out := clone(event)
	delete(out, "allOf")
	required, _ := event["required"].([]any)
	extra, _ := def["required"].([]any)
	out["required"] = append(append([]any{}, required...), extra...)
	props := clone(event["properties"].(map[string]any))
	own, _ := def["properties"].(map[string]any)
	for key, v := range own {
		base, _ := props[key].(map[string]any)
		switch v := v.(type) {
		case bool:
			if !v {
				props[key] = map[string]any{"allOf": []any{base, false}}
				s.origins[schemaPointer(at+"/properties/"+pointerToken(key)+"/allOf/1")] = typ
			}
		case map[string]any:
			if _, isRef := base["$ref"]; !isRef && !mergeable(base, v) {
				props[key] = map[string]any{"allOf": []any{base, v}}
				continue
			}
			merged := clone(base)
			for k, e := range v {
				if _, clash := merged[k]; clash && !annotations[k] {
					return nil, fmt.Errorf("%s: property %s sets %s twice", typ, key, k)
				}
				merged[k] = e
			}
			props[key] = merged
		}
	}
	out["properties"] = props
	for k := range def {
		if k != "required" && k != "properties" && !annotations[k] {
			return nil, fmt.Errorf("%s: keyword %s is not merged", typ, k)
		}
	}
	return out, nil
}

// inline returns v, found at pointer at, with each local $ref replaced by the definition it
// names where the keywords beside it are mergeable with the definition.
func (s *specialiser) inline(v any, at string, depth int) any {
	switch v := v.(type) {
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = s.inline(e, fmt.Sprintf("%s/%d", at, i), depth)
		}
		return out
	case map[string]any:
		ref, _ := v["$ref"].(string)
		name, local := strings.CutPrefix(ref, "#/$defs/")
		def, found := s.defs[name].(map[string]any)
		if local && found && depth < maxInlineDepth && mergeable(def, v) {
			s.origins[schemaPointer(at)] = name
			merged := clone(def)
			for k, e := range v {
				if k != "$ref" {
					merged[k] = e
				}
			}
			return s.inline(merged, at, depth+1)
		}
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = s.inline(e, at+"/"+pointerToken(k), depth)
		}
		return out
	}
	return v
}

// typeKeywords are the keywords that judge values of one JSON type only, by that type.
var typeKeywords = map[string]string{
	"items": "array", "prefixItems": "array", "uniqueItems": "array", "minItems": "array", "maxItems": "array",
	"contains": "array", "properties": "object", "patternProperties": "object", "additionalProperties": "object",
	"required": "object", "minProperties": "object", "maxProperties": "object",
	"pattern": "string", "minLength": "string", "maxLength": "string",
}

// mergeable reports whether keywords may join a schema without changing what is found:
// none sets a keyword the schema sets, and unless there are none, each judges only values
// of the one type the schema declares, and the schema has no const, enum or format.
// jsonschema stops at a failing type, const, enum or format, skipping the keywords beside
// it: after a failing type these would have found nothing, after the others they might.
func mergeable(schema, keywords map[string]any) bool {
	typ, _ := schema["type"].(string)
	for k := range keywords {
		if k == "$ref" || annotations[k] {
			continue
		}
		if _, clash := schema[k]; clash || typ == "" || typeKeywords[k] != typ {
			return false
		}
		for _, stop := range []string{"const", "enum", "format"} {
			if _, ok := schema[stop]; ok {
				return false
			}
		}
	}
	return true
}

// clone returns a shallow copy of m.
func clone(m map[string]any) map[string]any {
	out := make(map[string]any, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// schemaPointer writes a JSON pointer into the schema as jsonschema writes it in a schema
// location: each token path-escaped.
func schemaPointer(pointer string) string {
	tokens := strings.Split(pointer, "/")
	for i, t := range tokens {
		tokens[i] = url.PathEscape(t)
	}
	return strings.Join(tokens, "/")
}

// definition returns the name of the definition a schema location lies in: the innermost
// inlined definition around it, else the $defs entry ("…#/$defs/bizStep/then" is in
// bizStep).
func (s *specialiser) definition(location string) string {
	_, ptr, _ := strings.Cut(location, "#")
	for p := ptr; p != ""; p = p[:strings.LastIndexByte(p, '/')] {
		if name, ok := s.origins[p]; ok {
			return name
		}
	}
	rest, ok := strings.CutPrefix(ptr, "/$defs/")
	if !ok {
		return ""
	}
	name, _, _ := strings.Cut(rest, "/")
	return name
}
