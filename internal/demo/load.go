package demo

import (
	"context"
	"fmt"
)

// loader writes generated rows inside one open transaction of an engine.
type loader interface {
	insert(ctx context.Context, t table, rows [][]any) error
	hasRows(ctx context.Context, table string) (bool, error)
	// deferChecks drops the secondary indexes (and on PostgreSQL the foreign keys) of the
	// business tables, as the catalog defines them, and returns the statements that restore
	// them: building an index from all the rows at once is much faster than growing it one
	// row at a time.
	deferChecks(ctx context.Context) (restore []string, err error)
	exec(ctx context.Context, q string) error
}

// batchRows is how many businesses the producer hands to the writer at a time.
const batchRows = 8192

// load refuses a database that already has an org tree or businesses, then writes the org
// tree, the people and the businesses with their grams.
func load(ctx context.Context, l loader, g *generator, progress func(done, total int64)) error {
	for _, name := range []string{orgTable.name, businessTable.name} {
		has, err := l.hasRows(ctx, name)
		if err != nil {
			return fmt.Errorf("check %s: %w", name, err)
		}
		if has {
			return fmt.Errorf("%s has rows: %w", name, ErrNotEmpty)
		}
	}
	if err := l.insert(ctx, orgTable, g.orgRows); err != nil {
		return err
	}
	if err := l.insert(ctx, peopleTable, g.peopleRows); err != nil {
		return err
	}
	restore, err := l.deferChecks(ctx)
	if err != nil {
		return fmt.Errorf("defer indexes: %w", err)
	}
	if err := stream(ctx, l, g, progress); err != nil {
		return err
	}
	for _, q := range restore {
		if err := l.exec(ctx, q); err != nil {
			return fmt.Errorf("restore %q: %w", q, err)
		}
	}
	return nil
}

// stream writes the businesses as the pipeline makes them and reports progress.
func stream(ctx context.Context, l loader, g *generator, progress func(done, total int64)) error {
	total, done := int64(g.shape.businesses), int64(0)
	progress(0, total)
	err := g.run(ctx, batchRows, func(b *batch) error {
		if err := l.insert(ctx, businessTable, b.businesses); err != nil {
			return err
		}
		if err := l.insert(ctx, gramsTable, b.grams); err != nil {
			return err
		}
		done += int64(len(b.businesses))
		progress(done, total)
		return nil
	})
	g.city.BusinessGrams = g.city.Businesses
	return err
}
