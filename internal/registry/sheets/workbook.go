package sheets

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/xuri/excelize/v2"
)

// ContentType is the media type of an xlsx workbook.
const ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// newWorkbook returns an empty workbook whose first sheet is named first.
func newWorkbook(first string) (*excelize.File, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName(f.GetSheetName(0), first); err != nil {
		f.Close()
		return nil, fmt.Errorf("name sheet: %w", err)
	}
	return f, nil
}

// styles are the cell styles the workbooks share.
type styles struct{ header, required, text int }

func newStyles(f *excelize.File) (styles, error) {
	fill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}
	var s styles
	var err error
	if s.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill}); err != nil {
		return s, fmt.Errorf("header style: %w", err)
	}
	if s.required, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "C00000"}, Fill: fill}); err != nil {
		return s, fmt.Errorf("required style: %w", err)
	}
	if s.text, err = f.NewStyle(&excelize.Style{NumFmt: 49}); err != nil { // 49 is "@", text
		return s, fmt.Errorf("text style: %w", err)
	}
	return s, nil
}

// sheetWriter appends rows to a sheet of a workbook, keeping the first error.
type sheetWriter struct {
	f     *excelize.File
	sheet string
	row   int
	err   error
}

// line writes values on the next row.
func (s *sheetWriter) line(values ...any) {
	if s.err != nil {
		return
	}
	s.row++
	cell, _ := excelize.CoordinatesToCellName(1, s.row)
	s.check(fmt.Sprint("row ", s.row), s.f.SetSheetRow(s.sheet, cell, &values))
}

// check keeps err, the first one, as the writer's error.
func (s *sheetWriter) check(what string, err error) {
	if err != nil && s.err == nil {
		s.err = fmt.Errorf("%s %s: %w", s.sheet, what, err)
	}
}

// widths sets the width of the columns from the first.
func (s *sheetWriter) widths(widths ...float64) {
	for i, w := range widths {
		name, _ := excelize.ColumnNumberToName(i + 1)
		s.check("width", s.f.SetColWidth(s.sheet, name, name, w))
	}
}

// setDownload sets the headers of an xlsx download named name (may be Chinese), with an
// ASCII fallback for old clients.
func setDownload(w http.ResponseWriter, name, fallback string) {
	w.Header().Set("Content-Type", ContentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`,
		fallback, strings.ReplaceAll(url.PathEscape(name), "+", "%2B")))
	w.Header().Set("Cache-Control", "no-store")
}

// Workbook is a finished workbook waiting to be sent; build errors surface before any byte
// of the response is written.
type Workbook struct {
	f *excelize.File
	// Rows is the number of data rows written.
	Rows int
}

// WriteTo writes the workbook as xlsx.
func (wb *Workbook) WriteTo(w io.Writer) (int64, error) { return wb.f.WriteTo(w) }

// Close removes the workbook's temporary files.
func (wb *Workbook) Close() error { return wb.f.Close() }

// tableColumn is one column of a streamed table.
type tableColumn struct {
	Title    string
	Width    float64
	Text     bool // keep as text, so that Excel does not turn codes into numbers
	Required bool // highlight the title
}

// tableStream writes a table to a sheet row by row through a stream writer, so that memory
// stays flat however many rows there are.
type tableStream struct {
	sw   *excelize.StreamWriter
	rows int
}

// newTableStream starts sheet with a frozen, styled header row of cols.
func newTableStream(f *excelize.File, sheet string, cols []tableColumn) (*tableStream, error) {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, fmt.Errorf("stream %s: %w", sheet, err)
	}
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	header := make([]any, len(cols))
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.Width); err != nil {
			return nil, fmt.Errorf("stream %s width: %w", sheet, err)
		}
		if c.Text {
			if err := sw.SetColStyle(i+1, i+1, st.text); err != nil {
				return nil, fmt.Errorf("stream %s format: %w", sheet, err)
			}
		}
		header[i] = excelize.Cell{StyleID: st.header, Value: c.Title}
		if c.Required {
			header[i] = excelize.Cell{StyleID: st.required, Value: c.Title}
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, fmt.Errorf("stream %s panes: %w", sheet, err)
	}
	if err := sw.SetRow("A1", header); err != nil {
		return nil, fmt.Errorf("stream %s header: %w", sheet, err)
	}
	return &tableStream{sw: sw}, nil
}

// add writes the next row.
func (t *tableStream) add(values []any) error {
	t.rows++
	cell, _ := excelize.CoordinatesToCellName(1, t.rows+1)
	if err := t.sw.SetRow(cell, values); err != nil {
		return fmt.Errorf("stream row %d: %w", t.rows+1, err)
	}
	return nil
}

// flush ends the sheet.
func (t *tableStream) flush() error {
	if err := t.sw.Flush(); err != nil {
		return fmt.Errorf("flush sheet: %w", err)
	}
	return nil
}
