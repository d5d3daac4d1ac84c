package query

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/epcis"
)

// NeedsFacts reports whether the query has parameters that only an event's facts can
// answer: quantities, persistent dispositions, the reason and corrective events of an
// error declaration, sensor readings, ILMD and extension fields. The stored columns and edge tables answer
// every other parameter.
func (q *Query) NeedsFacts() bool {
	return !q.Quantity.empty() || len(q.PersistentSet) > 0 || len(q.PersistentUnset) > 0 || len(q.ErrorReasons) > 0 ||
		len(q.CorrectiveEventIDs) > 0 || len(q.ILMD) > 0 || len(q.Extensions) > 0 || q.Sensor.asked()
}

// MatchesFacts reports whether an event with facts f passes the parameters NeedsFacts
// names. Those of the stored columns are not tested again.
func (q *Query) MatchesFacts(f *epcis.Facts) bool {
	return q.quantityMatches(f) && anyOf(q.PersistentSet, f.PersistentDispositionSet) &&
		anyOf(q.PersistentUnset, f.PersistentDispositionUnset) && q.declarationMatches(f.ErrorDeclaration) &&
		fieldsMatch(q.ILMD, f.ILMD) && fieldsMatch(q.Extensions, f.Extensions) && q.Sensor.matches(f.Sensors)
}

// quantityMatches: one quantity element of the event gives a quantity that passes every
// quantity parameter.
func (q *Query) quantityMatches(f *epcis.Facts) bool {
	if q.Quantity.empty() {
		return true
	}
	return slices.ContainsFunc(f.Objects, func(o epcis.Object) bool { return o.HasQuantity && q.Quantity.contains(&o.Quantity) })
}

func (q *Query) declarationMatches(d *epcis.ErrorDeclaration) bool {
	if len(q.ErrorReasons) == 0 && len(q.CorrectiveEventIDs) == 0 {
		return true
	}
	return d != nil && (len(q.ErrorReasons) == 0 || slices.Contains(q.ErrorReasons, d.Reason)) &&
		anyOf(q.CorrectiveEventIDs, d.CorrectiveEventIDs)
}

// fieldsMatch: each test is passed by a field of its name and depth (top-level, or nested
// for INNER_).
func fieldsMatch(tests []FieldTest, fields []epcis.Field) bool {
	for _, t := range tests {
		if !slices.ContainsFunc(fields, func(f epcis.Field) bool { return f.Name == t.Name && f.Inner == t.Inner && t.passes(f.Value) }) {
			return false
		}
	}
	return true
}

// passes compares a field's value (canonical, as epcis.Facts gives it) with the test's
// operands: numbers as numbers, times as times; EQ compares anything else as text, the
// orderings nothing else. EXISTS is passed by any value.
func (t FieldTest) passes(value string) bool {
	switch t.Op {
	case "EXISTS":
		return true
	case "EQ":
		return slices.ContainsFunc(t.Values, func(v string) bool {
			c, _ := compareValues(value, epcis.CanonicalURI(v))
			return c == 0
		})
	}
	c, ordered := compareValues(value, t.Values[0])
	if !ordered {
		return false
	}
	switch t.Op {
	case "GT":
		return c > 0
	case "GE":
		return c >= 0
	case "LT":
		return c < 0
	}
	return c <= 0 // LE
}

// compareValues orders a and b as numbers or as times (an xsd:dateTime or xsd:date), and
// reports false when they are neither both numbers nor both times; c is then 0 for equal
// text and 1 otherwise.
func compareValues(a, b string) (c int, ordered bool) {
	if x, y, ok := bothNumbers(a, b); ok {
		return cmpFloat(x, y), true
	}
	if x, y, ok := bothTimes(a, b); ok {
		return x.Compare(y), true
	}
	if a == b {
		return 0, false
	}
	return 1, false
}

func bothNumbers(a, b string) (float64, float64, bool) {
	x, okA := number(a)
	y, okB := number(b)
	return x, y, okA && okB
}

