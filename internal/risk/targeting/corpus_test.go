package targeting

import (
	"encoding/csv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// corpusTable is Chicago's public model table, next to the repository and never copied into it.
var corpusTable = filepath.Join("..", "..", "..", "..", "shared", "corpus", "inspections", "chicago_model_2011_2013", "train_20140830.csv")

// evalCut splits the corpus in time: inspections from 2011-09 to 2012-12 train the model, those
// of 2013-01 to 2013-08 are the evaluation period (about four 60-day windows). The cut is a
// calendar year boundary fixed before any model was tried, not tuned.
const evalCut = "2013-01-01"

// splitCorpus writes the corpus rows before and from evalCut into two files in a temporary
// directory, skipping the test when the corpus is absent.
func splitCorpus(tb testing.TB) (trainPath, evalPath string) {
	tb.Helper()
	f, err := os.Open(corpusTable)
	if err != nil {
		tb.Skipf("Chicago model table not found (../shared/corpus next to the repository): %v", err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatalf("read corpus: %v", err)
	}
	dateCol := -1
	for i, h := range records[0] {
		if h == "inspection_date" {
			dateCol = i
		}
	}
	dir := tb.TempDir()
	trainPath, evalPath = filepath.Join(dir, "train.csv"), filepath.Join(dir, "eval.csv")
	var before, after [][]string
	for _, r := range records[1:] {
		if r[dateCol] < evalCut {
			before = append(before, r)
		} else {
			after = append(after, r)
		}
	}
	writeCSV(tb, trainPath, append([][]string{records[0]}, before...))
	writeCSV(tb, evalPath, append([][]string{records[0]}, after...))
	return trainPath, evalPath
}

// readCorpus reads the whole corpus table, skipping the test when it is absent.
func readCorpus(tb testing.TB) []Inspection {
	tb.Helper()
	if _, err := os.Stat(corpusTable); err != nil {
		tb.Skipf("Chicago model table not found (../shared/corpus next to the repository): %v", err)
	}
	all, err := ReadFile(corpusTable)
	if err != nil {
		tb.Fatal(err)
	}
	return all
}

// randomHalves splits inspections at random into two halves of the same period, the way
// Chicago split its model table into a training and a hold-out part.
func randomHalves(all []Inspection, seed uint64) (train, eval []Inspection) {
	order := rand.New(rand.NewPCG(seed, 0)).Perm(len(all))
	for k, i := range order {
		if k < len(all)/2 {
			train = append(train, all[i])
		} else {
			eval = append(eval, all[i])
		}
	}
	return train, eval
}

// readCorpusSplit reads both halves of the corpus split.
func readCorpusSplit(tb testing.TB) (train, eval []Inspection) {
	tb.Helper()
	trainPath, evalPath := splitCorpus(tb)
	train, err := ReadFile(trainPath)
	if err != nil {
		tb.Fatal(err)
	}
	eval, err = ReadFile(evalPath)
	if err != nil {
		tb.Fatal(err)
	}
	return train, eval
}

func writeCSV(tb testing.TB, path string, records [][]string) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := csv.NewWriter(f)
	if err := w.WriteAll(records); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}
