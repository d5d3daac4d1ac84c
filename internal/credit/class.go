package credit

import (
	"time"
)

// The letters of the credit-risk classes (信用风险分类), from low to high risk.
var classLetters = []string{"A", "B", "C", "D"}

// classLetter turns a class number of the rules (1–4) into its letter.
func classLetter(v float64) (string, bool) {
	i := int(v)
	if float64(i) != v || i < 1 || i > len(classLetters) {
		return "", false
	}
	return classLetters[i-1], true
}

// The conditions of the class lines.
const (
	LineSeriousDishonesty = "serious_dishonesty" // on the serious-dishonesty list
	LineSeverePenalty     = "severe_penalty"     // a heavier penalty in the look-back years
	LineAbnormalOperation = "abnormal_operation" // on the abnormal-operation list
	LinePenaltyCount      = "penalty_count"      // penalties in the look-back years
)

// Line is one line of a class explanation: a condition, how many records meet it, the class
// it gives and whether it applies, with the rule it comes from.
type Line struct {
	Condition string  `json:"condition"`
	Count     int     `json:"count"`
	Class     string  `json:"class"`
	Applied   bool    `json:"applied"`
	Records   []int64 `json:"records,omitempty"`
	*Source
}

// Class is the credit class of a business on a day, explained line by line: the highest
// class of the lines that apply.
type Class struct {
	BusinessID int64     `json:"business_id"`
	Class      string    `json:"class"`
	On         time.Time `json:"on"`
	Lines      []Line    `json:"lines"`
	RuleRefs   string    `json:"rule_refs"`
}

// Classify computes the class of a business from its records on the policy's day.
func (p *Policy) Classify(businessID int64, records []Record) Class {
	day := p.Day
	since := day.AddDate(-p.LookbackYears.Int(), 0, 0)
	var serious, severe, abnormal, counted []int64
	for _, r := range records {
		switch {
		case r.Kind == KindSeriousDishonesty && r.listed(day):
			serious = append(serious, r.ID)
		case r.Kind == KindAbnormalOperation && r.listed(day):
			abnormal = append(abnormal, r.ID)
		case r.counts(day) && r.DecidedOn.After(since):
			counted = append(counted, r.ID)
			if r.heavier() {
				severe = append(severe, r.ID)
			}
		}
	}
	countClass, _ := p.PenaltyCount.Score(float64(len(counted)))
	lines := []Line{
		p.line(LineSeriousDishonesty, serious, p.SeriousClass.Value, p.SeriousClass.Source),
		p.line(LineSeverePenalty, severe, p.SevereClass.Value, p.SevereClass.Source),
		p.line(LineAbnormalOperation, abnormal, p.AbnormalClass.Value, p.AbnormalClass.Source),
		p.line(LinePenaltyCount, counted, countClass, p.PenaltyCountSource),
	}
	lines[3].Applied = true // no penalty at all still gives the table's first class
	c := Class{BusinessID: businessID, On: day, Lines: lines, Class: classLetters[0]}
	used := []*Source{p.LookbackYears.Source}
	for _, l := range lines {
		used = append(used, l.Source)
		if l.Applied && l.Class > c.Class {
			c.Class = l.Class
		}
	}
	c.RuleRefs = refs(used...)
	return c
}

func (p *Policy) line(condition string, ids []int64, class float64, src *Source) Line {
	letter, _ := classLetter(class)
	return Line{Condition: condition, Count: len(ids), Class: letter, Applied: len(ids) > 0, Records: ids, Source: src}
}
