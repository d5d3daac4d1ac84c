package query

import (
	"time"

	"github.com/shejian/shejian/internal/epcis"
)

// reader reads the values of one parameter into the query.
type reader func(p *parser, name string, values []string)

// fixedParams are the parameters of the binding whose names are fixed.
var fixedParams = map[string]reader{
	"eventType": func(p *parser, name string, v []string) { p.q.EventTypes = p.oneOf(name, v, eventTypes) },
	"EQ_action": func(p *parser, name string, v []string) { p.q.Actions = p.oneOf(name, v, actions) },

	"GE_eventTime":            timeBound(func(q *Query) **time.Time { return &q.EventTime.From }),
	"LT_eventTime":            timeBound(func(q *Query) **time.Time { return &q.EventTime.Before }),
	"GE_recordTime":           timeBound(func(q *Query) **time.Time { return &q.RecordTime.From }),
	"LT_recordTime":           timeBound(func(q *Query) **time.Time { return &q.RecordTime.Before }),
	"GE_errorDeclarationTime": timeBound(func(q *Query) **time.Time { return &q.DeclarationTime.From }),
	"LT_errorDeclarationTime": timeBound(func(q *Query) **time.Time { return &q.DeclarationTime.Before }),
	"GE_time":                 timeBound(func(q *Query) **time.Time { return &q.Sensor.Time.From }),
	"LT_time":                 timeBound(func(q *Query) **time.Time { return &q.Sensor.Time.Before }),
	"GE_startTime":            timeBound(func(q *Query) **time.Time { return &q.Sensor.StartTime.From }),
	"LT_startTime":            timeBound(func(q *Query) **time.Time { return &q.Sensor.StartTime.Before }),
	"GE_endTime":              timeBound(func(q *Query) **time.Time { return &q.Sensor.EndTime.From }),
	"LT_endTime":              timeBound(func(q *Query) **time.Time { return &q.Sensor.EndTime.Before }),

	"EQ_bizStep":                     words(epcis.BizStepWords, func(q *Query) *[]string { return &q.BizSteps }),
	"EQ_disposition":                 words(epcis.DispositionWords, func(q *Query) *[]string { return &q.Dispositions }),
	"EQ_persistentDisposition_set":   words(epcis.DispositionWords, func(q *Query) *[]string { return &q.PersistentSet }),
	"EQ_persistentDisposition_unset": words(epcis.DispositionWords, func(q *Query) *[]string { return &q.PersistentUnset }),
	"EQ_errorReason":                 words(epcis.ErrorReasonWords, func(q *Query) *[]string { return &q.ErrorReasons }),
	"EQ_type":                        words(epcis.MeasurementTypeWords, func(q *Query) *[]string { return &q.Sensor.Types }),

	"EQ_readPoint":            uris(func(q *Query) *[]string { return &q.ReadPoints }),
	"WD_readPoint":            uris(func(q *Query) *[]string { return &q.ReadPointsUnder }),
	"EQ_bizLocation":          uris(func(q *Query) *[]string { return &q.BizLocations }),
	"WD_bizLocation":          uris(func(q *Query) *[]string { return &q.BizLocationsUnder }),
	"EQ_transformationID":     uris(func(q *Query) *[]string { return &q.TransformationIDs }),
	"EQ_deviceID":             uris(func(q *Query) *[]string { return &q.Sensor.DeviceIDs }),
	"EQ_dataProcessingMethod": uris(func(q *Query) *[]string { return &q.Sensor.DataProcessing }),
	"EQ_microorganism":        uris(func(q *Query) *[]string { return &q.Sensor.Microorganisms }),
	"EQ_chemicalSubstance":    uris(func(q *Query) *[]string { return &q.Sensor.Chemicals }),
	"EQ_bizRules":             uris(func(q *Query) *[]string { return &q.Sensor.BizRules }),
	"EQ_uriValue":             uris(func(q *Query) *[]string { return &q.Sensor.URIValues }),

	"EQ_eventID":           texts(func(q *Query) *[]string { return &q.EventIDs }),
	"EQ_correctiveEventID": texts(func(q *Query) *[]string { return &q.CorrectiveEventIDs }),
	"EQ_stringValue":       texts(func(q *Query) *[]string { return &q.Sensor.StringValues }),
	"EQ_hexBinaryValue":    texts(func(q *Query) *[]string { return &q.Sensor.HexBinaryValues }),

	"MATCH_epc":            matches(MatchEPC),
	"MATCH_parentID":       matches(MatchParentID),
	"MATCH_inputEPC":       matches(MatchInputEPC),
	"MATCH_outputEPC":      matches(MatchOutputEPC),
	"MATCH_anyEPC":         matches(MatchAnyEPC),
	"MATCH_epcClass":       matches(MatchEPCClass),
	"MATCH_inputEPCClass":  matches(MatchInputEPCClass),
	"MATCH_outputEPCClass": matches(MatchOutputEPCClass),
	"MATCH_anyEPCClass":    matches(MatchAnyEPCClass),

	"EQ_quantity": numbers(func(q *Query) *NumberRange { return &q.Quantity }),
	"GT_quantity": bound(func(r *NumberRange) **float64 { return &r.Above }, func(q *Query) *NumberRange { return &q.Quantity }),
	"GE_quantity": bound(func(r *NumberRange) **float64 { return &r.From }, func(q *Query) *NumberRange { return &q.Quantity }),
	"LT_quantity": bound(func(r *NumberRange) **float64 { return &r.Below }, func(q *Query) *NumberRange { return &q.Quantity }),
	"LE_quantity": bound(func(r *NumberRange) **float64 { return &r.To }, func(q *Query) *NumberRange { return &q.Quantity }),
	"GT_percRank": bound(func(r *NumberRange) **float64 { return &r.Above }, func(q *Query) *NumberRange { return &q.Sensor.PercRank }),
	"GE_percRank": bound(func(r *NumberRange) **float64 { return &r.From }, func(q *Query) *NumberRange { return &q.Sensor.PercRank }),
	"LT_percRank": bound(func(r *NumberRange) **float64 { return &r.Below }, func(q *Query) *NumberRange { return &q.Sensor.PercRank }),
	"LE_percRank": bound(func(r *NumberRange) **float64 { return &r.To }, func(q *Query) *NumberRange { return &q.Sensor.PercRank }),

	"EXISTS_errorDeclaration":  flag(func(q *Query) *bool { return &q.ErrorDeclared }),
	"EXISTS_sensorElementList": flag(func(q *Query) *bool { return &q.Sensor.Exists }),
	"EQ_booleanValue": func(p *parser, name string, v []string) {
		if b, ok := p.boolean(name, v); ok {
			p.q.Sensor.BooleanValue = &b
		}
	},

	"orderBy":         func(p *parser, name string, v []string) { p.q.OrderBy = p.single(name, v, orderFields) },
	"orderDirection":  func(p *parser, name string, v []string) { p.direction = p.single(name, v, directions) },
	"eventCountLimit": func(p *parser, name string, v []string) { p.q.EventCountLimit = p.count(name, v, 1<<31-1) },
	"maxEventCount":   func(p *parser, name string, v []string) { p.q.MaxEventCount = p.count(name, v, 1<<31-1) },
	"perPage":         func(p *parser, name string, v []string) { p.q.PerPage = min(p.count(name, v, 1<<31-1), MaxPerPage) },
	"nextPageToken":   func(p *parser, name string, v []string) { p.q.NextPageToken = v[0] },
}

var (
	eventTypes  = []string{"ObjectEvent", "AggregationEvent", "TransactionEvent", "TransformationEvent", "AssociationEvent"}
	actions     = []string{"ADD", "OBSERVE", "DELETE"}
	orderFields = []string{"eventTime", "recordTime"}
	directions  = []string{"ASC", "DESC"}
)
