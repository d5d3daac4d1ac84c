package risk

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/shejian/shejian/internal/i18n"
)

// xlsxContentType is the media type of an xlsx workbook.
const xlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// planWorkbook is an annual plan as the workbook the bureau files: a sheet of totals (the
// unit, its districts and stations) and a sheet listing every business, each headed by the
// unit, the year, the plan's day and the rule versions applied.
type planWorkbook struct{ *excelize.File }

// tallyColumns are the headings of the totals, in the order of tallyCells.
var tallyColumns = []string{"area", "businesses", "a", "b", "c", "d", "ungraded", "required", "required_max",
	"priority", "full_this_year", "done", "full_done", "overdue"}

func tallyCells(name string, t PlanTally) []any {
	return []any{name, t.Businesses, t.A, t.B, t.C, t.D, t.Ungraded, t.Required, t.RequiredMax,
		t.Priority, t.FullThisYear, t.Done, t.FullDone, t.Overdue}
}

// rowColumns are the headings of the business list, in the order of rowCells.
var rowColumns = []string{"district", "station", "business_id", "business", "grade", "scheme", "frequency", "required",
	"priority", "full_due", "full_this_year", "done", "full_done", "expected", "behind", "full_late_days"}

func rowCells(lang i18n.Lang, r *PlanRow, names map[int64]string) []any {
	due := ""
	if !r.FullDue.IsZero() {
		due = r.FullDue.Format("2006-01-02")
	}
	yes := func(b bool) string { return i18n.T(lang, fmt.Sprintf("risk.plan.yes_no.%t", b), nil) }
	return []any{names[r.DistrictID], names[r.StationID], r.BusinessID, r.Name, string(r.Grade), string(r.Scheme), r.Range(lang),
		r.Required, yes(r.Priority), due, yes(r.FullThisYear), r.Done, yes(r.FullDone), r.Expected, r.Behind, r.FullLateDays}
}

// newPlanWorkbook writes p in lang; p lists every business (PlanQuery.AllRows).
func newPlanWorkbook(p *AnnualPlan, lang i18n.Lang) (*planWorkbook, error) {
	f := excelize.NewFile()
	totals, list := i18n.T(lang, "risk.plan.sheet.totals", nil), i18n.T(lang, "risk.plan.sheet.businesses", nil)
	names := map[int64]string{p.Unit.ID: p.Unit.Name}
	var rows [][]any
	rows = append(rows, tallyCells(p.Unit.Name, p.Total))
	for _, areas := range [][]PlanArea{p.Districts, p.Stations} {
		for _, a := range areas {
			names[a.ID] = a.Name
			rows = append(rows, tallyCells(a.Name, a.PlanTally))
		}
	}
	err := f.SetSheetName(f.GetSheetName(0), totals)
	if err == nil {
		err = writePlanSheet(f, totals, p, lang, tallyColumns, func(emit func([]any) error) error {
			for _, cells := range rows {
				if err := emit(cells); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err == nil {
		_, err = f.NewSheet(list)
	}
	if err == nil {
		err = writePlanSheet(f, list, p, lang, rowColumns, func(emit func([]any) error) error {
			for i := range p.Businesses {
				if err := emit(rowCells(lang, &p.Businesses[i], names)); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("write plan workbook: %w", err)
	}
	return &planWorkbook{f}, nil
}

// writePlanSheet streams a sheet: the plan's heading, the column headings, then the rows
// rows emits.
func writePlanSheet(f *excelize.File, sheet string, p *AnnualPlan, lang i18n.Lang, columns []string, rows func(emit func([]any) error) error) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	heading := [][]any{
		{i18n.T(lang, "risk.plan.title", nil), p.Unit.Name, p.Year},
		{i18n.T(lang, "risk.plan.as_of", nil), p.Day.Format("2006-01-02")},
		{i18n.T(lang, "risk.plan.rules", nil), fmt.Sprint(p.RuleRefs)},
		{},
	}
	header := make([]any, len(columns))
	for i, c := range columns {
		header[i] = i18n.T(lang, "risk.plan.col."+c, nil)
	}
	line := 1
	emit := func(cells []any) error {
		cell, err := excelize.CoordinatesToCellName(1, line)
		if err == nil {
			err = sw.SetRow(cell, cells)
		}
		line++
		return err
	}
	for _, cells := range append(heading, header) {
		if err := emit(cells); err != nil {
			return err
		}
	}
	if err := rows(emit); err != nil {
		return err
	}
	return sw.Flush()
}
