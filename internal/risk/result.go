package risk

import "time"

// Parts of a grading that lines belong to.
const (
	PartStatic  = "static"
	PartDynamic = "dynamic"
	PartCredit  = "credit"
)

// Line explains points of one factor: what was scored (Factor and, for a category, Option),
// the value found, the points given and the rule that gave them. The lines of a part add up
// to the part's points exactly; a cap is a line of its own.
type Line struct {
	Part   string  `json:"part"`
	Factor string  `json:"factor"`
	Option string  `json:"option,omitempty"`
	Value  float64 `json:"value"`
	Points float64 `json:"points"`
	Note   string  `json:"note,omitempty"` // "cap", "not_highest": why points are as they are
	*Source
}

// Adjustment is a trigger that raised the grade (调高) or a clean record that lowered it
// (调低). Steps is positive for a raise; only the largest raise applies.
type Adjustment struct {
	Kind    string `json:"kind"` // an EventKind, or "clean_record"
	Count   int    `json:"count"`
	Steps   int    `json:"steps"`
	Applied bool   `json:"applied"`
	*Source
}

// Plan is what the grade requires next year (Order 49 art. 21–22): inspections a year, the
// date by which an inspection covering the whole checklist is due, and whether the business
// is a priority inspection target (重点监督检查对象).
type Plan struct {
	MinInspections float64    `json:"min_inspections"`
	MaxInspections float64    `json:"max_inspections"`
	Frequency      *Source    `json:"frequency"`
	FullChecklist  *time.Time `json:"full_checklist_due,omitempty"` // nil before Order 49
	FullNextYear   bool       `json:"full_checklist_next_year"`
	FullSource     *Source    `json:"full_checklist_rule,omitempty"`
	Priority       bool       `json:"priority"`
	PrioritySource *Source    `json:"priority_rule"`
}

// Result is the grading of one business under one scheme on one day.
type Result struct {
	BusinessID  int64         `json:"business_id"`
	Scheme      SchemeName    `json:"scheme"`
	At          time.Time     `json:"at"`
	Factors     StaticFactors `json:"factors"`
	Static      float64       `json:"static"`
	Dynamic     float64       `json:"dynamic"`
	Credit      float64       `json:"credit"`
	Total       float64       `json:"total"`
	Scored      Grade         `json:"scored_grade"`         // from the total alone
	Grade       Grade         `json:"grade"`                // after adjustments
	Band        *Source       `json:"band"`                 // the upper bound the total is within (C's for D)
	BandBelow   *Source       `json:"band_below,omitempty"` // the bound the total is above, nil for A
	Adjustments []Adjustment  `json:"adjustments,omitempty"`
	Plan        Plan          `json:"plan"`
	Lines       []Line        `json:"lines"`
}
