package inspect

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/shejian/shejian/internal/i18n"
)

// ContentType is the media type of an xlsx workbook.
const ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// Export writes version t as a workbook in lang: the info sheet and the items sheet. Import
// reads it back as an equal new draft.
func Export(t *ChecklistTemplate, lang i18n.Lang) (*excelize.File, error) {
	f := excelize.NewFile()
	info, items := infoSheet.in(lang), itemsSheet.in(lang)
	if err := f.SetSheetName(f.GetSheetName(0), info); err != nil {
		f.Close()
		return nil, fmt.Errorf("export template %d: %w", t.ID, err)
	}
	if _, err := f.NewSheet(items); err != nil {
		f.Close()
		return nil, fmt.Errorf("export template %d: %w", t.ID, err)
	}
	err := writeInfo(f, info, t, lang)
	if err == nil {
		err = writeItems(f, items, t, lang)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("export template %d: %w", t.ID, err)
	}
	return f, nil
}

func writeInfo(f *excelize.File, sheet string, t *ChecklistTemplate, lang i18n.Lang) error {
	values := map[string]any{
		"sector": string(t.Sector), "region": t.Region, "title": t.Title, "title_en": t.TitleEN,
		"basis": t.Basis, "note": t.Note, "placeholder": yesNo(lang, t.Placeholder),
		"max_general_failures": t.Rule.MaxGeneralFailures, "max_key_failures": t.Rule.MaxKeyFailures,
		"rule_source": t.Rule.Source, "version": t.Version, "status": string(t.Status),
	}
	rows := [][]any{{"key", i18n.T(lang, "inspect.xlsx.field", nil), i18n.T(lang, "inspect.xlsx.value", nil)}}
	for _, r := range infoRows {
		rows = append(rows, []any{r.key, r.title(lang), values[r.key]})
	}
	if err := setRows(f, sheet, rows); err != nil {
		return err
	}
	return setWidths(f, sheet, 22, 36, 90)
}

func writeItems(f *excelize.File, sheet string, t *ChecklistTemplate, lang i18n.Lang) error {
	header := make([]any, len(itemColumns))
	for i, c := range itemColumns {
		header[i] = c.title(lang)
	}
	rows := [][]any{header}
	for _, it := range t.Items {
		var points any
		if it.Points != nil {
			points = *it.Points
		}
		area := it.Area
		if a, ok := AreaOf(t.Sector, it.Area); ok {
			area = a.ZH
			if lang == i18n.English {
				area = a.EN
			}
		}
		var confidence string
		if it.Confidence != "" {
			confidence = it.Confidence.Tag()
		}
		rows = append(rows, []any{it.Code, area, yesNo(lang, it.Key), it.Text, it.TextEN, points,
			it.LegalBasis, yesNo(lang, it.AllowNA), confidence})
	}
	if err := setRows(f, sheet, rows); err != nil {
		return err
	}
	return setWidths(f, sheet, 8, 22, 8, 70, 40, 8, 30, 10, 10)
}

func setRows(f *excelize.File, sheet string, rows [][]any) error {
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			return fmt.Errorf("%s row %d: %w", sheet, i+1, err)
		}
	}
	return nil
}

func setWidths(f *excelize.File, sheet string, widths ...float64) error {
	for i, w := range widths {
		name, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, name, name, w); err != nil {
			return fmt.Errorf("%s width: %w", sheet, err)
		}
	}
	return nil
}
