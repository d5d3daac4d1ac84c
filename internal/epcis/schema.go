package epcis

import (
	"bytes"
	_ "embed"
	"fmt"
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

// captureSchema holds the two parts of the schema Validate applies: the document without its
// events, and one event. Validating events one by one lets each problem name its event
// without parsing JSON pointers back, and leaves room to spread events over cores.
type captureSchema struct {
	envelope, event *jsonschema.Schema
}

// loadCaptureSchema compiles the embedded schema once, on first use. The schema is part of
// the binary and tested, so a failure here is a bug in this package.
var loadCaptureSchema = sync.OnceValue(func() captureSchema {
	parts, err := compileCaptureSchema("#/$defs/envelope", "#/$defs/event")
	if err != nil {
		panic(fmt.Sprintf("epcis: %v", err))
	}
	return captureSchema{envelope: parts[0], event: parts[1]}
})

// compileCaptureSchema compiles the named fragments of the embedded schema ("" is the whole
// document) with one compiler.
func compileCaptureSchema(fragments ...string) ([]*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(captureSchemaFile))
	if err != nil {
		return nil, fmt.Errorf("read capture schema: %w", err)
	}
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
// them by default), with our strict uri and date-time.
func newSchemaCompiler() *jsonschema.Compiler {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	c.RegisterFormat(uriFormat)
	c.RegisterFormat(dateTimeFormat)
	return c
}
