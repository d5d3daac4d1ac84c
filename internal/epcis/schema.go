package epcis

import (
	"bytes"
	_ "embed"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// captureSchemaFile is our JSON Schema of EPCIS 2.0 JSON documents (schema/README.md says
// where it comes from and where it knowingly differs from GS1's).
//
//go:embed schema/epcis-capture.schema.json
var captureSchemaFile []byte

// captureSchemaID is the schema's $id; fragments of it name its parts.
const captureSchemaID = "https://github.com/shejian/shejian/internal/epcis/schema/epcis-capture.schema.json"

// captureSchema holds the parts of the schema Validate applies: the document without its
// events, and one event, generic and specialised to each event type (schema_inline.go).
// Validating events one by one lets each problem name its event without parsing JSON
// pointers back, and leaves room to spread events over cores.
type captureSchema struct {
	envelope, event *jsonschema.Schema
	byType          map[string]*jsonschema.Schema
	spec            *specialiser
}

// eventSchema returns the schema of an event object: the specialised one of its type, or
// the generic one, which reports an unknown or missing type.
func (s captureSchema) eventSchema(item any) *jsonschema.Schema {
	obj, _ := item.(map[string]any)
	typ, _ := obj["type"].(string)
	if sch, ok := s.byType[typ]; ok {
		return sch
	}
	return s.event
}

// loadCaptureSchema compiles the embedded schema once, on first use. The schema is part of
// the binary and tested, so a failure here is a bug in this package.
var loadCaptureSchema = sync.OnceValue(func() captureSchema {
	s, err := compileSpecialised()
	if err != nil {
		panic(fmt.Sprintf("epcis: %v", err))
	}
	return s
})

// compileSpecialised compiles the envelope, the event and the specialised event schemas.
func compileSpecialised() (captureSchema, error) {
	doc, err := readCaptureSchema()
	if err != nil {
		return captureSchema{}, err
	}
	defs, _ := doc.(map[string]any)["$defs"].(map[string]any)
	spec := &specialiser{defs: defs, origins: map[string]string{}}
	if err := spec.addSpecialised(); err != nil {
		return captureSchema{}, fmt.Errorf("specialise capture schema: %w", err)
	}
	types := slices.Sorted(maps.Keys(eventTypes))
	fragments := []string{"#/$defs/envelope", "#/$defs/event"}
	for _, typ := range types {
		fragments = append(fragments, "#/$defs/"+specialisedName(typ))
	}
	parts, err := compileFragments(doc, fragments)
	if err != nil {
		return captureSchema{}, err
	}
	s := captureSchema{envelope: parts[0], event: parts[1], byType: map[string]*jsonschema.Schema{}, spec: spec}
	for i, typ := range types {
		s.byType[typ] = parts[2+i]
	}
	return s, nil
}

// compileCaptureSchema compiles the named fragments of the embedded schema as it is written
// ("" is the whole document).
func compileCaptureSchema(fragments ...string) ([]*jsonschema.Schema, error) {
	doc, err := readCaptureSchema()
	if err != nil {
		return nil, err
	}
	return compileFragments(doc, fragments)
}

// readCaptureSchema decodes the embedded schema.
func readCaptureSchema() (any, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(captureSchemaFile))
	if err != nil {
		return nil, fmt.Errorf("read capture schema: %w", err)
	}
	return doc, nil
}

// compileFragments compiles the named fragments of the schema document doc with one
// compiler.
func compileFragments(doc any, fragments []string) ([]*jsonschema.Schema, error) {
	c := newSchemaCompiler()
	if err := c.AddResource(captureSchemaID, doc); err != nil {
		return nil, fmt.Errorf("add capture schema: %w", err)
	}
	parts := make([]*jsonschema.Schema, 0, len(fragments))
	for _, f := range fragments {
		s, err := c.Compile(captureSchemaID + f)
		if err != nil {
			return nil, fmt.Errorf("compile capture schema%s: %w", f, err)
		}
		parts = append(parts, s)
	}
	return parts, nil
}

// newSchemaCompiler returns a compiler that asserts formats (draft 2020-12 only annotates
// them by default), with our strict uri and date-time, and patterns that remember their
// verdicts.
func newSchemaCompiler() *jsonschema.Compiler {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	c.UseRegexpEngine(compileMemoRegexp)
	c.RegisterFormat(uriFormat)
	c.RegisterFormat(dateTimeFormat)
	return c
}
