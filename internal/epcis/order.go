package epcis

// The canonical property order of the pre-hash string (CBV 2.0 §8.9), as data.

// kind says how a field is written into the pre-hash string.
type kind uint8

const (
	valueField  kind = iota // name=value
	timeField               // name=timestamp in UTC with milliseconds
	typedField              // type=T then name=value: a business transaction, source or destination
	recordField             // name, then its own fields in order
)

// field describes one standard field.
type field struct {
	name string
	kind kind
	// vocab is the web URI prefix a bare CBV word expands to ("shipping" in a bizStep).
	vocab string
	// shared: the value names a place, party or device that many events repeat, whose
	// canonical form is remembered (sharedIDs) as Facts remembers it.
	shared bool
	// fields are a record's children in canonical order; several children of one name are
	// sorted among themselves.
	fields []field
	// extensions: the record is an extension point (CBV rule 21), so user extensions are
	// written at its end; elsewhere they join the event's sorted trailing elements.
	extensions bool
	// list: JSON writes the record as an array of its one field ("epcList": ["urn:…"]).
	list bool
	// trailing: the field is written among the sorted trailing elements instead of in order.
	// The reference vectors place business transactions, sources and destinations there
	// (destinationList before sourceList, and after sensorElementList in a TransactionEvent),
	// so this order matches them rather than the sequence printed in the algorithm's text.
	trailing bool
}

// CBV web vocabulary prefixes.
const (
	cbvWeb       = "https://ref.gs1.org/cbv/"
	gs1Voc       = "https://gs1.org/voc/"
	bizStepWeb   = cbvWeb + "BizStep-"
	dispWeb      = cbvWeb + "Disp-"
	bttWeb       = cbvWeb + "BTT-"
	sdtWeb       = cbvWeb + "SDT-"
	componentWeb = cbvWeb + "Comp-"
	errReasonWeb = cbvWeb + "ER-"
)

// eventFields is the canonical order of an event's fields, the same for all five types.
var eventFields = []field{
	{name: "eventTime", kind: timeField},
	{name: "eventTimeZoneOffset"},
	{name: "certificationInfo"},
	list("epcList", field{name: "epc"}),
	{name: "parentID"},
	list("inputEPCList", field{name: "epc"}),
	list("childEPCs", field{name: "epc"}),
	list("quantityList", quantityElement),
	list("childQuantityList", quantityElement),
	list("inputQuantityList", quantityElement),
	list("outputEPCList", field{name: "epc"}),
	list("outputQuantityList", quantityElement),
	{name: "action"},
	{name: "transformationID"},
	{name: "bizStep", vocab: bizStepWeb},
	{name: "disposition", vocab: dispWeb},
	{name: "persistentDisposition", kind: recordField, fields: []field{
		{name: "set", vocab: dispWeb}, {name: "unset", vocab: dispWeb}}},
	{name: "readPoint", kind: recordField, fields: []field{{name: "id", shared: true}}, extensions: true},
	{name: "bizLocation", kind: recordField, fields: []field{{name: "id", shared: true}}, extensions: true},
	list("sensorElementList", sensorElement),
	trailingList("bizTransactionList", field{name: "bizTransaction", kind: typedField, vocab: bttWeb}),
	trailingList("sourceList", field{name: "source", kind: typedField, vocab: sdtWeb, shared: true}),
	trailingList("destinationList", field{name: "destination", kind: typedField, vocab: sdtWeb, shared: true}),
}

var quantityElement = field{name: "quantityElement", kind: recordField, fields: []field{
	{name: "epcClass"}, {name: "quantity"}, {name: "uom"}}}

var sensorElement = field{name: "sensorElement", kind: recordField, extensions: true, fields: []field{
	{name: "sensorMetadata", kind: recordField, extensions: true, fields: []field{
		{name: "time", kind: timeField},
		{name: "startTime", kind: timeField},
		{name: "endTime", kind: timeField},
		{name: "deviceID", shared: true},
		{name: "deviceMetadata"},
		{name: "rawData"},
		{name: "dataProcessingMethod"},
		{name: "bizRules"},
	}},
	{name: "sensorReport", kind: recordField, extensions: true, fields: []field{
		{name: "type", vocab: gs1Voc},
		{name: "exception", vocab: gs1Voc},
		{name: "deviceID", shared: true},
		{name: "deviceMetadata"},
		{name: "rawData"},
		{name: "dataProcessingMethod"},
		{name: "time", kind: timeField},
		{name: "microorganism"},
		{name: "chemicalSubstance"},
		{name: "value"},
		{name: "component", vocab: componentWeb},
		{name: "stringValue"},
		{name: "booleanValue"},
		{name: "hexBinaryValue"},
		{name: "uriValue"},
		{name: "minValue"},
		{name: "maxValue"},
		{name: "meanValue"},
		{name: "sDev"},
		{name: "percRank"},
		{name: "percValue"},
		{name: "uom"},
		{name: "coordinateReferenceSystem"},
	}},
}}

func list(name string, item field) field {
	return field{name: name, kind: recordField, fields: []field{item}, list: true}
}

func trailingList(name string, item field) field {
	f := list(name, item)
	f.trailing = true
	return f
}

// ignoreFieldsName is the local name of a document header listing fields hashers leave out
// (any namespace: the reference vectors use a repository's own).
const ignoreFieldsName = "ignoreFields"

// notHashed are the top-level fields the Event Hash ID leaves out: the event's identifiers and
// the facts a repository or a later correction adds, which do not change what happened.
var notHashed = map[string]bool{
	"eventID":          true,
	"recordTime":       true,
	"errorDeclaration": true,
	"{" + standardPrefixes["rdfs"] + "}comment": true,
}

// listItems maps each JSON list field to the name of its items, for the JSON reader.
var listItems = func() map[string]string {
	items := map[string]string{}
	var walk func(fs []field)
	walk = func(fs []field) {
		for _, f := range fs {
			if f.list {
				items[f.name] = f.fields[0].name
			}
			walk(f.fields)
		}
	}
	walk(eventFields)
	return items
}()
