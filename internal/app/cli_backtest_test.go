package app

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/risk/targeting"
	"github.com/shejian/shejian/internal/risk/targeting/targetingtest"
)

// writeSyntheticTables writes a training table (2012) and an evaluation table (2013) into dir.
func writeSyntheticTables(t *testing.T, dir string) (trainPath, evalPath string) {
	t.Helper()
	trainPath, evalPath = filepath.Join(dir, "train.csv"), filepath.Join(dir, "eval.csv")
	for path, rows := range map[string][]targetingtest.Row{
		trainPath: targetingtest.Synthetic(800, time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC), 1),
		evalPath:  targetingtest.Synthetic(500, time.Date(2013, 1, 1, 0, 0, 0, 0, time.UTC), 2),
	} {
		if err := os.WriteFile(path, []byte(targetingtest.CSV(rows)), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return trainPath, evalPath
}

// TestBacktestCommand runs the back-test end to end: the last line is the JSON object with the
// published keys, and the scores file lets anyone recompute the figures.
func TestBacktestCommand(t *testing.T) {
	dir := t.TempDir()
	trainPath, evalPath := writeSyntheticTables(t, dir)
	scoresPath := filepath.Join(dir, "scores.csv")
	var out bytes.Buffer
	err := runBacktest(t.Context(), []string{"targeting", "--train", trainPath, "--eval", evalPath, "--window", "30", "--json", "--scores", scoresPath}, &out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	for _, want := range []string{"days earlier, mean", "first-half gain", "highest scores and why"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, out.String())
		}
	}
	var figs map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &figs); err != nil {
		t.Fatalf("last line is not JSON: %v\n%s", err, lines[len(lines)-1])
	}
	for _, key := range []string{"days_earlier_mean", "days_earlier_median", "first_half_gain", "auc", "precision_at_10pct", "delayed_share"} {
		if _, ok := figs[key].(float64); !ok {
			t.Errorf("JSON key %s = %v, want a number", key, figs[key])
		}
	}
	if figs["window_days"] != 30.0 {
		t.Errorf("window_days = %v, want 30", figs["window_days"])
	}
	recomputed := recomputeFromScores(t, evalPath, scoresPath, 30)
	got, _ := json.Marshal(recomputed)
	var want map[string]any
	json.Unmarshal(got, &want)
	for _, key := range []string{"days_earlier_mean", "days_earlier_median", "first_half_gain", "auc", "precision_at_10pct", "delayed_share"} {
		if !reflect.DeepEqual(figs[key], want[key]) {
			t.Errorf("%s: printed %v, recomputed from the scores file %v", key, figs[key], want[key])
		}
	}
}

// recomputeFromScores rebuilds the back-test from the evaluation table and the scores file only.
func recomputeFromScores(t *testing.T, evalPath, scoresPath string, window int) targeting.Result {
	t.Helper()
	eval, err := targeting.ReadFile(evalPath)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(scoresPath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if lines[0] != "inspection_id,score" || len(lines) != len(eval)+1 {
		t.Fatalf("scores file: header %q and %d lines, want inspection_id,score and %d", lines[0], len(lines)-1, len(eval))
	}
	rows := make([]targeting.Scored, len(eval))
	for i, in := range eval {
		id, cell, _ := strings.Cut(lines[i+1], ",")
		score, err := strconv.ParseFloat(cell, 64)
		if err != nil || id != in.ID {
			t.Fatalf("scores line %d: %q", i+2, lines[i+1])
		}
		rows[i] = targeting.Scored{ID: in.ID, Date: in.Date, Critical: in.Critical, Score: score}
	}
	res, err := targeting.Backtest(rows, window)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestBacktestCommandRefuses(t *testing.T) {
	dir := t.TempDir()
	trainPath, evalPath := writeSyntheticTables(t, dir)
	bad := filepath.Join(dir, "bad.csv")
	rows := targetingtest.Synthetic(20, time.Date(2013, 1, 1, 0, 0, 0, 0, time.UTC), 3)
	rows[4].Set("pastCritical", "many")
	if err := os.WriteFile(bad, []byte(targetingtest.CSV(rows)), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		says string
	}{
		{"no subcommand", nil, "usage"},
		{"unknown subcommand", []string{"grades"}, "usage"},
		{"no eval", []string{"targeting", "--train", trainPath}, "usage"},
		{"window 0", []string{"targeting", "--train", trainPath, "--eval", evalPath, "--window", "0"}, "--window: must be at least 1"},
		{"missing file", []string{"targeting", "--train", filepath.Join(dir, "nope.csv"), "--eval", evalPath}, "no such file"},
		{"bad row", []string{"targeting", "--train", trainPath, "--eval", bad}, "bad.csv:6: column pastCritical: must be a number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			err := runBacktest(t.Context(), tt.args, &out)
			if err == nil || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("err = %v, want it to say %q", err, tt.says)
			}
		})
	}
}
