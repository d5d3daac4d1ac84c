package risk

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/risk/targeting"
)

// TargetList is predictive targeting (预测性检查排序) for an org unit: for a station or a grid,
// its businesses in the plan (only those still owed inspections this year when asked), the
// most likely to be found non-compliant first; above them, the stations to choose from.
// Late in the year most businesses owe nothing, and the order still tells a station whom to
// visit unannounced.
type TargetList struct {
	PlanHeading
	OnlyOwed   bool       `json:"only_owed"`
	Model      string     `json:"model"`      // the model the ranker fitted
	CVAUC      float64    `json:"cv_auc"`     // its cross-validated AUC on the city's record
	TrainedOn  int        `json:"trained_on"` // the inspections it learnt from
	Stations   []PlanArea `json:"stations,omitempty"`
	Businesses []Target   `json:"businesses,omitempty"`
}

// Target is a business on the list: its plan row, the probability that its next inspection
// finds it non-compliant, and what raised that probability most.
type Target struct {
	PlanRow
	Probability float64        `json:"probability"`
	Reasons     []TargetReason `json:"reasons"`
}

// TargetReason is one predictor's push on a score, in log-odds against an average business.
type TargetReason struct {
	Feature string  `json:"feature"`
	Value   float64 `json:"value"`
	Effect  float64 `json:"effect"`
}

// The ranker learns from at most this many businesses (a deterministic sample by id in a
// larger city) and from their inspections of the last few years, the record a schedule
// would weigh. Its predictors of the record nearby grow with the square of the inspections
// within a few kilometres: the demo city's 5,000 businesses (27,555 inspections in three
// years, in a compact city) take some 14 s to learn from on two cores. Twice that, spread
// over a larger city, stays within a page's patience once a day, and is plenty for the
// twenty-odd predictors of a logistic regression.
const (
	maxTargetingBusinesses = 10_000
	targetingYears         = 3
	// A city whose record has fewer inspections than this that found a business
	// non-compliant, or fewer that did not, has too little to learn an order from.
	minTargetingOutcomes = 20
)

// targetModel is the ranker trained on the city's record, kept for the day it was trained:
// a day's new findings are learnt from the next day, as a daily schedule would.
type targetModel struct {
	mu        sync.Mutex
	day       time.Time
	ranker    *targeting.Ranker
	trainedOn int
}

// TargetsFor lists the businesses of the unit q asks for in the order to inspect them, only
// those still owed inspections in the plan's year when onlyOwed is set.
func (s *Service) TargetsFor(ctx context.Context, q PlanQuery, onlyOwed bool) (*TargetList, error) {
	plan, err := s.PlanFor(ctx, q)
	if err != nil {
		return nil, err
	}
	out := &TargetList{PlanHeading: plan.PlanHeading, OnlyOwed: onlyOwed, Stations: plan.Stations}
	if plan.Businesses == nil {
		return out, nil // above a station: choose one
	}
	ranker, trainedOn, err := s.targetRanker(ctx, plan.Day)
	if err != nil {
		return nil, err
	}
	out.Model, out.CVAUC, out.TrainedOn = ranker.Model, ranker.CVAUC, trainedOn
	rows := plan.Businesses
	if onlyOwed {
		rows = slices.DeleteFunc(rows, func(r PlanRow) bool { return r.Owed == 0 })
	}
	if out.Businesses, err = s.scoreTargets(ctx, ranker, rows, civilDay(plan.Day)); err != nil {
		return nil, err
	}
	return out, nil
}

// scoreTargets scores the next inspection of each business in rows on day, the likeliest
// first.
func (s *Service) scoreTargets(ctx context.Context, ranker *targeting.Ranker, rows []PlanRow, day time.Time) ([]Target, error) {
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.BusinessID
	}
	businesses, err := s.targetBusinesses(ctx, ids)
	if err != nil {
		return nil, err
	}
	next := make([]targeting.Inspection, len(rows))
	for i, r := range rows {
		b, ok := businesses[r.BusinessID]
		if !ok {
			return nil, fmt.Errorf("score business %d: not read back", r.BusinessID)
		}
		next[i] = b.next(day)
	}
	out := make([]Target, len(rows))
	for i, sc := range ranker.Score(next) {
		out[i] = Target{PlanRow: rows[i], Probability: sc.Probability, Reasons: make([]TargetReason, 0, len(sc.Reasons))}
		for _, r := range sc.Reasons {
			out[i].Reasons = append(out[i].Reasons, TargetReason{Feature: r.Feature, Value: r.Value, Effect: r.Effect})
		}
	}
	slices.SortStableFunc(out, func(a, b Target) int { return cmp.Compare(b.Probability, a.Probability) })
	return out, nil
}

// targetRanker returns the ranker trained on the city's record before day, training it
// when the one kept was trained for another day.
func (s *Service) targetRanker(ctx context.Context, day time.Time) (*targeting.Ranker, int, error) {
	day = civilDay(day)
	m := &s.targets
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.ranker != nil && m.day.Equal(day) {
		return m.ranker, m.trainedOn, nil
	}
	rows, err := s.targetingRows(ctx, day)
	if err != nil {
		return nil, 0, err
	}
	if found := countFound(rows); found < minTargetingOutcomes || len(rows)-found < minTargetingOutcomes {
		return nil, 0, apperr.New(apperr.Conflict, "risk.targeting.too_little_record",
			map[string]any{"min": minTargetingOutcomes, "found": found, "inspections": len(rows)})
	}
	ranker, err := targeting.Train(rows)
	if err != nil {
		return nil, 0, fmt.Errorf("train the targeting ranker: %w", err)
	}
	m.day, m.ranker, m.trainedOn = day, ranker, len(rows)
	return ranker, len(rows), nil
}

// countFound counts the rows that found their business non-compliant.
func countFound(rows []targeting.Inspection) int {
	n := 0
	for _, r := range rows {
		if r.Critical {
			n++
		}
	}
	return n
}

// Percent is the probability in percent, for the page.
func (t Target) Percent() float64 { return 100 * t.Probability }

// Key is the translation key of the predictor's name: the name up to its parameters.
func (r TargetReason) Key() string {
	name, _, _ := strings.Cut(r.Feature, "(")
	return "risk.targeting.feature." + strings.TrimSpace(name)
}

// Detail is the predictor's parameters (a half-life, a distance), "" when it has none.
func (r TargetReason) Detail() string {
	_, params, _ := strings.Cut(r.Feature, "(")
	return strings.TrimSuffix(params, ")")
}
