package store_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestExecPreparedBelongsToTheTransaction: a statement run through ExecPrepared commits and
// rolls back with the transaction it ran in, every time it is reused.
func TestExecPreparedBelongsToTheTransaction(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		const insert = `INSERT INTO org_units (kind, code, name, created_at, updated_at) VALUES ('city', $1, '市', $2, $2)`
		rollback := errors.New("roll back")
		for _, c := range []struct {
			code string
			fail bool
		}{{"C1", false}, {"C2", true}, {"C3", false}} {
			err := s.Tx(ctx, func(tx *sql.Tx) error {
				if _, err := s.ExecPrepared(ctx, tx, insert, c.code, time.Now().UTC()); err != nil {
					return err
				}
				if c.fail {
					return rollback
				}
				return nil
			})
			if c.fail != errors.Is(err, rollback) || (!c.fail && err != nil) {
				t.Fatalf("%s: Tx = %v", c.code, err)
			}
		}
		var codes []string
		rows, err := s.DB().QueryContext(ctx, `SELECT code FROM org_units ORDER BY code`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var code string
			if err := rows.Scan(&code); err != nil {
				t.Fatal(err)
			}
			codes = append(codes, code)
		}
		if len(codes) != 2 || codes[0] != "C1" || codes[1] != "C3" {
			t.Errorf("org units %v, want [C1 C3]", codes)
		}
	})
}
