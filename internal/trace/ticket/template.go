package ticket

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"github.com/shejian/shejian/internal/i18n"
)

// helpSheet is the template's sheet that explains each column.
const helpSheet = "说明"

// writeTemplate writes the import template: a sheet per kind of entry with its header row
// (required columns in red, code columns kept as text), and the help sheet in lang.
func writeTemplate(w io.Writer, lang i18n.Lang) error {
	f := excelize.NewFile()
	defer f.Close()
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("template style: %w", err)
	}
	required, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "C00000"}})
	if err != nil {
		return fmt.Errorf("template style: %w", err)
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": text
	if err != nil {
		return fmt.Errorf("template style: %w", err)
	}
	for i, s := range sheetFormats {
		if i == 0 {
			err = f.SetSheetName(f.GetSheetName(0), s.Name)
		} else {
			_, err = f.NewSheet(s.Name)
		}
		if err != nil {
			return fmt.Errorf("template sheet %s: %w", s.Name, err)
		}
		for j, c := range s.Columns {
			name, _ := excelize.ColumnNumberToName(j + 1)
			style := head
			if c.Required {
				style = required
			}
			err = firstErr(err, f.SetCellValue(s.Name, name+"1", c.Header()), f.SetCellStyle(s.Name, name+"1", name+"1", style),
				f.SetColWidth(s.Name, name, name, 18))
			if c.Text {
				err = firstErr(err, f.SetColStyle(s.Name, name, text))
			}
		}
		if err != nil {
			return fmt.Errorf("template sheet %s: %w", s.Name, err)
		}
	}
	if err := writeHelp(f, lang, head); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// writeHelp adds the help sheet: how the import works, and every column of every sheet.
func writeHelp(f *excelize.File, lang i18n.Lang, head int) error {
	if _, err := f.NewSheet(helpSheet); err != nil {
		return fmt.Errorf("template help: %w", err)
	}
	tr := func(key string, params map[string]any) string { return i18n.T(lang, key, params) }
	lines := [][]any{{tr("ticket.help.title", nil)}, {tr("ticket.help.sheets", nil)}, {tr("ticket.help.all_or_nothing", nil)},
		{tr("ticket.help.units", map[string]any{"units": UnitNames})}, {},
		{tr("ticket.help.sheet", nil), tr("ticket.help.column", nil), tr("ticket.help.required", nil), tr("ticket.help.meaning", nil)}}
	headRow := len(lines)
	for _, s := range sheetFormats {
		for _, c := range s.Columns {
			req := ""
			if c.Required {
				req = tr("ticket.help.yes", nil)
			}
			lines = append(lines, []any{s.Name, c.Header(), req, tr("field."+c.Field, nil)})
		}
	}
	var err error
	for i, line := range lines {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		err = firstErr(err, f.SetSheetRow(helpSheet, cell, &line))
	}
	err = firstErr(err, f.SetCellStyle(helpSheet, fmt.Sprintf("A%d", headRow), fmt.Sprintf("D%d", headRow), head),
		f.SetColWidth(helpSheet, "A", "A", 14), f.SetColWidth(helpSheet, "B", "B", 40), f.SetColWidth(helpSheet, "D", "D", 60))
	if err != nil {
		return fmt.Errorf("template help: %w", err)
	}
	return nil
}

// firstErr is the first non-nil error.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
