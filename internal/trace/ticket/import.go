package ticket

import (
	"bytes"
	"context"
	"log/slog"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/registry/sheets"
)

// MaxImportRows bounds the entries of one import: a ticket makes two events, and one
// capture takes trace.MaxEvents.
const MaxImportRows = 2000

// workbook is an upload read: its entries in recording order, the cells of each entry's
// row by field, and the cells that could not be read.
type workbook struct {
	entries []Entry
	cells   []map[string]string
	bad     []Problem
}

// Import records the entries of an xlsx workbook, all or none. A file that is no usable
// workbook is an Invalid error on field "file"; problems of rows are in the Result, each
// with its sheet, row and the value found in the cell.
func (r *Recorder) Import(ctx context.Context, data []byte) (Result, error) {
	wb, err := readWorkbook(data)
	if err != nil {
		return Result{}, err
	}
	res, err := r.Record(ctx, wb.entries)
	if err != nil {
		return Result{}, err
	}
	res.Problems = wb.withValues(res.Problems)
	return res, nil
}

// withValues adds the unreadable cells to problems and the cell value to each; a problem
// that only follows from an unreadable cell (a quantity of zero) is left out.
func (wb *workbook) withValues(problems []Problem) []Problem {
	out := append([]Problem(nil), wb.bad...)
	for _, p := range problems {
		i := entryAt(wb.entries, p.Sheet, p.Row)
		if i < 0 {
			out = append(out, p)
			continue
		}
		if _, unreadable := wb.cells[i]["!"+p.Field]; unreadable {
			continue
		}
		p.Value = wb.cells[i][p.Field]
		out = append(out, p)
	}
	return out
}

// entryAt finds the entry read from row of sheet.
func entryAt(entries []Entry, sheet string, row int) int {
	for i, e := range entries {
		if e.Sheet == sheet && e.Row == row {
			return i
		}
	}
	return -1
}

// readWorkbook reads the sheets of sheetFormats that the workbook has.
func readWorkbook(data []byte) (wb *workbook, err error) {
	defer func() { // a malformed upload must never become a 500
		if v := recover(); v != nil {
			slog.Error("read ticket workbook panicked", "panic", v)
			wb, err = nil, fileError("xlsx_corrupt", nil)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, &apperr.Error{Code: apperr.Invalid, Fields: []apperr.FieldError{{Field: "file", Rule: "xlsx_corrupt"}}, Err: err}
	}
	defer f.Close()
	props, err := f.GetWorkbookProps()
	if err != nil {
		return nil, fileError("xlsx_corrupt", nil)
	}
	date1904 := props.Date1904 != nil && *props.Date1904
	wb = &workbook{}
	for _, s := range sheetFormats {
		if !slices.Contains(f.GetSheetList(), s.Name) {
			continue
		}
		rows, err := f.GetRows(s.Name, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fileError("xlsx_corrupt", nil)
		}
		if err := wb.readSheet(s, rows, date1904); err != nil {
			return nil, err
		}
	}
	if len(wb.entries) == 0 {
		return nil, fileError("xlsx_no_rows", nil)
	}
	return wb, nil
}

// readSheet reads the rows of one sheet under its header row.
func (wb *workbook) readSheet(s sheetFormat, rows [][]string, date1904 bool) error {
	var cols []column
	for i, cells := range rows {
		switch {
		case blank(cells):
		case cols == nil:
			var err error
			if cols, err = s.header(cells); err != nil {
				return err
			}
		case len(wb.entries) == MaxImportRows:
			return fileError("xlsx_too_many_rows", map[string]any{"max": MaxImportRows})
		default:
			wb.readRow(s, cols, cells, i+1, date1904)
		}
	}
	return nil
}

// header maps the header cells to columns (zero for a cell it ignores) and refuses a sheet
// without its required columns.
func (s sheetFormat) header(cells []string) ([]column, error) {
	cols := make([]column, len(cells))
	seen := map[string]bool{}
	for i, cell := range cells {
		for _, c := range s.Columns {
			if c.matches(cell) && !seen[c.Field] {
				cols[i], seen[c.Field] = c, true
			}
		}
	}
	var missing []string
	for _, c := range s.Columns {
		if c.Required && !seen[c.Field] {
			missing = append(missing, c.Header())
		}
	}
	if len(missing) > 0 {
		return nil, fileError("xlsx_missing_columns", map[string]any{"columns": s.Name + ": " + strings.Join(missing, ", ")})
	}
	return cols, nil
}

// readRow reads one data row as an entry; a quantity that is no number is a problem of
// its own, marked "!quantity" among the row's cells. The entry then has quantity zero,
// which Record refuses, so such a workbook records nothing.
func (wb *workbook) readRow(s sheetFormat, cols []column, cells []string, row int, date1904 bool) {
	v := map[string]string{}
	for i, cell := range cells[:min(len(cells), len(cols))] {
		if cols[i].Field != "" {
			v[cols[i].Field] = cellText(cols[i].Field, strings.TrimSpace(cell), date1904)
		}
	}
	quantity, err := strconv.ParseFloat(v["quantity"], 64)
	if v["quantity"] != "" && (err != nil || math.IsNaN(quantity) || math.IsInf(quantity, 0)) {
		v["!quantity"] = ""
		wb.bad = append(wb.bad, Problem{Sheet: s.Name, CellError: sheets.CellError{
			FieldError: apperr.FieldError{Row: row, Field: "quantity", Rule: "number"}, Value: v["quantity"]}})
	}
	e := s.entryOf(v, quantity)
	e.Sheet, e.Row = s.Name, row
	wb.entries = append(wb.entries, e)
	wb.cells = append(wb.cells, v)
}

// cellText is a cell as an entry reads it: a date column's serial number as a date, or a
// date and time when it has a time of day.
func cellText(field, raw string, date1904 bool) string {
	serial, err := strconv.ParseFloat(raw, 64)
	if field != "date" && field != "harvest_date" || err != nil || serial <= 0 {
		return raw
	}
	t, err := excelize.ExcelDateToTime(serial, date1904)
	switch {
	case err != nil:
		return raw
	case serial == math.Trunc(serial):
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04")
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// fileError is an Invalid error on the uploaded file as a whole.
func fileError(rule string, params map[string]any) error {
	return apperr.Fields(apperr.Field("file", rule, params))
}
