package seal_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/shejian/shejian/internal/seal"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

func TestGuardTableIsIdempotent(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		mustReports(t, s, 1) // applies the guard once
		for _, stmt := range seal.GuardTable(s.Dialect(), "test_reports", reportType, "id") {
			mustExec(t, s, stmt)
		}
		mustSeal(t, s, report(1), seal.Signed, "a")
		if _, err := s.DB().Exec(`DELETE FROM test_reports`); !seal.IsSealedViolation(err) {
			t.Fatalf("delete after re-applying the guard: %v", err)
		}
	})
}

func TestGuardTableRejectsNonIdentifiers(t *testing.T) {
	tests := []struct{ table, typ, col string }{
		{"reports; DROP TABLE seals", "report", "id"},
		{"reports", "report'", "id"},
		{"reports", "report", "id)"},
		{"Reports", "report", "id"},
		{"reports", "", "id"},
	}
	for _, d := range storetest.Engines {
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s/%q", d, tt), func(t *testing.T) {
				defer func() {
					if recover() == nil {
						t.Fatal("did not panic")
					}
				}()
				seal.GuardTable(d, tt.table, tt.typ, tt.col)
			})
		}
	}
}

func TestIsSealedViolation(t *testing.T) {
	for _, err := range []error{nil, errors.New("boom"), store.ErrUnique, fmt.Errorf("wrapped: %w", store.ErrNotFound)} {
		if seal.IsSealedViolation(err) {
			t.Errorf("IsSealedViolation(%v) = true", err)
		}
		if got := seal.Normalize(err); got != err {
			t.Errorf("Normalize(%v) = %v, want it unchanged", err, got)
		}
	}
}
