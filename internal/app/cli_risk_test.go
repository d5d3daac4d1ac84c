package app

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/demo"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestDemoCityIsGradedAndRecomputed: a generated demo city has a risk grade for its
// businesses, and `risk recompute` grades them again, adding to their history.
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
	grades := func() int {
		t.Helper()
		var n int
		if err := st.ReadDB().QueryRowContext(ctx, `SELECT count(*) FROM risk_grades`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	first := grades()
	if first == 0 {
		t.Fatal("the demo city has no risk grades")
	}
	out.Reset()
	if err := runRisk(ctx, []string{"recompute", "--db", dsn}, &out); err != nil {
		t.Fatal(err)
	}
	if got := grades(); got != 2*first {
		t.Errorf("%d grades after recompute, want %d (each business graded again)\n%s", got, 2*first, out.String())
	}
	if err := runRisk(ctx, []string{"grade"}, &out); err == nil || !strings.Contains(err.Error(), "usage") {
		t.Errorf("risk grade: got %v, want the usage", err)
	}
}
