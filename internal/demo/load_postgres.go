package demo

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/shejian/shejian/internal/store"
)

// pgLoader writes with COPY, the fastest way into PostgreSQL.
type pgLoader struct{ tx pgx.Tx }

// loadPostgres writes the whole city in one transaction on one connection taken from the
// pool, using pgx directly for COPY, and moves the id sequences past the generated ids.
func loadPostgres(ctx context.Context, st *store.Store, g *generator, progress func(done, total int64)) error {
	return st.PgxTx(ctx, func(tx pgx.Tx) error {
		// The GIN index of the grams is rebuilt at the end; with room to sort its entries in
		// memory that takes about half the time it takes with the default 64MB.
		if _, err := tx.Exec(ctx, "SET LOCAL maintenance_work_mem = '512MB'"); err != nil {
			return fmt.Errorf("set maintenance_work_mem: %w", err)
		}
		if err := load(ctx, pgLoader{tx}, g, progress); err != nil {
			return err
		}
		return resetSequences(ctx, tx)
	})
}

func (l pgLoader) insert(ctx context.Context, t table, rows [][]any) error {
	if _, err := l.tx.CopyFrom(ctx, pgx.Identifier{t.name}, t.cols, pgx.CopyFromRows(rows)); err != nil {
		return fmt.Errorf("copy %s: %w", t.name, store.Normalize(err))
	}
	return nil
}

func (l pgLoader) hasRows(ctx context.Context, table string) (bool, error) {
	var one int
	err := l.tx.QueryRow(ctx, "SELECT 1 FROM "+table+" LIMIT 1").Scan(&one)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// resetSequences moves each identity past the explicit ids the demo wrote, so that rows
// added later get fresh ids.
func resetSequences(ctx context.Context, tx pgx.Tx) error {
	for _, t := range []string{orgTable.name, peopleTable.name, businessTable.name} {
		q := fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', 'id'), (SELECT max(id) FROM %s))`, t, t)
		if _, err := tx.Exec(ctx, q); err != nil {
			return fmt.Errorf("reset %s id sequence: %w", t, err)
		}
	}
	return nil
}

// deferQuery finds the secondary indexes and the foreign keys of the business tables: the
// statements that drop them and those that restore them, from the catalog.
const deferQuery = `
SELECT format('DROP INDEX %s', c.oid::regclass), pg_get_indexdef(c.oid), 1
FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
WHERE x.indrelid IN ('businesses'::regclass, 'business_grams'::regclass)
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
UNION ALL
SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname),
       format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid)), 2
FROM pg_constraint WHERE contype = 'f' AND conrelid IN ('businesses'::regclass, 'business_grams'::regclass)
ORDER BY 3, 1`

// deferChecks drops the secondary indexes and foreign keys of the business tables and
// returns the statements that restore them, indexes first.
func (l pgLoader) deferChecks(ctx context.Context) ([]string, error) {
	rows, err := l.tx.Query(ctx, deferQuery)
	if err != nil {
		return nil, err
	}
	var drops, restore []string
	for rows.Next() {
		var drop, create string
		var order int
		if err := rows.Scan(&drop, &create, &order); err != nil {
			rows.Close()
			return nil, err
		}
		drops, restore = append(drops, drop), append(restore, create)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, q := range drops {
		if err := l.exec(ctx, q); err != nil {
			return nil, err
		}
	}
	return restore, nil
}

func (l pgLoader) exec(ctx context.Context, q string) error {
	_, err := l.tx.Exec(ctx, q)
	return err
}
