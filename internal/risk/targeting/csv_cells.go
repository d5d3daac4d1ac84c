package targeting

import (
	"math"
	"strconv"
	"time"
)

// cellReader reads typed cells of one row; every failure is a RowError naming the column.
type cellReader struct {
	file   string
	line   int
	cols   map[string]int
	record []string
}

func (c cellReader) fail(column, rule, value string) error {
	return &RowError{File: c.file, Line: c.line, Column: column, Rule: rule, Value: value}
}

func (c cellReader) cell(column string) string {
	return c.record[c.cols[column]]
}

func (c cellReader) text(column string) (string, error) {
	v := c.cell(column)
	if isMissing(v) {
		return "", c.fail(column, "required, must not be NA or empty", v)
	}
	return v, nil
}

// number reads a required finite number that is not below min.
func (c cellReader) number(column string, min float64) (float64, error) {
	v, err := c.text(column)
	if err != nil {
		return 0, err
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, c.fail(column, "must be a number", v)
	}
	if f < min {
		return 0, c.fail(column, "must be at least "+strconv.FormatFloat(min, 'g', -1, 64), v)
	}
	return f, nil
}

// optionalNumber reads a finite number or NA, which becomes NaN.
func (c cellReader) optionalNumber(column string) (float64, error) {
	v := c.cell(column)
	if isMissing(v) {
		return math.NaN(), nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, c.fail(column, "must be a number or NA", v)
	}
	return f, nil
}

func (c cellReader) flag(column string) (bool, error) {
	v, err := c.text(column)
	if err != nil {
		return false, err
	}
	switch v {
	case "0", "FALSE":
		return false, nil
	case "1", "TRUE":
		return true, nil
	}
	return false, c.fail(column, "must be 0 or 1", v)
}

func (c cellReader) date(column string) (time.Time, error) {
	v, err := c.text(column)
	if err != nil {
		return time.Time{}, err
	}
	d, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return time.Time{}, c.fail(column, "must be a date YYYY-MM-DD", v)
	}
	return d, nil
}

// optionalDate reads a date or NA, which becomes the zero time.
func (c cellReader) optionalDate(column string) (time.Time, error) {
	if isMissing(c.cell(column)) {
		return time.Time{}, nil
	}
	return c.date(column)
}