// number reads a decimal number; not hexadecimal, infinity or NaN, which no EPCIS number is.
func number(s string) (float64, bool) {
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) && !strings.ContainsAny(s, "xX_")
}

func bothTimes(a, b string) (time.Time, time.Time, bool) {
	x, errA := parseTime(a)
	y, errB := parseTime(b)
	return x, y, errA == nil && errB == nil
}

// parseTime reads an xsd:dateTime with its zone, or an xsd:date (midnight UTC).
func parseTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	return time.Parse(time.DateOnly, s)
}

func cmpFloat(x, y float64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// anyOf reports whether have holds one of want, or want is empty.
func anyOf(want, have []string) bool {
	return len(want) == 0 || slices.ContainsFunc(have, func(h string) bool { return slices.Contains(want, h) })
}

// empty reports whether the range constrains nothing.
func (r NumberRange) empty() bool {
	return len(r.Equal) == 0 && r.Above == nil && r.From == nil && r.Below == nil && r.To == nil
}

// contains reports whether *v passes every bound and equals one of Equal, if any; a nil v
// passes nothing.
func (r NumberRange) contains(v *float64) bool {
	if v == nil {
		return false
	}
	x := *v
	return (len(r.Equal) == 0 || slices.Contains(r.Equal, x)) && (r.Above == nil || x > *r.Above) &&
		(r.From == nil || x >= *r.From) && (r.Below == nil || x < *r.Below) && (r.To == nil || x <= *r.To)
}

// contains reports whether t lies in the range; a zero t (a time the event does not give)
// lies in no bounded range.
func (r TimeRange) contains(t time.Time) bool {
	if r.From == nil && r.Before == nil {
		return true
	}
	return !t.IsZero() && (r.From == nil || !t.Before(*r.From)) && (r.Before == nil || t.Before(*r.Before))
}

// asked reports whether any sensor parameter is given.
func (s *Sensor) asked() bool {
	return s.Exists || s.Time.From != nil || s.Time.Before != nil || s.StartTime.From != nil ||
		s.StartTime.Before != nil || s.EndTime.From != nil || s.EndTime.Before != nil || len(s.Types) > 0 ||
		len(s.DeviceIDs) > 0 || len(s.DataProcessing) > 0 || len(s.Microorganisms) > 0 || len(s.Chemicals) > 0 ||
		len(s.BizRules) > 0 || len(s.URIValues) > 0 || len(s.StringValues) > 0 || len(s.HexBinaryValues) > 0 ||
		s.BooleanValue != nil || !s.PercRank.empty()
}

// matches: one sensor report passes every sensor parameter (a report carries its
// element's metadata, so a device and a reading are tested together).
func (s *Sensor) matches(reports []epcis.SensorReport) bool {
	if !s.asked() {
		return true
	}
	return slices.ContainsFunc(reports, s.passes)
}

func (s *Sensor) passes(r epcis.SensorReport) bool {
	return s.Time.contains(r.Time) && s.StartTime.contains(r.StartTime) && s.EndTime.contains(r.EndTime) &&
		oneOf(s.Types, r.Type) && oneOf(s.DeviceIDs, r.DeviceID) && oneOf(s.DataProcessing, r.DataProcessingMethod) &&
		oneOf(s.Microorganisms, r.Microorganism) && oneOf(s.Chemicals, r.ChemicalSubstance) &&
		oneOf(s.BizRules, r.BizRules) && oneOf(s.URIValues, r.URIValue) && oneOf(s.StringValues, r.StringValue) &&
		(len(s.HexBinaryValues) == 0 || slices.ContainsFunc(s.HexBinaryValues, func(h string) bool {
			return r.HexBinaryValue != "" && strings.EqualFold(h, r.HexBinaryValue)
		})) &&
		(s.BooleanValue == nil || r.BooleanValue != nil && *r.BooleanValue == *s.BooleanValue) &&
		(s.PercRank.empty() || s.PercRank.contains(r.PercRank))
}

// oneOf reports whether v is one of want, or want is empty.
func oneOf(want []string, v string) bool { return len(want) == 0 || slices.Contains(want, v) }
