package export

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/shejian/shejian/internal/access"
)

// readme is what the README sheet says of an export.
type readme struct {
	req     Request
	opts    Options
	events  int
	rows    map[CTE]int
	missing map[CTE]int
}

// readmeNotes say how to read the sheets.
var readmeNotes = []string{
	"One sheet per FSMA 204 critical tracking event (21 CFR 1.1325–1.1350); one row per traceability lot per event; a transformation has one row per input lot and new lot. 每个关键追溯事件一张工作表；每个事件每个批次一行；加工转化每个投入批次与新批次一行。",
	"Headers in red are key data elements the rule requires; the counts above give the rows lacking one. 红色表头为法规要求的关键数据元素。",
	"Times are China Standard Time (UTC+8). 时间均为北京时间。",
	"Events later declared erroneous are left out; their corrections are in. 已声明错误的事件不列入，更正事件列入。",
	"The traceability lot code (TLC) is the lot's identifier: a GS1 Digital Link (GTIN + batch) or urn:shejian:lot:<assigner>:<batch>. 追溯批次码即批次标识。",
	"A business outside the exporter's jurisdiction is described by its district only. 辖区外的经营主体仅显示所在区县。",
}

// writeReadme writes the README sheet: the request, the generation time, the counts.
func writeReadme(f *excelize.File, st styles, r readme) error {
	product := r.req.Product.Class
	switch {
	case r.req.Product.All:
		product = "every product 全部产品"
	case product == "":
		product = "products described as 品名包含 \u201c" + r.req.Product.Name + "\u201d"
	}
	lines := [][]any{
		{"FSMA 204 traceability records 食品追溯记录 (监管导出)"},
		{},
		{"Product as asked 查询产品", r.req.Product.Input},
		{"Product read as 解读为", product},
		{"First day 起始日期", excelize.Cell{StyleID: st.day, Value: timeValue(r.req.From)}},
		{"Last day 截止日期", excelize.Cell{StyleID: st.day, Value: timeValue(r.req.To)}},
		{"Jurisdiction 范围", scopeLabel(r.opts.Scope)},
		{"Generated at 生成时间", excelize.Cell{StyleID: st.minute, Value: timeValue(r.opts.Now)}},
		{"Events read 读取事件数", r.events},
		{},
		{excelize.Cell{StyleID: st.header, Value: "Sheet 工作表"}, excelize.Cell{StyleID: st.header, Value: "Rows 行数"},
			excelize.Cell{StyleID: st.header, Value: "Rows lacking a required KDE 缺少必填项的行数"}},
	}
	for _, cte := range CTEs {
		lines = append(lines, []any{cte.Sheet(), r.rows[cte], r.missing[cte]})
	}
	lines = append(lines, []any{})
	for _, n := range readmeNotes {
		lines = append(lines, []any{n})
	}
	for i, line := range lines {
		for j, v := range line {
			if err := setReadmeCell(f, j+1, i+1, v); err != nil {
				return fmt.Errorf("readme row %d: %w", i+1, err)
			}
		}
	}
	if err := f.SetColWidth(ReadmeSheet, "A", "A", 36); err != nil {
		return fmt.Errorf("readme: %w", err)
	}
	if err := f.SetColWidth(ReadmeSheet, "B", "C", 40); err != nil {
		return fmt.Errorf("readme: %w", err)
	}
	return nil
}

// scopeLabel names the jurisdiction an export covers.
func scopeLabel(s access.Scope) string {
	switch {
	case s.BusinessID != 0:
		return fmt.Sprintf("one business 经营主体 #%d", s.BusinessID)
	case s.GridID != 0:
		return fmt.Sprintf("grid 网格 #%d", s.GridID)
	case s.StationID != 0:
		return fmt.Sprintf("station 监管站 #%d", s.StationID)
	case s.DistrictID != 0:
		return fmt.Sprintf("district 区县 #%d", s.DistrictID)
	}
	return "the whole city 全市"
}

// setReadmeCell writes a value, with its style when it is an excelize.Cell.
func setReadmeCell(f *excelize.File, col, row int, v any) error {
	at, _ := excelize.CoordinatesToCellName(col, row)
	c, styled := v.(excelize.Cell)
	if !styled {
		return f.SetCellValue(ReadmeSheet, at, v)
	}
	if err := f.SetCellValue(ReadmeSheet, at, c.Value); err != nil {
		return err
	}
	return f.SetCellStyle(ReadmeSheet, at, at, c.StyleID)
}
