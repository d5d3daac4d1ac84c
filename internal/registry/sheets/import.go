package sheets

import (
	"cmp"
	"context"
	"fmt"
	"reflect"
	"slices"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/registry"
)

// MaxReportErrors bounds the errors one import reports; past it the count of the rest is
// kept in Result.Omitted.
const MaxReportErrors = 100_000

// CellError is one broken rule in one cell of an upload: the field error numbered by
// spreadsheet row, and the value found there.
type CellError struct {
	apperr.FieldError
	Value string `json:"value,omitempty"`
}

// Result is the outcome of an import: either Imported rows, or the Errors that kept every
// row out.
type Result struct {
	Rows     int         `json:"rows"`
	Imported int         `json:"imported"`
	Errors   []CellError `json:"errors,omitempty"`
	Omitted  int         `json:"omitted,omitempty"`
}

// Importer imports workbooks of businesses.
type Importer struct{ businesses *registry.BusinessStore }

// NewImporter returns an importer that writes through businesses.
func NewImporter(businesses *registry.BusinessStore) *Importer {
	return &Importer{businesses: businesses}
}

// Import reads an xlsx workbook and creates its businesses all-or-nothing. A file that is
// not a usable workbook is an Invalid error on field "file"; bad rows, including rows
// placed at a station inScope refuses (outside the importer's jurisdiction), are a Result
// with Errors and nothing written.
func (im *Importer) Import(ctx context.Context, data []byte, inScope func(stationID int64) bool) (*Result, error) {
	p, err := parse(data)
	if err != nil {
		return nil, err
	}
	res := &Result{Rows: len(p.Inputs)}
	if outside := p.outsideScope(inScope); len(p.Bad) > 0 || len(outside) > 0 {
		bad, err := im.businesses.CheckMany(ctx, p.Inputs)
		if err != nil {
			return nil, fmt.Errorf("check businesses: %w", err)
		}
		res.setErrors(append(append(p.Bad, outside...), p.readable(p.numbered(bad))...))
		return res, nil
	}
	bad, err := im.businesses.CreateMany(ctx, p.Inputs, nil)
	if err != nil {
		return nil, fmt.Errorf("import businesses: %w", err)
	}
	if len(bad) > 0 {
		res.setErrors(p.numbered(bad))
		return res, nil
	}
	res.Imported = len(p.Inputs)
	return res, nil
}

// outsideScope refuses the rows placed at a station outside the importer's jurisdiction.
func (p *parsed) outsideScope(inScope func(stationID int64) bool) []CellError {
	var errs []apperr.FieldError
	for i, in := range p.Inputs {
		if in.StationID > 0 && !inScope(in.StationID) {
			errs = append(errs, apperr.FieldError{Row: i + 1, Field: "station_id", Rule: "out_of_scope"})
		}
	}
	return p.numbered(errs)
}

// readable drops the errors that only follow from an unreadable cell, which stands empty in
// the row the store checked: those on the cell itself, already reported, and a point
// outside the district when either coordinate could not be read.
func (p *parsed) readable(errs []CellError) []CellError {
	type cell struct {
		row   int
		field string
	}
	unreadable := map[cell]bool{}
	for _, e := range p.Bad {
		unreadable[cell{e.Row, e.Field}] = true
	}
	out := errs[:0]
	for _, e := range errs {
		coordinates := unreadable[cell{e.Row, "lat"}] || unreadable[cell{e.Row, "lng"}]
		if !unreadable[cell{e.Row, e.Field}] && !(e.Rule == "outside_district" && coordinates) {
			out = append(out, e)
		}
	}
	return out
}

// numbered turns store row errors (Row is the index in Inputs plus one) into cell errors
// numbered by spreadsheet row, with the value of the cell.
func (p *parsed) numbered(errs []apperr.FieldError) []CellError {
	out := make([]CellError, len(errs))
	for i, e := range errs {
		in := &p.Inputs[e.Row-1]
		if first, ok := e.Params["row"].(int); ok && e.Rule == "duplicate_in_file" && first >= 1 && first <= len(p.SheetRows) {
			e.Params = map[string]any{"row": p.SheetRows[first-1]}
		}
		e.Row = p.SheetRows[e.Row-1]
		out[i] = CellError{FieldError: e}
		if c, ok := columnByField(e.Field); ok {
			out[i].Value = c.text(reflect.ValueOf(in))
		}
	}
	return out
}

// setErrors keeps errs in row then column order, up to MaxReportErrors.
func (res *Result) setErrors(errs []CellError) {
	slices.SortStableFunc(errs, func(a, b CellError) int {
		return cmp.Or(cmp.Compare(a.Row, b.Row), cmp.Compare(columnPosition(a.Field), columnPosition(b.Field)))
	})
	if len(errs) > MaxReportErrors {
		res.Omitted = len(errs) - MaxReportErrors
		errs = errs[:MaxReportErrors]
	}
	res.Errors = errs
}
