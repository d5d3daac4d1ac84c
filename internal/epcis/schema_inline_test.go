package epcis

import (
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestSpecialisedSchemasJudgeAsTheEvent: the schema specialised to an event's type finds
// the problems the generic event schema finds, params and messages included, in every
// event of the GS1 examples, of the cross-check cases and of cases breaking several
// keywords of one field (one of them a field the type forbids).
func TestSpecialisedSchemasJudgeAsTheEvent(t *testing.T) {
	var docs [][]byte
	for _, sub := range []string{"JSON", "JSON-simple-context"} {
		dir, names := mustCorpusDocuments(t, sub)
		for _, name := range names {
			docs = append(docs, mustRead(t, filepath.Join(dir, name)))
		}
	}
	for _, tc := range crossCases {
		docs = append(docs, mustEdited(t, tc.edits...))
	}
	for _, edits := range [][]edit{
		{set(ev0+"/parentID", `5`), set(ev0+"/childEPCs", `["x"]`), del(ev0 + "/action")},
		{set(ev0, transformationEvent), set(ev0+"/action", `"MOVE"`), set(ev0+"/epcList", `[1, 1]`)},
		{set(ev0, aggregationEvent), set(ev0+"/ilmd", `{"lot": 1}`), set(ev0+"/quantityList", `{}`)},
		{set(ev0, transactionEvent), set(ev0+"/bizTransactionList", `[{"type": "x"}]`), set(ev0+"/bizStep", `"urn:epcglobal:cbv:bizstep:x"`)},
		{set(ev0, associationEvent), set(ev0+"/sourceList", `[{"type": "owner", "source": "s"}]`), set(ev0+"/eventTimeZoneOffset", `"+8"`)},
		{set(ev0+"/sensorElementList/0/sensorReport/0/uom", `"kg"`), set(ev0+"/sensorElementList/0/sensorReport/0/exception", `"FIRE"`)},
	} {
		docs = append(docs, mustEdited(t, edits...))
	}
	schema := loadCaptureSchema()
	for _, data := range docs {
		doc, err := readDocument(data)
		if err != nil {
			t.Fatal(err)
		}
		list, _ := eventListOf(doc.tree) // a document of no known type has none
		for i, item := range list.items {
			specialised := schema.eventSchema(item)
			if specialised == schema.event {
				continue // no type of the five
			}
			got := schema.problems(specialised.Validate(item), item, i, list.pointer(i))
			want := schema.problems(schema.event.Validate(item), item, i, list.pointer(i))
			for _, p := range [][]Problem{got, want} {
				slices.SortFunc(p, func(a, b Problem) int { return strings.Compare(a.Pointer+a.Rule+a.Message, b.Pointer+b.Rule+b.Message) })
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("event %d of %.80s…:\nspecialised %+v\ngeneric     %+v", i, data, got, want)
			}
		}
	}
}

// TestSpecialisedSchemaNamesItsDefinitions: a keyword inlined from a definition is still
// named by the definition it was written in, which problems report.
func TestSpecialisedSchemaNamesItsDefinitions(t *testing.T) {
	spec := loadCaptureSchema().spec
	base := captureSchemaID + "#/$defs/" + specialisedName("ObjectEvent")
	tests := []struct{ location, want string }{
		{base + "/properties/bizStep/then", "bizStep"},
		{base + "/properties/bizStep/else/not", "vocabularyURI"},
		{base + "/properties/sourceList/items/properties/type/then", "sourceDestinationType"},
		{base + "/properties/quantityList/items/properties/uom", "uom"},
		{base + "/properties/parentID/allOf/1", "ObjectEvent"},
		{base + "/properties/parentID/allOf/0", "event"},
		{base + "/required", "event"},
		{captureSchemaID + "#/$defs/bizStep/then", "bizStep"},
		{captureSchemaID + "#/properties", ""},
	}
	for _, tt := range tests {
		if got := spec.definition(tt.location); got != tt.want {
			t.Errorf("definition(%s) = %q, want %q", tt.location, got, tt.want)
		}
	}
}

func TestMergeable(t *testing.T) {
	array := map[string]any{"type": "array", "items": true}
	uri := map[string]any{"type": "string", "format": "uri"}
	tests := []struct {
		name           string
		schema, others map[string]any
		want           bool
	}{
		{"a $ref alone", array, map[string]any{"$ref": "#/$defs/x", "description": "d"}, true},
		{"an array keyword beside an array", array, map[string]any{"uniqueItems": true}, true},
		{"a string keyword beside an array", array, map[string]any{"pattern": "x"}, false},
		{"a keyword of any type", array, map[string]any{"enum": []any{1}}, false},
		{"a keyword set twice", array, map[string]any{"items": false}, false},
		{"after a format", uri, map[string]any{"pattern": "x"}, false},
		{"beside no type", map[string]any{"items": true}, map[string]any{"minItems": 1}, false},
	}
	for _, tt := range tests {
		if got := mergeable(tt.schema, tt.others); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}
