package epcis

import "time"

// Facts are what the system stores and indexes of an event, in normal form: identifiers as
// canonical GS1 Digital Links where they are GS1 keys (an EPC URN and a Digital Link of the
// same object give the same string), CBV words and URNs as web URIs
// (https://ref.gs1.org/cbv/BizStep-shipping), times in UTC. Query, trace and recall read
// these; the event's own JSON is kept beside them for answering queries.
type Facts struct {
	Type   string // ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent, AssociationEvent
	Action string // ADD, OBSERVE or DELETE; empty for a TransformationEvent
	// EventID is the eventID as written (trimmed), or empty when the event has none.
	EventID             string
	EventTime           time.Time // in UTC, to the nanosecond as written
	EventTimeZoneOffset string
	RecordTime          time.Time // zero when the event carries none
	BizStep             string
	Disposition         string
	ReadPoint           string
	BizLocation         string
	TransformationID    string
	// Objects are every identifier the event is about, each with its role, field by field
	// (epcList, quantityList, parentID, childEPCs, childQuantityList, inputEPCList,
	// inputQuantityList, outputEPCList, outputQuantityList: a JSON object's keys have no
	// order), each list in document order.
	Objects         []Object
	BizTransactions []Typed
	Sources         []Typed
	Destinations    []Typed
	// PersistentDisposition holds the set and unset dispositions, as web URIs.
	PersistentDispositionSet, PersistentDispositionUnset []string
	// ErrorDeclaration is set when the event declares itself erroneous.
	ErrorDeclaration *ErrorDeclaration
	Sensors          []SensorReport
	// ILMD are the event's instance/lot master data, one entry per leaf field, named by
	// expanded name ("{https://ns.example.com/epcis}bestBeforeDate" for an extension,
	// "{https://gs1.org/voc/}bestBeforeDate" for gs1:bestBeforeDate). A field nested in
	// another is named by its own name, and a field with both a value and children (an XML
	// element with attributes) gives an entry too. Values are canonical as in the pre-hash
	// (numbers without trailing zeros, EPC URNs as Digital Links); entries are sorted by
	// name, then value, since JSON gives them in no order.
	ILMD []Field
	// Extensions are the event's user extension fields ("example:myField"), named, valued,
	// flattened and sorted as ILMD is: a top-level field, and each field nested in one
	// (Inner), which the query parameters EQ_<field> and EQ_INNER_<field> tell apart.
	Extensions []Field
}

// Role is what part an object plays in an event.
type Role uint8

// Roles of objects. An EPC list, the parent, children and the inputs and outputs of a
// transformation; a quantity element is the same role with Class set.
const (
	RoleEPC Role = iota + 1 // epcList / quantityList
	RoleParent
	RoleChild  // childEPCs / childQuantityList
	RoleInput  // inputEPCList / inputQuantityList
	RoleOutput // outputEPCList / outputQuantityList
)

// Object is one identifier in an event.
type Object struct {
	ID   string // canonical form
	Role Role
	// Class marks a quantity element: ID names a class (an LGTIN lot or a GTIN), not an
	// instance.
	Class bool
	// Quantity and UOM are a quantity element's amount and UN/ECE Rec 20 unit; HasQuantity
	// is false when the element gives no quantity.
	Quantity    float64
	HasQuantity bool
	UOM         string
}

// Typed is a business transaction, source or destination: its type (a web URI, empty when
// none) and value.
type Typed struct{ Type, Value string }

// ErrorDeclaration is an event's declaration that it was in error.
type ErrorDeclaration struct {
	DeclarationTime    time.Time
	Reason             string // web URI, empty when none
	CorrectiveEventIDs []string
}

// SensorReport is one reading of a sensor element, with the element's metadata folded in.
// Identifiers (deviceID, microorganism, uriValue, …) are canonical like Object.ID; a value
// the report does not give is empty, zero or nil.
type SensorReport struct {
	DeviceID, DataProcessingMethod, BizRules string // element metadata, or the report's own
	Time                                     time.Time
	// StartTime and EndTime bound the interval the element's readings cover.
	StartTime, EndTime                    time.Time
	Type                                  string // web URI (gs1:Temperature expanded)
	Microorganism, ChemicalSubstance      string
	Value, MinValue, MaxValue, MeanValue  *float64
	SDev, PercRank, PercValue             *float64
	Component                             string // web URI (https://ref.gs1.org/cbv/Comp-x)
	UOM                                   string
	StringValue, URIValue, HexBinaryValue string
	BooleanValue                          *bool
	Exception                             string // web URI (gs1:ALARM_CONDITION expanded)
}

// Field is one named value. Inner marks a field nested in another field of its kind (an
// ILMD or extension field inside one), not at the top.
type Field struct {
	Name, Value string
	Inner       bool
}
