package store

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"sync"
)

// A DataStep finishes a migration that SQL alone cannot: rewriting rows from values only the
// application computes, such as the search grams of SQLite's full-text index. A migration
// that needs one names it and the table whose rows it converts on a line of its own,
// "-- step: NAME converts TABLE"; the package that computes the values registers the step
// under that name, and the step runs in the migration's transaction, right after its SQL.
// A program without the step (a tool or a test that does not link that package) may still
// migrate a database where the table is empty, since there is nothing to convert; with rows
// there it refuses, rather than leave them half converted.
type DataStep func(ctx context.Context, tx *sql.Tx, d Dialect) error

var (
	stepsMu   sync.RWMutex
	dataSteps = map[string]DataStep{}
)

// RegisterDataStep makes step available to migrations that name it; packages call it from
// init.
func RegisterDataStep(name string, step DataStep) {
	stepsMu.Lock()
	defer stepsMu.Unlock()
	if _, dup := dataSteps[name]; dup {
		panic("store: data step " + name + " registered twice")
	}
	dataSteps[name] = step
}

var stepLine = regexp.MustCompile(`(?m)^-- step: (\S+) converts (\w+)\s*$`)

// runDataSteps runs the steps migration m names, in order.
func runDataSteps(ctx context.Context, tx *sql.Tx, d Dialect, m Migration) error {
	for _, match := range stepLine.FindAllStringSubmatch(m.sql, -1) {
		name, table := match[1], match[2]
		stepsMu.RLock()
		step := dataSteps[name]
		stepsMu.RUnlock()
		if step != nil {
			if err := step(ctx, tx, d); err != nil {
				return fmt.Errorf("%s: step %s: %w", m.Name, name, err)
			}
			continue
		}
		var rows bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM `+table+`)`).Scan(&rows); err != nil {
			return fmt.Errorf("%s: look for rows of %s: %w", m.Name, table, err)
		}
		if rows {
			return fmt.Errorf("%s needs the data step %s to convert %s, and this program does not include it", m.Name, name, table)
		}
	}
	return nil
}
