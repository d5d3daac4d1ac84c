package query

import "time"

// Query is a SimpleEventQuery in normal form. An empty list or a nil bound constrains
// nothing; several values in one list match any of them.
type Query struct {
	EventTypes []string
	Actions    []string // ADD, OBSERVE, DELETE

	EventTime, RecordTime TimeRange

	BizSteps, Dispositions                 []string // web URIs
	PersistentSet, PersistentUnset         []string // web URIs
	ReadPoints, BizLocations               []string // equal to one of these
	ReadPointsUnder, BizLocationsUnder     []string // WD_: equal to, or a sub-location of, one of these
	TransformationIDs                      []string
	EventIDs                               []string
	Match                                  map[Match][]string
	Quantity                               NumberRange
	BizTransactions, Sources, Destinations []Typed

	// ErrorDeclared keeps only events that declare an error (EXISTS_errorDeclaration).
	ErrorDeclared      bool
	DeclarationTime    TimeRange
	ErrorReasons       []string
	CorrectiveEventIDs []string

	Sensor Sensor
	ILMD   []FieldTest
	// Extensions test the event's user extension fields (EQ_example:myField).
	Extensions []FieldTest

	OrderBy string // "eventTime" or "recordTime"; empty: capture order
	// Descending orders by OrderBy from the latest: the binding's default when orderBy is
	// given without orderDirection. Capture order is always ascending.
	Descending      bool
	EventCountLimit int // the first N matching events in the order; 0: no limit
	MaxEventCount   int // more matching events than this is an error; 0: no limit
	PerPage         int
	NextPageToken   string
}

// Match is a MATCH_ parameter: which identifiers of an event it looks at.
type Match string

// The MATCH_ parameters.
const (
	MatchEPC            Match = "epc"            // epcList, childEPCs
	MatchParentID       Match = "parentID"       // parentID
	MatchInputEPC       Match = "inputEPC"       // inputEPCList
	MatchOutputEPC      Match = "outputEPC"      // outputEPCList
	MatchAnyEPC         Match = "anyEPC"         // any instance identifier, the parent included
	MatchEPCClass       Match = "epcClass"       // quantityList, childQuantityList
	MatchInputEPCClass  Match = "inputEPCClass"  // inputQuantityList
	MatchOutputEPCClass Match = "outputEPCClass" // outputQuantityList
	MatchAnyEPCClass    Match = "anyEPCClass"    // any class identifier
	// MatchAnyObject is no parameter: the /epcis/epcs/{epc}/events resource, any
	// identifier of the event, instance or class, in any role.
	MatchAnyObject Match = "anyObject"
)

// TimeRange is GE_…/LT_…: From inclusive, Before exclusive; nil is unbounded.
type TimeRange struct{ From, Before *time.Time }

// NumberRange is EQ_/GT_/GE_/LT_/LE_ of a number.
type NumberRange struct {
	Equal       []float64
	Above, From *float64 // GT, GE
	Below, To   *float64 // LT, LE
}

// Typed is an EQ_bizTransaction_<type>, EQ_source_<type> or EQ_destination_<type> test:
// the type as a web URI and the values, any of which matches.
type Typed struct {
	Type   string
	Values []string
}

// Sensor holds the sensor parameters: an event matches when one of its sensor reports
// passes all of them.
type Sensor struct {
	Exists                        bool // EXISTS_sensorElementList
	Time, StartTime, EndTime      TimeRange
	Types                         []string // web URIs, gs1:Temperature expanded
	DeviceIDs, DataProcessing     []string
	Microorganisms, Chemicals     []string
	BizRules, URIValues           []string
	StringValues, HexBinaryValues []string
	BooleanValue                  *bool
	PercRank                      NumberRange
}

// FieldTest is a test of a named field (an ILMD or a user extension field, by expanded
// name "{namespace}local"): Op is EQ, GT, GE, LT, LE or EXISTS; Values the operands as
// given. Inner tests the fields nested in a top-level one (EQ_INNER_…), else the top-level
// fields.
type FieldTest struct {
	Name   string
	Op     string
	Values []string
	Inner  bool
}
