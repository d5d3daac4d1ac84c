package app

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/demo"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestDemoCityIsGradedAndRecomputed: a generated demo city has a risk grade for its
// businesses, and `risk recompute` grades them again, with a progress bar: each keeps one latest grading, and
// the history gains a row only for the few whose grade changed since.
func TestDemoCityIsGradedAndRecomputed(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.DSN(t, store.SQLite)
	st, err := store.OpenAndMigrate(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var out bytes.Buffer
	if err := generateDemo(ctx, st, demo.Options{Size: demo.SizeSmall, Seed: 1}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "risk grades: A ") {
		t.Errorf("demo output lacks the grades:\n%s", out.String())
	}
	count := func(table string) int {
		t.Helper()
		var n int
		if err := st.ReadDB().QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	first := count("risk_grades")
	if first == 0 || count("risk_grades_current") != first {
		t.Fatalf("the demo city has %d grades and %d latest gradings", first, count("risk_grades_current"))
	}
	out.Reset()
	if err := runRisk(ctx, []string{"recompute", "--db", dsn}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "风险分级 grading") || !regexp.MustCompile(`\(\d+/\d+\)`).MatchString(out.String()) {
		t.Errorf("risk recompute showed no progress bar counting the businesses:\n%q", out.String())
	}
	if got := count("risk_grades_current"); got != first {
		t.Errorf("%d latest gradings after recompute, want %d (one a business)\n%s", got, first, out.String())
	}
	if got := count("risk_grades"); got < first || got > first+first/10 {
		t.Errorf("%d grades in the history after recompute, want %d and the few that changed\n%s", got, first, out.String())
	}
	if err := runRisk(ctx, []string{"grade"}, &out); err == nil || !strings.Contains(err.Error(), "usage") {
		t.Errorf("risk grade: got %v, want the usage", err)
	}
}
