package sheets

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"reflect"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/registry"
)

// MaxRows bounds the data rows of one import.
const MaxRows = 200_000

// parsed is an upload read into inputs: SheetRows[i] is the spreadsheet row of Inputs[i],
// and Bad holds the cells that could not be read, already numbered by spreadsheet row.
type parsed struct {
	Inputs    []registry.BusinessInput
	SheetRows []int
	Bad       []CellError
}

// fileError is an Invalid error on the uploaded file as a whole.
func fileError(rule string, params map[string]any) error {
	return apperr.Fields(apperr.Field("file", rule, params))
}

// parse reads the data sheet of an xlsx workbook. Problems with the file as a whole (not a
// workbook, no header, missing columns) are an Invalid error on field "file"; problems of
// single cells are returned in Bad.
func parse(data []byte) (p *parsed, err error) {
	// A malformed upload must never become a 500; a panic here is a bug, logged as such.
	defer func() {
		if v := recover(); v != nil {
			slog.Error("parse upload panicked", "panic", v)
			p, err = nil, fileError("xlsx_corrupt", nil)
		}
	}()
	return parseWorkbook(data)
}

// unpackLimit bounds what an upload may unpack to, against zip bombs: excelize holds every
// part but a large sheet or shared-string table in memory. A 200,000-row sheet unpacks to
// some 160 MB.
const unpackLimit = 512 << 20

// inMemoryLimit is the largest sheet or shared-string table kept in memory; larger ones are
// unpacked to a temporary file, so that memory stays flat for the largest imports.
const inMemoryLimit = 16 << 20

// readOptions read cells as stored, not as displayed: a number format could round a
// coordinate, and the date columns read dates from their serial numbers.
var readOptions = excelize.Options{RawCellValue: true}

// parseWorkbook is parse without the guard against panics, for the fuzz test.
func parseWorkbook(data []byte) (*parsed, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: unpackLimit, UnzipXMLSizeLimit: inMemoryLimit})
	if err != nil {
		return nil, bookError(err)
	}
	defer f.Close()
	if err := checkIntact(data); err != nil {
		return nil, bookError(err)
	}
	sheet, err := dataSheet(f)
	if err != nil {
		return nil, err
	}
	props, err := f.GetWorkbookProps()
	if err != nil {
		return nil, bookError(err)
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, bookError(err)
	}
	defer rows.Close()
	r := rowReader{rows: rows, date1904: props.Date1904 != nil && *props.Date1904}
	return r.read()
}

// checkIntact reads every part of the package through its checksum: excelize does not report
// damaged parts, and would read a damaged sheet as a shorter one. It runs after excelize
// has checked the unpacked sizes.
func checkIntact(data []byte) error {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	for _, part := range z.File {
		rc, err := part.Open()
		if err != nil {
			return fmt.Errorf("open %s: %w", part.Name, err)
		}
		_, err = io.Copy(io.Discard, rc)
		rc.Close()
		if err != nil {
			return fmt.Errorf("read %s: %w", part.Name, err)
		}
	}
	return nil
}

// dataSheet names the sheet to import: the one named DataSheet, else the first.
func dataSheet(f *excelize.File) (string, error) {
	list := f.GetSheetList()
	switch {
	case slices.Contains(list, DataSheet):
		return DataSheet, nil
	case len(list) > 0:
		return list[0], nil
	}
	return "", fileError("xlsx_no_sheet", nil)
}

// bookError turns a failure to read the package into the error on field "file" it means.
func bookError(err error) error {
	var notExist excelize.ErrSheetNotExist
	switch {
	case errors.As(err, &notExist):
		return fileError("xlsx_no_sheet", nil)
	case unpackedTooLarge(err):
		return fileError("xlsx_unpacked_too_large", map[string]any{"mb": unpackLimit >> 20})
	}
	return &apperr.Error{Code: apperr.Invalid, Fields: []apperr.FieldError{{Field: "file", Rule: "xlsx_corrupt"}}, Err: err}
}

// unpackedTooLarge tells excelize's refusal to unpack past unpackLimit, which it reports by
// message only.
func unpackedTooLarge(err error) bool {
	return strings.Contains(err.Error(), fmt.Sprintf("exceeds the %d bytes limit", unpackLimit))
}

// rowReader turns the rows of the data sheet into inputs.
type rowReader struct {
	rows     *excelize.Rows
	date1904 bool
	cols     []column // cols[i] is the column of cell i, or zero for an ignored cell
}

func (r *rowReader) read() (*parsed, error) {
	p := &parsed{}
	// Next stops at every row number, also at those the sheet leaves out.
	for line := 1; r.rows.Next(); line++ {
		cells, err := r.rows.Columns(readOptions)
		if err != nil {
			return nil, bookError(err)
		}
		switch {
		case blank(cells):
		case r.cols == nil:
			if err := r.header(cells); err != nil {
				return nil, err
			}
		case len(p.Inputs) == MaxRows:
			return nil, fileError("xlsx_too_many_rows", map[string]any{"max": MaxRows})
		default:
			r.row(p, line, cells)
		}
	}
	if err := r.rows.Error(); err != nil {
		return nil, bookError(err)
	}
	if r.cols == nil || len(p.Inputs) == 0 && len(p.Bad) == 0 {
		return nil, fileError("xlsx_no_rows", nil)
	}
	return p, nil
}

// header maps the cells of the first non-blank row to columns; unknown titles are ignored
// (an export carries id, status and names), duplicates and missing required ones refused.
func (r *rowReader) header(cells []string) error {
	r.cols = make([]column, len(cells))
	seen := map[string]bool{}
	for i, h := range cells {
		for _, c := range inputColumns {
			if !c.matches(h) {
				continue
			}
			if seen[c.Field] {
				return fileError("xlsx_duplicate_column", map[string]any{"column": c.Header()})
			}
			seen[c.Field], r.cols[i] = true, c
		}
	}
	var missing []string
	for _, c := range inputColumns {
		if c.Required && !seen[c.Field] {
			missing = append(missing, c.Header())
		}
	}
	if len(missing) > 0 {
		return fileError("xlsx_missing_columns", map[string]any{"columns": strings.Join(missing, ", ")})
	}
	return nil
}

// row reads one data row; the template's example row is skipped.
func (r *rowReader) row(p *parsed, line int, cells []string) {
	var in registry.BusinessInput
	var bad []CellError
	v := reflect.ValueOf(&in)
	for i, raw := range cells[:min(len(cells), len(r.cols))] {
		c := r.cols[i]
		if c.Field == "" {
			continue
		}
		if rule := c.set(v, raw, r.date1904); rule != "" {
			bad = append(bad, CellError{FieldError: apperr.FieldError{Row: line, Field: c.Field, Rule: rule}, Value: raw})
		}
	}
	if strings.EqualFold(strings.TrimSpace(in.USCC), exampleUSCC) {
		return
	}
	p.Bad = append(p.Bad, bad...)
	p.Inputs = append(p.Inputs, in)
	p.SheetRows = append(p.SheetRows, line)
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
