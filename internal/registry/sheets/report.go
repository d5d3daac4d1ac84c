package sheets

import (
	"fmt"

	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/web"
)

// Line is one bad cell as a report shows it: spreadsheet row, column title, the value found
// and what is wrong, in the reader's language.
type Line struct {
	Row     int
	Column  string
	Value   string
	Message string
}

// Lines renders errs in lang.
func Lines(lang i18n.Lang, errs []CellError) []Line {
	out := make([]Line, len(errs))
	for i, e := range errs {
		title := e.Field
		if c, ok := columnByField(e.Field); ok {
			title = c.Header()
		}
		out[i] = Line{Row: e.Row, Column: title, Value: e.Value, Message: web.FieldMessage(lang, e.FieldError)}
	}
	return out
}

// ReportWorkbook builds the downloadable report of rep in lang: one row per bad cell.
func ReportWorkbook(lang i18n.Lang, rep *Report) (*Workbook, error) {
	sheet := i18n.T(lang, "sheets.report.sheet", nil)
	f, err := newWorkbook(sheet)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	t, err := newTableStream(f, sheet, []tableColumn{
		{Title: i18n.T(lang, "sheets.report.row", nil), Width: 8},
		{Title: i18n.T(lang, "sheets.report.column", nil), Width: 30},
		{Title: i18n.T(lang, "sheets.report.value", nil), Width: 30, Text: true},
		{Title: i18n.T(lang, "sheets.report.message", nil), Width: 60},
	})
	if err == nil {
		err = addLines(t, Lines(lang, rep.Errors))
	}
	if err == nil && rep.Omitted > 0 {
		err = t.add([]any{nil, nil, nil, i18n.T(lang, "sheets.report.omitted", map[string]any{"n": rep.Omitted})})
	}
	if err == nil {
		err = t.flush()
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("report: %w", err)
	}
	return &Workbook{f: f, Rows: t.rows}, nil
}

func addLines(t *tableStream, lines []Line) error {
	for _, l := range lines {
		if err := t.add([]any{l.Row, l.Column, l.Value, l.Message}); err != nil {
			return err
		}
	}
	return nil
}
