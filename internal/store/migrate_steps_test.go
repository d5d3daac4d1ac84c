package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
)

func TestDataSteps(t *testing.T) {
	RegisterDataStep("test.fill", func(ctx context.Context, tx *sql.Tx, d Dialect) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO converted (x) VALUES ('done')`)
		return err
	})
	tests := []struct {
		name, sql string
		rows      bool   // the converted table holds a row before the migration
		wantErr   string // empty: the migration goes through
		wantDone  bool   // the step ran
	}{
		{"registered step runs", "-- step: test.fill converts converted\n", false, "", true},
		{"missing step, nothing to convert", "-- step: test.absent converts converted\n", false, "", false},
		{"missing step, rows to convert", "-- step: test.absent converts converted\n", true, "needs the data step test.absent to convert converted", false},
		{"no step named", "-- a comment that mentions step: test.fill\n", true, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			s, err := Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "steps.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if _, err := s.DB().ExecContext(ctx, `CREATE TABLE converted (x TEXT)`); err != nil {
				t.Fatal(err)
			}
			if tt.rows {
				if _, err := s.DB().ExecContext(ctx, `INSERT INTO converted (x) VALUES ('old')`); err != nil {
					t.Fatal(err)
				}
			}
			err = s.Tx(ctx, func(tx *sql.Tx) error {
				return runDataSteps(ctx, tx, SQLite, Migration{Name: "0099_test.sql", sql: tt.sql})
			})
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
			var done bool
			if err := s.DB().QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM converted WHERE x = 'done')`).Scan(&done); err != nil {
				t.Fatal(err)
			}
			if done != tt.wantDone {
				t.Fatalf("step ran: %v, want %v", done, tt.wantDone)
			}
		})
	}
}
