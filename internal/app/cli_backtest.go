package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/shejian/shejian/internal/risk/targeting"
)

// backtestFigures is what `backtest targeting --json` prints as its last line; the six figure
// keys are a published interface.
type backtestFigures struct {
	targeting.Result
	Model    string           `json:"model"`
	Baseline targeting.Result `json:"baseline"`
}

// runBacktest is "shejian backtest targeting --train FILE --eval FILE [--window N] [--json]
// [--scores FILE]": it trains the ranker on one table, re-orders the inspections of the other
// window by window as the City of Chicago did, and reports how much earlier critical
// violations would have been found, next to Chicago's published model without the inspector.
func runBacktest(_ context.Context, args []string, out io.Writer) error {
	const usage = "usage: shejian backtest targeting --train FILE --eval FILE [--window N] [--json] [--scores FILE]"
	if len(args) == 0 || args[0] != "targeting" {
		return errors.New(usage)
	}
	fs := newFlags("backtest targeting", out)
	trainPath := fs.String("train", "", "training table (columns of Chicago's train_20140830.csv)")
	evalPath := fs.String("eval", "", "evaluation table, same columns")
	window := fs.Int("window", targeting.DefaultWindowDays, "days per re-ordering window")
	asJSON := fs.Bool("json", false, "end with one line of JSON holding the figures")
	scoresPath := fs.String("scores", "", "write inspection_id,score for every row of the evaluation table")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	switch {
	case *trainPath == "" || *evalPath == "" || fs.NArg() > 0:
		return errors.New(usage)
	case *window < 1:
		return fmt.Errorf("--window: must be at least 1 day, got %d", *window)
	}
	train, err := targeting.ReadFile(*trainPath)
	if err != nil {
		return err
	}
	eval, err := targeting.ReadFile(*evalPath)
	if err != nil {
		return err
	}
	ranker, err := targeting.Train(train)
	if err != nil {
		return fmt.Errorf("train ranker: %w", err)
	}
	baseline, err := targeting.TrainChicagoBaseline(train)
	if err != nil {
		return fmt.Errorf("train baseline: %w", err)
	}
	// Each inspection is scored as on the first day of its window: the back-test re-orders a
	// whole window at once, so a score may use nothing learnt later in it.
	scores, err := ranker.ScoreWindows(eval, *window)
	if err != nil {
		return err
	}
	if *scoresPath != "" {
		if err := writeScoresFile(*scoresPath, scores); err != nil {
			return err
		}
	}
	figs := backtestFigures{Model: ranker.Model}
	if figs.Result, err = targeting.Backtest(targeting.ScoredInspections(eval, scores), *window); err != nil {
		return err
	}
	baseScores, err := baseline.ScoreWindows(eval, *window)
	if err != nil {
		return err
	}
	if figs.Baseline, err = targeting.Backtest(targeting.ScoredInspections(eval, baseScores), *window); err != nil {
		return err
	}
	printBacktest(out, len(train), ranker, baseline, figs, eval, scores)
	if *asJSON {
		return json.NewEncoder(out).Encode(figs)
	}
	return nil
}

func writeScoresFile(path string, scores []targeting.Score) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("--scores: %w", err)
	}
	if err := targeting.WriteScores(f, scores); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// chicagoPublished are the City of Chicago's 2014 figures (with the inspector among its
// predictors), printed beside ours for comparison.
var chicagoPublished = map[string]string{
	"days earlier, mean": "7.44", "days earlier, median": "≥6", "first-half gain": "+25.0%", "criticals delayed": "38%",
}

func printBacktest(out io.Writer, trained int, ranker, baseline *targeting.Ranker, figs backtestFigures, eval []targeting.Inspection, scores []targeting.Score) {
	r, b := figs.Result, figs.Baseline
	fmt.Fprintf(out, "predictive targeting back-test 预测性检查排序回测\n")
	fmt.Fprintf(out, "trained on %d inspections: %s (cross-validated AUC %.3f)\n", trained, ranker.Model, ranker.CVAUC)
	fmt.Fprintf(out, "baseline: Chicago's published model without the inspector (%s)\n", baseline.Model)
	fmt.Fprintf(out, "evaluated on %d inspections, %d with a critical finding, in windows of %d days\n\n", r.Inspections, r.Criticals, r.WindowDays)
	fmt.Fprintf(out, "%-24s %-12s %-10s %-13s %s\n", "window", "inspections", "criticals", "first half", "days earlier")
	for _, w := range r.Windows {
		fmt.Fprintf(out, "%s – %s  %-12d %-10d %3d → %-7d %6.2f\n", w.Start.Format("2006-01-02"), w.End.Format("2006-01-02"),
			w.Inspections, w.Criticals, w.FirstHalfActual, w.FirstHalfSimulated, float64(w.DaysEarlierMean))
	}
	fmt.Fprintf(out, "\n%-24s %10s %10s %10s\n", "figure", "ranker", "baseline", "Chicago")
	rows := []struct {
		name   string
		format string
		r, b   targeting.Figure
		scale  float64
	}{
		{"days earlier, mean", "%10.2f", r.DaysEarlierMean, b.DaysEarlierMean, 1},
		{"days earlier, median", "%10.1f", r.DaysEarlierMedian, b.DaysEarlierMedian, 1},
		{"first-half gain", "%+9.1f%%", r.FirstHalfGain, b.FirstHalfGain, 100},
		{"AUC", "%10.3f", r.AUC, b.AUC, 1},
		{"precision at 10 %", "%10.3f", r.PrecisionAt10, b.PrecisionAt10, 1},
		{"criticals delayed", "%9.1f%%", r.DelayedShare, b.DelayedShare, 100},
	}
	for _, row := range rows {
		chicago := chicagoPublished[row.name]
		if chicago == "" {
			chicago = "—"
		}
		fmt.Fprintf(out, "%-24s "+row.format+" "+row.format+" %10s\n", row.name,
			float64(row.r)*row.scale, float64(row.b)*row.scale, chicago)
	}
	printTopScores(out, eval, scores)
}

// topShown is how many of the highest-scoring inspections are listed with their reasons.
const topShown = 10

func printTopScores(out io.Writer, eval []targeting.Inspection, scores []targeting.Score) {
	order := make([]int, len(scores))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return scores[order[a]].Probability > scores[order[b]].Probability })
	fmt.Fprintf(out, "\nhighest scores and why (log-odds pushed up by each feature):\n")
	for _, i := range order[:min(topShown, len(order))] {
		s := scores[i]
		fmt.Fprintf(out, "  %-10s %s  %.3f  critical=%-5t", s.ID, eval[i].Date.Format("2006-01-02"), s.Probability, eval[i].Critical)
		for _, reason := range s.Reasons {
			fmt.Fprintf(out, "  %s=%.3g (%+.2f)", reason.Feature, reason.Value, reason.Effect)
		}
		fmt.Fprintln(out)
	}
}
