package sheets

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/registry"
)

// writeHelp adds the help sheet (说明): how to fill the template, what each column holds,
// the categories with their kinds, and the stations with their ids.
func writeHelp(f *excelize.File, lang i18n.Lang, places Places) error {
	if _, err := f.NewSheet(HelpSheet); err != nil {
		return fmt.Errorf("add help sheet: %w", err)
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	s := &sheetWriter{f: f, sheet: HelpSheet}
	tr := func(key string) string { return i18n.T(lang, key, nil) }
	s.heading(st, tr("sheets.help.title"))
	s.line(i18n.T(lang, "sheets.help.example", map[string]any{"uscc": exampleUSCC}))
	s.line(tr("sheets.help.headers"))
	s.line(tr("sheets.help.all_or_nothing"))
	s.line()
	s.heading(st, tr("sheets.help.col_title"), tr("sheets.help.col_field"), tr("sheets.help.col_required"), tr("sheets.help.col_note"))
	for _, c := range inputColumns {
		required := ""
		if c.Required {
			required = tr("sheets.help.required")
		}
		s.line(c.Title, c.Field, required, tr("sheets.col."+c.Field))
	}
	s.line()
	s.categories(st, lang)
	s.line()
	s.stations(st, lang, places)
	s.widths(28, 18, 28, 90)
	return s.err
}

// heading writes a row of titles in the header style.
func (s *sheetWriter) heading(st styles, titles ...string) {
	values := make([]any, len(titles))
	for i, t := range titles {
		values[i] = t
	}
	s.line(values...)
	last, _ := excelize.CoordinatesToCellName(max(1, len(titles)), s.row)
	s.check("heading", s.f.SetCellStyle(s.sheet, fmt.Sprintf("A%d", s.row), last, st.header))
}

func (s *sheetWriter) categories(st styles, lang i18n.Lang) {
	s.heading(st, i18n.T(lang, "sheets.help.categories", nil))
	s.heading(st, i18n.T(lang, "sheets.help.category_code", nil), i18n.T(lang, "sheets.help.category_name", nil), i18n.T(lang, "sheets.help.kinds", nil))
	for _, c := range registry.Categories {
		kinds := make([]string, len(c.Kinds))
		for i, k := range c.Kinds {
			kinds[i] = i18n.T(lang, "sheets.help.kind", map[string]any{"code": k, "name": i18n.T(lang, "kind."+k, nil)})
		}
		s.line(string(c.Code), i18n.T(lang, "category."+string(c.Code), nil), strings.Join(kinds, i18n.T(lang, "sheets.help.separator", nil)))
	}
}

func (s *sheetWriter) stations(st styles, lang i18n.Lang, places Places) {
	s.heading(st, i18n.T(lang, "sheets.help.stations", nil))
	s.heading(st, i18n.T(lang, "sheets.help.station_id", nil), i18n.T(lang, "sheets.help.station_name", nil),
		i18n.T(lang, "sheets.help.township", nil), i18n.T(lang, "sheets.help.district", nil))
	district := map[int64]string{}
	for _, d := range places.Districts {
		district[d.ID] = d.Name
	}
	for _, o := range places.Stations {
		var parent string
		if o.ParentID != nil {
			parent = district[*o.ParentID]
		}
		s.line(o.ID, o.Name, o.Township, parent)
	}
}
