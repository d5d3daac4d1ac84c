package sheets

import (
	"fmt"
	"reflect"

	"github.com/xuri/excelize/v2"

	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/registry"
)

// exampleUSCC is the USCC of the template's example row; an import skips that row, so a
// user may fill the rows below it and leave it in place.
var exampleUSCC = func() string {
	const first17 = "91330100MA2000000"
	check, _ := registry.USCCCheckChar(first17)
	return first17 + string(check)
}()

// Places is the org tree an import template lists, so that users can fill station_id.
type Places struct {
	Districts []*registry.OrgUnit
	Stations  []*registry.OrgUnit
}

// Template builds the import template: the data sheet with its header row and an example
// row, and the help sheet explaining each column, the categories and kinds, and the
// stations, in lang.
func Template(lang i18n.Lang, places Places) (*Workbook, error) {
	f, err := newWorkbook(DataSheet)
	if err != nil {
		return nil, fmt.Errorf("template: %w", err)
	}
	if err := writeTemplateData(f, places.example()); err != nil {
		f.Close()
		return nil, fmt.Errorf("template: %w", err)
	}
	if err := writeHelp(f, lang, places); err != nil {
		f.Close()
		return nil, fmt.Errorf("template: %w", err)
	}
	return &Workbook{f: f, Rows: 1}, nil
}

// writeTemplateData writes the header and the example row, keeps code columns as text
// (so that Excel does not turn an all-digit code into 9.1E+17) and offers the categories
// as a drop-down.
func writeTemplateData(f *excelize.File, example registry.BusinessInput) error {
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	s := &sheetWriter{f: f, sheet: DataSheet}
	header := make([]any, len(inputColumns))
	values := make([]any, len(inputColumns))
	for i, c := range inputColumns {
		header[i], values[i] = c.Header(), c.value(reflect.ValueOf(&example))
	}
	s.line(header...)
	s.line(values...)
	for i, c := range inputColumns {
		s.styleColumn(i+1, c, st)
	}
	if s.err != nil {
		return s.err
	}
	if err := f.SetPanes(DataSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("freeze header: %w", err)
	}
	return addCategoryList(f)
}

// styleColumn sets the width and text format of column n and the style of its header
// (after the column's, which would overwrite it).
func (s *sheetWriter) styleColumn(n int, c column, st styles) {
	name, _ := excelize.ColumnNumberToName(n)
	head := st.header
	if c.Required {
		head = st.required
	}
	s.check("width "+c.Field, s.f.SetColWidth(s.sheet, name, name, c.width()))
	if c.Text {
		s.check("format "+c.Field, s.f.SetColStyle(s.sheet, name, st.text))
	}
	s.check("header "+c.Field, s.f.SetCellStyle(s.sheet, name+"1", name+"1", head))
}

// addCategoryList offers the category codes as a drop-down on the category column.
func addCategoryList(f *excelize.File) error {
	name, _ := excelize.ColumnNumberToName(columnPosition("category") + 1)
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s2:%s%d", name, name, MaxRows+1)
	if err := dv.SetDropList(registry.CategoryCodes()); err != nil {
		return fmt.Errorf("category list: %w", err)
	}
	if err := f.AddDataValidation(DataSheet, dv); err != nil {
		return fmt.Errorf("category list: %w", err)
	}
	return nil
}

// example is the example row, placed in the first station and its district's centre.
func (p Places) example() registry.BusinessInput {
	in := registry.BusinessInput{
		USCC: exampleUSCC, Name: "示例餐馆（导入时自动跳过）", Category: registry.CategoryCatering, Kind: "restaurant",
		LicenceNo: "JY23301000000001", LicenceIssued: "2024-01-01", LicenceExpiry: "2029-01-01",
		LegalRep: "张三", Phone: "13800000000", Address: "示例路 1 号", Lat: 30.27, Lng: 120.15,
		FloorArea: 80, DailyDiners: 120, SupplierCount: 5, EmployeeCount: 6,
	}
	if len(p.Stations) == 0 {
		return in
	}
	in.StationID = p.Stations[0].ID
	for _, d := range p.Districts {
		if p.Stations[0].ParentID != nil && d.ID == *p.Stations[0].ParentID && d.CenterLat != nil && d.CenterLng != nil {
			in.Lat, in.Lng = *d.CenterLat, *d.CenterLng
		}
	}
	return in
}
