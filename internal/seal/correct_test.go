package seal_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/seal"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// correct writes report newID and records it as the correction of report oldID, as a
// capability would: both in one transaction.
func correct(s *store.Store, oldID, newID int64, reason string) error {
	ctx := context.Background()
	return s.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO test_reports (id, body) VALUES ($1, 'corrected')`, newID); err != nil {
			return err
		}
		return seal.Correct(ctx, tx, report(oldID), report(newID).ID, reason, "inspector.zhao")
	})
}

func TestCorrectLinksBothRecords(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		mustReports(t, s, 1)
		mustSeal(t, s, report(1), seal.Signed, "inspector.wang")
		if err := correct(s, 1, 2, "  抽样数量写错  "); err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		got, err := seal.Corrections(ctx, s.ReadDB(), report(1))
		if err != nil || len(got) != 1 {
			t.Fatalf("Corrections = %+v, %v; want one", got, err)
		}
		c := got[0]
		if c.New() != report(2) || c.Old() != report(1) || c.Reason != "抽样数量写错" || c.CreatedBy != "inspector.zhao" || c.CreatedAt.IsZero() {
			t.Errorf("correction = %+v", c)
		}
		of, err := seal.CorrectionOf(ctx, s.ReadDB(), report(2))
		if err != nil || of == nil || *of != c {
			t.Errorf("CorrectionOf(2) = %+v, %v; want %+v", of, err, c)
		}
		if of, err := seal.CorrectionOf(ctx, s.ReadDB(), report(1)); err != nil || of != nil {
			t.Errorf("CorrectionOf(1) = %+v, %v; want nil: the original corrects nothing", of, err)
		}
		if none, err := seal.Corrections(ctx, s.ReadDB(), report(2)); err != nil || len(none) != 0 {
			t.Errorf("Corrections(2) = %+v, %v; want none", none, err)
		}
		if body(t, s, 1) != "v1" || body(t, s, 2) != "corrected" {
			t.Errorf("bodies %q, %q: want both records readable as written", body(t, s, 1), body(t, s, 2))
		}
		// The correction is a draft until it is sealed in turn.
		mustExec(t, s, `UPDATE test_reports SET body = 'corrected again' WHERE id = 2`)
	})
}

func TestCorrectRefusals(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		mustReports(t, s, 2)
		mustSeal(t, s, report(1), seal.Signed, "inspector.wang")
		mustSeal(t, s, report(2), seal.Published, "inspector.wang")
		if err := correct(s, 1, 10, "first"); err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		tests := []struct {
			name  string
			fn    func(tx *sql.Tx) error
			code  apperr.Code
			key   string
			field string
		}{
			{"no reason", func(tx *sql.Tx) error { return seal.Correct(ctx, tx, report(1), "11", " \t", "a") },
				apperr.Invalid, "", seal.ReasonField},
			{"long reason", func(tx *sql.Tx) error {
				return seal.Correct(ctx, tx, report(1), "11", strings.Repeat("长", 501), "a")
			}, apperr.Invalid, "", seal.ReasonField},
			{"old not sealed", func(tx *sql.Tx) error { return seal.Correct(ctx, tx, report(10), "11", "why", "a") },
				apperr.Conflict, "seal.not_sealed", ""},
			{"new already corrects", func(tx *sql.Tx) error { return seal.Correct(ctx, tx, report(2), "10", "why", "a") },
				apperr.Conflict, "seal.already_corrects", ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				e := apperr.From(s.Tx(ctx, tt.fn))
				if e.Code != tt.code || e.Key != tt.key {
					t.Fatalf("got %v, want %s %s", e, tt.code, tt.key)
				}
				if tt.field != "" && (len(e.Fields) != 1 || e.Fields[0].Field != tt.field) {
					t.Errorf("fields = %+v, want one on %s", e.Fields, tt.field)
				}
			})
		}
		if got, _ := seal.Corrections(ctx, s.ReadDB(), report(1)); len(got) != 1 {
			t.Errorf("Corrections(1) = %+v, want only the first", got)
		}
	})
}

// TestCorrectionNeedsSealInDatabase: the foreign key keeps a correction of an unsealed record
// out even when the application check is skipped.
func TestCorrectionNeedsSealInDatabase(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		_, err := s.DB().ExecContext(context.Background(), `INSERT INTO corrections
			(object_type, old_id, new_id, reason, created_at, created_by) VALUES ('test_report', '1', '2', 'r', $1, 'a')`,
			"2025-01-01T00:00:00Z")
		if !errors.Is(store.Normalize(err), store.ErrForeignKey) {
			t.Fatalf("got %v, want the foreign key to refuse a correction of an unsealed record", err)
		}
	})
}
