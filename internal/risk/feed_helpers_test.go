package risk

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/journal"
	"github.com/shejian/shejian/internal/store"
)

// mustAppend commits entries in one transaction, as a capability recording its facts does.
func mustAppend(tb testing.TB, st *store.Store, entries ...journal.Entry) {
	tb.Helper()
	ctx := context.Background()
	err := st.Tx(ctx, func(tx *sql.Tx) error {
		for _, e := range entries {
			if _, err := journal.Append(ctx, tx, e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// mustDrain delivers every entry due and returns how many were delivered.
func mustDrain(tb testing.TB, d *journal.Dispatcher) int {
	tb.Helper()
	n, err := d.DrainOnce(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

// mustRegrade grades business id at at, keeping the grade, and returns the grade kept.
func (c *testCity) mustRegrade(tb testing.TB, id int64, at time.Time, producersDraft bool) *Result {
	tb.Helper()
	ctx := context.Background()
	if _, err := c.svc.GradeBusiness(ctx, id, at, producersDraft); err != nil {
		tb.Fatal(err)
	}
	r, err := c.svc.latest(ctx, id)
	if err != nil || r == nil {
		tb.Fatalf("grade kept: %v, %v", r, err)
	}
	return r
}

// lineOf is the explanation line of factor in part, nil when the grade has none.
func lineOf(r *Result, part, factor string) *Line {
	for i, l := range r.Lines {
		if l.Part == part && l.Factor == factor {
			return &r.Lines[i]
		}
	}
	return nil
}

// adjustmentOf is the adjustment of kind, nil when the grade has none.
func adjustmentOf(r *Result, kind EventKind) *Adjustment {
	for i, a := range r.Adjustments {
		if a.Kind == string(kind) {
			return &r.Adjustments[i]
		}
	}
	return nil
}

// decidedOn is midnight UTC of the day s, as record events keep a decision's day.
func decidedOn(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}
