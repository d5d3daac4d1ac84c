package epcis

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The cross-check: GS1's own JSON Schema (a test fixture we may not ship) and our validator
// must accept and reject the same documents, except where we differ on purpose, each
// difference named with its reason. Both run with the same strict uri and date-time
// formats, so that only the schemas are compared. Our verdict leaves out the rules no schema
// can state (beyondSchema); it keeps the rules that compare a field with the event type or
// action, which GS1 writes in its schema and we in Go.

// beyondSchema are the rules that compare times with each other and the clock, or events
// with each other.
var beyondSchema = map[string]bool{
	RuleEventInFuture: true, RuleSensorAfterEvent: true, RuleSensorInterval: true,
	RuleDeclarationEarly: true, RuleDuplicateEventID: true,
}

// inGo are the rules validate_semantic.go and validate_duplicates.go check; the others are
// our schema's, so our schema as one document (its root) must agree with them.
var inGo = map[string]bool{
	RuleParentRequired: true, RuleChildrenRequired: true, RuleWhatRequired: true,
	RuleInputOutput: true, RuleILMDNeedsAdd: true,
	RuleEventInFuture: true, RuleSensorAfterEvent: true, RuleSensorInterval: true,
	RuleDeclarationEarly: true, RuleDuplicateEventID: true,
}

// schemaJudges are GS1's schema and the root of ours, compiled for the cross-check.
type schemaJudges struct {
	gs1, ours *jsonschema.Schema
}

func mustSchemaJudges(tb testing.TB) schemaJudges {
	tb.Helper()
	path, err := filepath.Abs(filepath.Join(mustCorpusDir(tb, epcisCorpus), "EPCIS-JSON-Schema.json"))
	if err != nil {
		tb.Fatal(err)
	}
	c := newSchemaCompiler()
	c.UseRegexpEngine(gs1Regexp)
	gs1, err := c.Compile(path)
	if err != nil {
		tb.Fatalf("compile GS1 schema: %v", err)
	}
	root, err := compileCaptureSchema("")
	if err != nil {
		tb.Fatal(err)
	}
	return schemaJudges{gs1: gs1, ours: root[0]}
}

// gs1Regexp compiles the GS1 schema's patterns. Two of them are a negative lookahead,
// ^(?!(…)), which Go's RE2 lacks; such a pattern matches the strings ^(…) does not.
func gs1Regexp(pattern string) (jsonschema.Regexp, error) {
	if inner, ok := strings.CutPrefix(pattern, "^(?!"); ok && strings.HasSuffix(inner, ")") {
		re, err := regexp.Compile("^" + strings.TrimSuffix(inner, ")"))
		return notRegexp{re: re, pattern: pattern}, err
	}
	return regexp.Compile(pattern)
}

type notRegexp struct {
	re      *regexp.Regexp
	pattern string
}

func (n notRegexp) String() string            { return n.pattern }
func (n notRegexp) MatchString(s string) bool { return !n.re.MatchString(s) }

// verdicts judges one document: GS1's schema on it (after gs1Comparable when comparable is
// set), our validator without the rules beyond any schema, and our schema's root, which
// must agree with the schema rules of our validator.
func (j schemaJudges) verdicts(tb testing.TB, data []byte, comparable bool) (gs1, ours bool) {
	tb.Helper()
	problems := mustProblems(tb, data)
	ours, schemaOK := true, true
	for _, p := range problems {
		ours = ours && beyondSchema[p.Rule]
		schemaOK = schemaOK && inGo[p.Rule]
	}
	doc := mustDecode(tb, data)
	if rootOK := j.ours.Validate(doc) == nil; rootOK != schemaOK {
		tb.Errorf("our schema's root accepts: %v; Validate's schema rules accept: %v (%v)", rootOK, schemaOK, rulesOf(problems))
	}
	doc = mustDecode(tb, data)
	if comparable {
		gs1Comparable(doc)
	}
	return j.gs1.Validate(doc) == nil, ours
}

