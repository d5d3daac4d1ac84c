// Package sheets moves food businesses in and out of Excel workbooks (.xlsx): the import
// template (导入模板), the all-or-nothing import with a report of every bad row (错误报告),
// and the export of a filtered list (导出).
package sheets

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/shejian/shejian/internal/registry"
)

// DataSheet is the name of the sheet that holds businesses in the template and the export.
const DataSheet = "主体名录"

// HelpSheet is the name of the template's sheet that explains each column.
const HelpSheet = "说明"

// column is one column of the workbook format. Title is part of the file format (users
// keep old templates), so it is fixed Chinese rather than a translation.
type column struct {
	Field    string // JSON name of the field in registry.BusinessInput / registry.Business
	Title    string
	Required bool // an import without this column is refused
	Date     bool // a text field holding YYYY-MM-DD
	Text     bool // a code that Excel must not turn into a number (text cell format)
	index    []int
}

// Header is what the template and the export write on the header row: "统一社会信用代码 uscc".
func (c column) Header() string { return c.Title + " " + c.Field }

// width fits the header: a Chinese character is two units wide.
func (c column) width() float64 {
	return float64(max(12, 2*len([]rune(c.Title))+len(c.Field)+2))
}

// inputColumns are the template's columns: every field of registry.BusinessInput.
var inputColumns = mustIndex(reflect.TypeFor[registry.BusinessInput](), []column{
	{Field: "uscc", Title: "统一社会信用代码", Required: true, Text: true},
	{Field: "name", Title: "主体名称", Required: true},
	{Field: "category", Title: "主体类别", Required: true},
	{Field: "kind", Title: "业态"},
	{Field: "licence_no", Title: "许可证编号", Text: true},
	{Field: "licence_issued", Title: "发证日期", Date: true, Text: true},
	{Field: "licence_expiry", Title: "有效期至", Date: true, Text: true},
	{Field: "legal_rep", Title: "法定代表人"},
	{Field: "phone", Title: "联系电话", Text: true},
	{Field: "address", Title: "经营地址", Required: true},
	{Field: "station_id", Title: "监管站编号", Required: true},
	{Field: "grid_id", Title: "网格编号"},
	{Field: "market_id", Title: "所属市场编号"},
	{Field: "lat", Title: "纬度", Required: true},
	{Field: "lng", Title: "经度", Required: true},
	{Field: "floor_area", Title: "经营面积（平方米）"},
	{Field: "product_count", Title: "品种数"},
	{Field: "daily_diners", Title: "日均就餐人数"},
	{Field: "supplier_count", Title: "供货商数"},
	{Field: "employee_count", Title: "从业人员数"},
})

// exportColumns are the export's columns: the template's, read from registry.Business,
// framed by the id and the status and names the registry resolves.
var exportColumns = mustIndex(reflect.TypeFor[registry.Business](), append(append(
	[]column{{Field: "id", Title: "主体编号"}},
	inputColumns...),
	column{Field: "status", Title: "状态"},
	column{Field: "district_name", Title: "区县"},
	column{Field: "station_name", Title: "监管站"},
))

// mustIndex resolves each column's field in t by its JSON name, so that a renamed field
// fails at start-up instead of leaving a column empty.
func mustIndex(t reflect.Type, cols []column) []column {
	out := make([]column, len(cols))
	for i, c := range cols {
		f, ok := fieldByJSON(t, c.Field)
		if !ok {
			panic(fmt.Sprintf("sheets: %s has no field %q", t, c.Field))
		}
		c.index = f.Index
		out[i] = c
	}
	return out
}

func fieldByJSON(t reflect.Type, name string) (reflect.StructField, bool) {
	for f := range t.Fields() {
		if tag, _, _ := strings.Cut(f.Tag.Get("json"), ","); tag == name {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// columnByField finds an input column; ok is false for a field that is not a column.
func columnByField(field string) (column, bool) {
	if i, ok := columnOrder[field]; ok {
		return inputColumns[i], true
	}
	return column{}, false
}

// columnPosition orders fields as the template's columns, unknown fields last.
func columnPosition(field string) int {
	if i, ok := columnOrder[field]; ok {
		return i
	}
	return len(inputColumns)
}

var columnOrder = func() map[string]int {
	m := make(map[string]int, len(inputColumns))
	for i, c := range inputColumns {
		m[c.Field] = i
	}
	return m
}()

// matches reports whether a header cell names c: its Chinese title, its field name or
// both, ignoring case, spacing and a required-marker asterisk.
func (c column) matches(header string) bool {
	h := strings.ToLower(strings.Join(strings.Fields(strings.Trim(header, " *＊\t\r\n")), " "))
	return h == c.Field || h == strings.ToLower(c.Title) || h == strings.ToLower(c.Header()) ||
		h == c.Field+" "+strings.ToLower(c.Title)
}
