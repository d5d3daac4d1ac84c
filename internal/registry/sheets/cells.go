package sheets

import (
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// maxExactInteger is the largest whole number a spreadsheet (a float64) holds exactly.
const maxExactInteger = 1 << 53

// set stores the raw cell text into c's field of the struct v points to, and returns the
// rule the text breaks ("number", "integer") or "" when it fits. Dates are normalised to
// YYYY-MM-DD where they can be; what cannot be read is kept as typed, for the registry's
// own validation to name.
func (c column) set(v reflect.Value, raw string, date1904 bool) string {
	f := v.Elem().FieldByIndex(c.index)
	raw = strings.TrimSpace(raw)
	switch f.Kind() {
	case reflect.String:
		if c.Date {
			raw = normalizeDate(raw, date1904)
		}
		f.SetString(raw)
	case reflect.Float64:
		n, ok := parseNumber(raw)
		if !ok {
			return "number"
		}
		f.SetFloat(n)
	case reflect.Int, reflect.Int64:
		n, ok := parseInteger(raw)
		if !ok {
			return "integer"
		}
		f.SetInt(n)
	case reflect.Pointer:
		n, ok := parseInteger(raw)
		if !ok {
			return "integer"
		}
		f.SetZero()
		if raw != "" {
			f.Set(reflect.ValueOf(&n))
		}
	}
	return ""
}

// value returns c's field of the struct v points to as a cell value: nil for an absent
// optional value, a date string for a time, else the number or text itself.
func (c column) value(v reflect.Value) any {
	f := v.Elem().FieldByIndex(c.index)
	if f.Kind() == reflect.Pointer {
		if f.IsNil() {
			return nil
		}
		f = f.Elem()
	}
	switch x := f.Interface().(type) {
	case time.Time:
		return x.Format(time.DateOnly)
	default:
		if f.Kind() == reflect.String {
			return f.String()
		}
		return x
	}
}

// text is c's field of the struct v points to as the text a user would have typed.
func (c column) text(v reflect.Value) string {
	switch x := c.value(v).(type) {
	case nil:
		return ""
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		return x
	default:
		return strconv.FormatInt(reflect.ValueOf(x).Int(), 10)
	}
}

// parseNumber reads a finite number; a blank cell is zero.
func parseNumber(s string) (float64, bool) {
	if s == "" {
		return 0, true
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
		return 0, false
	}
	return n, true
}

// parseInteger reads a whole number, also when Excel stored it as "12.0" or "1.2E+1".
func parseInteger(s string) (int64, bool) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, true
	}
	f, ok := parseNumber(s)
	if !ok || f != math.Trunc(f) || math.Abs(f) > maxExactInteger {
		return 0, false
	}
	return int64(f), true
}

var dateSeparators = strings.NewReplacer("/", "-", ".", "-")

// normalizeDate turns an Excel date serial number, an ISO 8601 date cell
// (2024-01-05T00:00:00) or a date written 2024/1/5, 2024.1.5 or 2024-1-5 into 2024-01-05;
// anything else is returned unchanged.
func normalizeDate(s string, date1904 bool) string {
	if s == "" {
		return s
	}
	if serial, err := strconv.ParseFloat(s, 64); err == nil && serial > 0 && serial < 2958466 {
		if t, err := excelize.ExcelDateToTime(serial, date1904); err == nil {
			return t.Format(time.DateOnly)
		}
	}
	day := s
	if len(day) > 10 && day[10] == 'T' {
		day = day[:10]
	}
	dashed := dateSeparators.Replace(day)
	if t, err := time.Parse("2006-1-2", dashed); err == nil {
		return t.Format(time.DateOnly)
	}
	return s
}