func mustDecode(tb testing.TB, data []byte) map[string]any {
	tb.Helper()
	doc, err := decodeJSON(data)
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

// gs1Comparable removes from a corpus document what we accept on purpose and GS1's schema
// rejects (schema/README.md): a JSON-LD blank node as the document's id ("_:document1"),
// id written for an event's eventID, and a JSON-LD type on a sensor element. GS1's simple-
// context examples use all three.
func gs1Comparable(doc map[string]any) {
	if id, _ := doc["id"].(string); strings.HasPrefix(id, "_:") {
		delete(doc, "id")
	}
	list, _ := jsonEventList(doc)
	for _, item := range list {
		ev, _ := item.(map[string]any)
		if id, ok := ev["id"]; ok {
			ev["eventID"] = id
			delete(ev, "id")
		}
		elements, _ := ev["sensorElementList"].([]any)
		for _, el := range elements {
			if el, ok := el.(map[string]any); ok {
				delete(el, "type")
			}
		}
	}
}

func TestCrossCheckCorpus(t *testing.T) {
	j := mustSchemaJudges(t)
	var paths []string
	for _, sub := range []string{"JSON", "JSON-simple-context"} {
		dir, names := mustCorpusDocuments(t, sub)
		for _, name := range names {
			paths = append(paths, filepath.Join(dir, name))
		}
	}
	paths = append(paths, filepath.Join(epcisCorpus, "XML", "WithEventHashID", "event_with_identical_hash_id_7.json"))
	accepted := 0
	for _, path := range paths {
		gs1, ours := j.verdicts(t, mustRead(t, path), true)
		if gs1 != ours {
			t.Errorf("%s: GS1 accepts: %v, we accept: %v", path, gs1, ours)
		}
		if ours {
			accepted++
		}
	}
	t.Logf("%d corpus documents, %d accepted by both", len(paths), accepted)
}

// Events of the other types, for cases to put in place of the test document's event.
const (
	aggregationEvent = `{"type": "AggregationEvent", "eventTime": "2024-05-01T10:00:00+08:00", "eventTimeZoneOffset": "+08:00",
		"parentID": "urn:epc:id:sscc:6901234.0000000001", "childEPCs": ["urn:epc:id:sgtin:6901234.012345.1001"],
		"action": "ADD", "bizStep": "packing"}`
	associationEvent = `{"type": "AssociationEvent", "eventTime": "2024-05-01T10:00:00+08:00", "eventTimeZoneOffset": "+08:00",
		"parentID": "urn:epc:id:grai:6901234.00001.1", "childEPCs": ["urn:epc:id:giai:6901234.T1"],
		"action": "ADD", "bizStep": "installing"}`
	transformationEvent = `{"type": "TransformationEvent", "eventTime": "2024-05-01T10:00:00+08:00", "eventTimeZoneOffset": "+08:00",
		"inputQuantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.012345.B240501", "quantity": 200, "uom": "KGM"}],
		"outputQuantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.054321.M240501", "quantity": 180, "uom": "KGM"}],
		"bizStep": "commissioning"}`
	transactionEvent = `{"type": "TransactionEvent", "eventTime": "2024-05-01T10:00:00+08:00", "eventTimeZoneOffset": "+08:00",
		"bizTransactionList": [{"type": "inv", "bizTransaction": "urn:epcglobal:cbv:bt:6901234000009:INV1"}],
		"epcList": ["urn:epc:id:sgtin:6901234.012345.1001"], "action": "ADD", "bizStep": "shipping"}`
)

// crossCases are documents built from the standard: each breaks one rule (or, with no
// wants, none), and GS1's schema agrees unless gs1Differs says why not.
var crossCases = []struct {
	name       string
	edits      []edit
	wants      []want
	gs1Differs string
}{
	{"missing eventTime", []edit{del(ev0 + "/eventTime")}, []want{{ev0 + "/eventTime", RuleRequired}}, ""},
	{"time zone offset without its leading zero", []edit{set(ev0+"/eventTimeZoneOffset", `"+8:00"`)}, []want{{ev0 + "/eventTimeZoneOffset", RuleTimeZoneOffset}}, ""},
	{"time zone offset beyond +14:00", []edit{set(ev0+"/eventTimeZoneOffset", `"+14:30"`)}, []want{{ev0 + "/eventTimeZoneOffset", RuleTimeZoneOffset}}, ""},
	{"eventTime without a time zone", []edit{set(ev0+"/eventTime", `"2024-05-01T10:00:00"`)}, []want{{ev0 + "/eventTime", RuleDateTime}}, ""},
	{"eventTime with a space for T", []edit{set(ev0+"/eventTime", `"2024-05-01 10:00:00+08:00"`)}, []want{{ev0 + "/eventTime", RuleDateTime}}, ""},
	{"relative URI in epcList", []edit{set(ev0+"/epcList/0", `"6901234.012345.1001"`)}, []want{{ev0 + "/epcList/0", RuleURI}}, ""},
	{"URI with a space", []edit{set(ev0+"/epcList/0", `"urn:epc:id:sgtin:6901234.012345.10 01"`)}, []want{{ev0 + "/epcList/0", RuleURI}}, ""},
	{"URI with Chinese characters", []edit{set(ev0+"/epcList/0", `"urn:epc:id:sgtin:6901234.012345.批次1"`)}, []want{{ev0 + "/epcList/0", RuleURI}}, ""},
	{"relative readPoint", []edit{set(ev0+"/readPoint/id", `"warehouse-1"`)}, []want{{ev0 + "/readPoint/id", RuleURI}}, ""},
	{"relative certificationInfo", []edit{set(ev0+"/certificationInfo", `"cert-1"`)}, []want{{ev0 + "/certificationInfo", RuleURI}}, ""},
	{"CBV URN as bizStep in JSON", []edit{set(ev0+"/bizStep", `"urn:epcglobal:cbv:bizstep:receiving"`)}, []want{{ev0 + "/bizStep", RuleVocabularyURI}}, ""},
	{"retired ns.gs1.org CBV URI", []edit{set(ev0+"/disposition", `"http://ns.gs1.org/cbv/Disp-in_progress"`)}, []want{{ev0 + "/disposition", RuleVocabularyURI}}, ""},
	{"unknown bare-word bizStep", []edit{set(ev0+"/bizStep", `"receive"`)}, []want{{ev0 + "/bizStep", RuleVocabulary}}, ""},
	{"unknown bare-word disposition", []edit{set(ev0+"/disposition", `"in-transit"`)}, []want{{ev0 + "/disposition", RuleVocabulary}}, ""},
	{"own bizStep vocabulary as a URI", []edit{set(ev0+"/bizStep", `"https://ns.example.cn/bizstep/quarantine"`)}, nil, ""},
	{"unknown business transaction type", []edit{set(ev0+"/bizTransactionList/0/type", `"purchase_order"`)}, []want{{ev0 + "/bizTransactionList/0/type", RuleVocabulary}}, ""},
	{"unknown source type", []edit{set(ev0+"/sourceList/0/type", `"owner"`)}, []want{{ev0 + "/sourceList/0/type", RuleVocabulary}}, ""},
	{"misspelt measurement type", []edit{set(ev0+"/sensorElementList/0/sensorReport/0/type", `"Temprature"`)}, []want{{ev0 + "/sensorElementList/0/sensorReport/0/type", RuleVocabulary}}, ""},
	{"measurement type as a GS1 Web URI", []edit{set(ev0+"/sensorElementList/0/sensorReport/0/type", `"https://gs1.org/voc/Temperature"`)}, []want{{ev0 + "/sensorElementList/0/sensorReport/0/type", RuleVocabularyURI}}, ""},
	{"measurement type as a gs1: CURIE", []edit{set(ev0+"/sensorElementList/0/sensorReport/0/type", `"gs1:Temperature"`)}, nil, ""},
	{"quantity as a string", []edit{set(ev0+"/quantityList/0/quantity", `"20.5"`)}, []want{{ev0 + "/quantityList/0/quantity", RuleType}}, ""},
	{"unit of measure in lower case", []edit{set(ev0+"/quantityList/0/uom", `"kg"`)}, []want{{ev0 + "/quantityList/0/uom", RuleUOM}}, ""},
	{"extra field in a quantity", []edit{set(ev0+"/quantityList/0/lot", `"B1"`)}, []want{{ev0 + "/quantityList/0/lot", RuleUnknownField}}, ""},
	{"unknown event type", []edit{set(ev0+"/type", `"QuantityEvent"`)}, []want{{ev0 + "/type", RuleEnum}}, ""},
	{"extension event type", []edit{set(ev0+"/type", `"ex:InspectionEvent"`)}, []want{{ev0 + "/type", RuleEnum}},
		"GS1 lets an event type be any URI; capture keeps to the five types it can hash, store and query"},
	{"missing action", []edit{del(ev0 + "/action")}, []want{{ev0 + "/action", RuleRequired}}, ""},
	{"unknown action", []edit{set(ev0+"/action", `"MOVE"`)}, []want{{ev0 + "/action", RuleEnum}}, ""},
	{"bare field that is not EPCIS", []edit{set(ev0+"/inspector", `"王芳"`)}, []want{{ev0 + "/inspector", RuleUnknownField}}, ""},
	{"extension name that is not a URI", []edit{set(ev0+"/ex:in spector", `"王芳"`)}, []want{{ev0 + "/ex:in spector", RuleUnknownField}}, ""},
	{"field of another event type", []edit{set(ev0+"/parentID", `"urn:epc:id:sscc:6901234.0000000001"`)}, []want{{ev0 + "/parentID", RuleFieldNotAllowed}}, ""},
	{"sourceList as one object", []edit{set(ev0+"/sourceList", `{"type": "owning_party", "source": "urn:epc:id:pgln:6901234.00000"}`)}, []want{{ev0 + "/sourceList", RuleType}}, ""},
	{"source without its type", []edit{del(ev0 + "/sourceList/0/type")}, []want{{ev0 + "/sourceList/0/type", RuleRequired}}, ""},
	{"sensor report without its type", []edit{del(ev0 + "/sensorElementList/0/sensorReport/0/type")}, []want{{ev0 + "/sensorElementList/0/sensorReport/0/type", RuleRequired}}, ""},
	{"empty sensor report list", []edit{set(ev0+"/sensorElementList/0/sensorReport", `[]`)}, []want{{ev0 + "/sensorElementList/0/sensorReport", RuleMinItems}}, ""},
	{"hexBinaryValue not hexadecimal", []edit{set(ev0+"/sensorElementList/0/sensorReport/0/hexBinaryValue", `"XYZ"`)}, []want{{ev0 + "/sensorElementList/0/sensorReport/0/hexBinaryValue", RuleHexBinary}}, ""},
	{"sensor time not a date-time", []edit{set(ev0+"/sensorElementList/0/sensorMetadata/time", `"09:55"`)}, []want{{ev0 + "/sensorElementList/0/sensorMetadata/time", RuleDateTime}}, ""},
	{"EPC listed twice", []edit{set(ev0+"/epcList", `["urn:epc:id:sgtin:6901234.012345.1001", "urn:epc:id:sgtin:6901234.012345.1001"]`)}, []want{{ev0 + "/epcList", RuleUniqueItems}}, ""},
	{"empty persistentDisposition", []edit{set(ev0+"/persistentDisposition", `{}`)}, []want{{ev0 + "/persistentDisposition", RuleNotEmpty}}, ""},
	{"unknown persistent disposition", []edit{set(ev0+"/persistentDisposition", `{"set": ["quarantined"]}`)}, []want{{ev0 + "/persistentDisposition/set/0", RuleVocabulary}}, ""},
	{"errorDeclaration without declarationTime", []edit{set(ev0+"/errorDeclaration", `{"reason": "incorrect_data"}`)}, []want{{ev0 + "/errorDeclaration/declarationTime", RuleRequired}}, ""},
	{"unknown error reason", []edit{set(ev0+"/errorDeclaration", `{"declarationTime": "2024-05-02T10:00:00Z", "reason": "typo"}`)}, []want{{ev0 + "/errorDeclaration/reason", RuleVocabulary}}, ""},
	{"ILMD field not named by a URI", []edit{set(ev0+"/action", `"ADD"`), set(ev0+"/ilmd", `{"lot": "B1"}`)}, []want{{ev0 + "/ilmd/lot", RuleUnknownField}}, ""},
	{"ILMD with OBSERVE", []edit{set(ev0+"/ilmd", `{"ex:lot": "B1"}`)}, []want{{ev0 + "/ilmd", RuleILMDNeedsAdd}}, ""},
	{"ObjectEvent without objects", []edit{del(ev0 + "/epcList"), del(ev0 + "/quantityList"), del(ev0 + "/sensorElementList")}, []want{{ev0, RuleWhatRequired}}, ""},
	{"ObjectEvent with only an empty epcList", []edit{set(ev0+"/epcList", `[]`), del(ev0 + "/quantityList"), del(ev0 + "/sensorElementList")}, []want{{ev0, RuleWhatRequired}},
		"GS1 takes any epcList, even empty; the issue and EPCIS 2.0 §7.4.2 want a non-empty epcList or quantityList"},
	{"ObjectEvent reporting sensor data about a place", []edit{del(ev0 + "/epcList"), del(ev0 + "/quantityList")}, nil, ""},
	{"AggregationEvent ADD without children", []edit{set(ev0, aggregationEvent), del(ev0 + "/childEPCs")}, []want{{ev0, RuleChildrenRequired}}, ""},
	{"AggregationEvent ADD without parentID", []edit{set(ev0, aggregationEvent), del(ev0 + "/parentID")}, []want{{ev0 + "/parentID", RuleParentRequired}},
		"GS1 leaves an AggregationEvent's parentID optional; EPCIS 2.0 §7.4.3 requires it for ADD and DELETE"},
	{"AggregationEvent with persistentDisposition", []edit{set(ev0, aggregationEvent), set(ev0+"/persistentDisposition", `{"set": ["completeness_verified"]}`)}, []want{{ev0 + "/persistentDisposition", RuleFieldNotAllowed}}, ""},
	{"AssociationEvent OBSERVE without parentID", []edit{set(ev0, associationEvent), set(ev0+"/action", `"OBSERVE"`), del(ev0 + "/parentID")}, nil,
		"GS1's working schema requires an AssociationEvent's parentID always; EPCIS 2.0 and TCR-54 only for ADD and DELETE"},
	{"TransformationEvent with inputs only", []edit{set(ev0, transformationEvent), del(ev0 + "/outputQuantityList")}, []want{{ev0, RuleInputOutput}}, ""},
	{"TransformationEvent with an action", []edit{set(ev0, transformationEvent), set(ev0+"/action", `"ADD"`)}, []want{{ev0 + "/action", RuleFieldNotAllowed}}, ""},
	{"TransactionEvent without bizTransactionList", []edit{set(ev0, transactionEvent), del(ev0 + "/bizTransactionList")}, []want{{ev0 + "/bizTransactionList", RuleRequired}}, ""},
	{"TransactionEvent with an empty bizTransactionList", []edit{set(ev0, transactionEvent), set(ev0+"/bizTransactionList", `[]`)}, []want{{ev0 + "/bizTransactionList", RuleMinItems}}, ""},
	{"missing @context", []edit{del("/@context")}, []want{{"/@context", RuleRequired}}, ""},
	{"relative @context", []edit{set("/@context", `"epcis-context.jsonld"`)}, []want{{"/@context", RuleURI}}, ""},
	{"schemaVersion as a number", []edit{set("/schemaVersion", `2.0`)}, []want{{"/schemaVersion", RuleType}}, ""},
	{"schemaVersion not a version", []edit{set("/schemaVersion", `"v2"`)}, []want{{"/schemaVersion", RuleSchemaVersion}}, ""},
	{"missing creationDate", []edit{del("/creationDate")}, []want{{"/creationDate", RuleRequired}}, ""},
	{"unknown document field", []edit{set("/comment", `"x"`)}, []want{{"/comment", RuleUnknownField}}, ""},
	{"unknown document type", []edit{set("/type", `"EPCISMasterDataDocument"`)}, []want{{"/type", RuleEnum}}, ""},
	{"eventList not an array", []edit{set("/epcisBody/eventList", `{}`)}, []want{{"/epcisBody/eventList", RuleType}}, ""},
	{"event not an object", []edit{set(ev0, `"ObjectEvent"`)}, []want{{ev0, RuleType}}, ""},
	{"query document without queryName", []edit{set("/type", `"EPCISQueryDocument"`), set("/epcisBody", `{"queryResults": {"resultsBody": {"eventList": []}}}`)},
		[]want{{"/epcisBody/queryResults/queryName", RuleRequired}}, ""},
	{"blank node as the document's id", []edit{set("/id", `"_:document1"`)}, nil,
		"GS1 wants a URI; id is JSON-LD's @id, which may be a blank node, and GS1's own simple-context examples use _:document1"},
	{"id for eventID", []edit{del(ev0 + "/eventID"), set(ev0+"/id", `"urn:uuid:6f1c1f4e-8b7a-4c39-9a36-2f1d3f0a0001"`)}, nil,
		"GS1 does not list id in events; both EPCIS contexts alias id to @id like eventID, and GS1's simple-context examples use it"},
	{"JSON-LD type on a sensor element", []edit{set(ev0+"/sensorElementList/0/type", `"epcis:SensorElement"`)}, nil,
		"GS1 does not list type in a sensor element; it is a JSON-LD class annotation that GS1's simple-context examples write"},
}

func TestCrossCheckCases(t *testing.T) {
	j := mustSchemaJudges(t)
	for _, tc := range crossCases {
		t.Run(tc.name, func(t *testing.T) {
			data := mustEdited(t, tc.edits...)
			mustBreak(t, mustProblems(t, data), tc.wants...)
			gs1, ours := j.verdicts(t, data, false)
			switch {
			case tc.gs1Differs == "" && gs1 != ours:
				t.Errorf("GS1 accepts: %v, we accept: %v", gs1, ours)
			case tc.gs1Differs != "" && gs1 == ours:
				t.Errorf("GS1 and we both accept: %v, but the case says we differ: %s", ours, tc.gs1Differs)
			}
		})
	}
}
