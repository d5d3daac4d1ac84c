package targeting

import (
	"errors"
	"fmt"
	"sort"
)

// Ranker scores inspections by the probability of a critical finding.
type Ranker struct {
	Model string  // the model fitted, e.g. "logistic λ=1"
	CVAUC float64 // its cross-validated AUC on the training table
	spec  featureSpec
	train []Inspection // the training table, which the learnt predictors read at scoring
	imp   imputer
	model scorer
}

// Score is one inspection's score with the features that raised it most.
type Score struct {
	ID          string
	Probability float64
	Reasons     []Reason
}

// Reason is one feature's push on a score, in log-odds against an average business.
type Reason struct {
	Feature string
	Value   float64 // the feature's value for this inspection (after filling unknowns)
	Effect  float64
}

// reasonsPerScore is how many reasons each score carries: enough to act on, short enough to read.
const reasonsPerScore = 3

// Train fits the ranker's model on the training table; its cross-validated AUC there is kept
// for the report.
func Train(train []Inspection) (*Ranker, error) {
	return trainChecked(train, rankerSpec, rankerModel)
}

// TrainChicagoBaseline fits Chicago's published model without the sanitarian: a logistic
// regression on its predictors, unpenalised as glmnet left them (only the sanitarian
// coefficients carried a penalty there). The figure to beat.
func TrainChicagoBaseline(train []Inspection) (*Ranker, error) {
	return trainChecked(train, chicagoSpec, unpenalisedLogistic)
}

// trainChecked cross-validates the model on the training table, for the report, and fits it
// on the whole table.
func trainChecked(train []Inspection, spec featureSpec, c candidate) (*Ranker, error) {
	if err := checkLabels(train); err != nil {
		return nil, err
	}
	auc, err := crossValidatedAUC(train, spec, c)
	if err != nil {
		return nil, err
	}
	return fitRanker(train, spec, c, auc)
}

// fitRanker fits one candidate on the whole table.
func fitRanker(train []Inspection, spec featureSpec, c candidate, cvAUC float64) (*Ranker, error) {
	d := prepare(train, spec)
	y := labels(train)
	fitted, err := c.fit(d.x, y)
	if err != nil {
		return nil, fmt.Errorf("fit %s: %w", c.name, err)
	}
	m, err := calibrate(fitted, d.x, y)
	if err != nil {
		return nil, err
	}
	// The table is copied: the learnt predictors read it again at every scoring.
	kept := append([]Inspection(nil), train...)
	return &Ranker{Model: c.name, CVAUC: cvAUC, spec: spec, train: kept, imp: d.imp, model: m}, nil
}

// design is a training table turned into model input: the learnt predictors, the imputer and
// the filled feature matrix.
type design struct {
	features []feature
	imp      imputer
	x        [][]float64
}

func prepare(train []Inspection, spec featureSpec) design {
	features := spec.features(train, nil)
	raw := rawMatrix(train, features)
	imp := fitImputer(raw)
	return design{features: features, imp: imp, x: imp.apply(raw)}
}

// matrix fills the design's predictors for other inspections.
func (d design) matrix(ins []Inspection) [][]float64 {
	return d.imp.apply(rawMatrix(ins, d.features))
}

// Score scores every inspection, in input order, with what the training table says before its
// own day: a daily schedule's view. A back-test, which re-orders a whole window at once, wants
// ScoreWindows.
func (r *Ranker) Score(ins []Inspection) []Score {
	return r.score(ins, nil)
}

// score scores ins with the learnt predictors reading record's outcomes beside the training
// table's, each only from its own day on.
func (r *Ranker) score(ins, record []Inspection) []Score {
	features := r.spec.features(r.train, record)
	x := design{features: features, imp: r.imp}.matrix(ins)
	out := make([]Score, len(ins))
	for i, row := range x {
		out[i] = Score{ID: ins[i].ID, Probability: sigmoid(r.model.logOdds(row)), Reasons: reasons(features, r.model.contributions(row), row)}
	}
	return out
}

// reasons returns the features that pushed the score up the most.
func reasons(features []feature, contrib, row []float64) []Reason {
	var all []Reason
	for j, c := range contrib {
		if c > 0 {
			all = append(all, Reason{Feature: features[j].name, Value: row[j], Effect: c})
		}
	}
	sort.SliceStable(all, func(a, b int) bool { return all[a].Effect > all[b].Effect })
	return all[:min(len(all), reasonsPerScore)]
}

func labels(ins []Inspection) []bool {
	y := make([]bool, len(ins))
	for i, in := range ins {
		y[i] = in.Critical
	}
	return y
}

// checkLabels refuses a table a classifier cannot learn from.
func checkLabels(ins []Inspection) error {
	pos := 0
	for _, in := range ins {
		if in.Critical {
			pos++
		}
	}
	if pos == 0 || pos == len(ins) {
		return errors.New("training table needs inspections both with and without a critical finding")
	}
	return nil
}
