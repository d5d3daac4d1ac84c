package export

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// ContentType is the media type of an xlsx workbook.
const ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// ReadmeSheet is the first sheet: what was asked, when, and what each sheet holds.
const ReadmeSheet = "README"

// Workbook is a finished export waiting to be sent: build errors surface before any byte
// of a response is written.
type Workbook struct {
	f *excelize.File
	// Rows are the data rows of each CTE's sheet.
	Rows map[CTE]int
	// Events is how many events were read.
	Events int
}

// WriteTo writes the workbook as xlsx.
func (wb *Workbook) WriteTo(w io.Writer) (int64, error) { return wb.f.WriteTo(w) }

// Close removes the workbook's temporary files.
func (wb *Workbook) Close() error { return wb.f.Close() }

// styles are the cell styles of an export.
type styles struct{ header, required, minute, day int }

func newStyles(f *excelize.File) (styles, error) {
	fill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}
	wrap := &excelize.Alignment{WrapText: true, Vertical: "top"}
	minute, day := "yyyy-mm-dd hh:mm", "yyyy-mm-dd"
	var s styles
	for _, def := range []struct {
		id    *int
		style excelize.Style
	}{
		{&s.header, excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill, Alignment: wrap}},
		{&s.required, excelize.Style{Font: &excelize.Font{Bold: true, Color: "C00000"}, Fill: fill, Alignment: wrap}},
		{&s.minute, excelize.Style{CustomNumFmt: &minute}},
		{&s.day, excelize.Style{CustomNumFmt: &day}},
	} {
		id, err := f.NewStyle(&def.style)
		if err != nil {
			return s, fmt.Errorf("style: %w", err)
		}
		*def.id = id
	}
	return s, nil
}

// write makes the workbook of a collection: the README, then each CTE's sheet streamed.
func write(c *collection, req Request, opts Options, places *placeBook) (*Workbook, error) {
	f := excelize.NewFile()
	wb := &Workbook{f: f, Rows: map[CTE]int{}, Events: c.events}
	err := f.SetSheetName(f.GetSheetName(0), ReadmeSheet)
	var st styles
	if err == nil {
		st, err = newStyles(f)
	}
	missing := map[CTE]int{}
	for _, cte := range CTEs {
		if err != nil {
			break
		}
		missing[cte], err = writeSheet(f, st, cte, c.records[cte], places)
		wb.Rows[cte] = len(c.records[cte])
	}
	if err == nil {
		err = writeReadme(f, st, readme{req: req, opts: opts, events: c.events, rows: wb.Rows, missing: missing})
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return wb, nil
}

// writeSheet streams a CTE's records to its sheet under a frozen header with an
// autofilter (so that Excel sorts and filters it), and returns how many rows lack a
// required KDE.
func writeSheet(f *excelize.File, st styles, cte CTE, records []Record, places *placeBook) (int, error) {
	name := cte.Sheet()
	if _, err := f.NewSheet(name); err != nil {
		return 0, fmt.Errorf("sheet %s: %w", name, err)
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return 0, fmt.Errorf("sheet %s: %w", name, err)
	}
	cols := sheetColumns[cte]
	header := make([]any, len(cols))
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return 0, fmt.Errorf("sheet %s: %w", name, err)
		}
		header[i] = excelize.Cell{StyleID: st.header, Value: c.title()}
		if c.required {
			header[i] = excelize.Cell{StyleID: st.required, Value: c.title()}
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return 0, fmt.Errorf("sheet %s: %w", name, err)
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{Height: 30}); err != nil {
		return 0, fmt.Errorf("sheet %s: %w", name, err)
	}
	missing := 0
	values := make([]any, len(cols))
	for n := range records {
		lacks := false
		for i, c := range cols {
			v := c.value(&records[n], places)
			lacks = lacks || c.required && isEmpty(v)
			values[i] = cell(st, c.format, v)
		}
		if lacks {
			missing++
		}
		at, _ := excelize.CoordinatesToCellName(1, n+2)
		if err := sw.SetRow(at, values); err != nil {
			return 0, fmt.Errorf("sheet %s row %d: %w", name, n+2, err)
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(cols), len(records)+1)
	if err := f.AutoFilter(name, "A1:"+last, nil); err != nil {
		return 0, fmt.Errorf("sheet %s autofilter: %w", name, err)
	}
	if err := sw.Flush(); err != nil {
		return 0, fmt.Errorf("sheet %s: %w", name, err)
	}
	return missing, nil
}

// cell is a value as the stream writes it: times with their date format.
func cell(st styles, f format, v any) any {
	switch {
	case v == nil:
		return nil
	case f == timeCell:
		return excelize.Cell{StyleID: st.minute, Value: v}
	case f == dayCell:
		return excelize.Cell{StyleID: st.day, Value: v}
	}
	return v
}

// isEmpty reports whether a cell value says nothing.
func isEmpty(v any) bool { return v == nil || v == "" }
