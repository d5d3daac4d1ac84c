package inspect

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/seal"
	"github.com/shejian/shejian/internal/store"
)

// SeedDefaults stores the shipped default of every sector that has no national template yet,
// as published version 1 marked default, with the rule book's result rule; it returns how
// many it stored. It is idempotent and safe to run at every start: a sector the city already
// has (any version, even a draft) is left alone, and two processes starting together store
// each default once.
func (s *Service) SeedDefaults(ctx context.Context) (int, error) {
	rule, err := s.DefaultRule(ctx)
	if err != nil {
		return 0, fmt.Errorf("seed default templates: %w", err)
	}
	defaults, err := DefaultTemplates(rule)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, c := range defaults {
		stored, err := s.seedOne(ctx, c)
		if err != nil {
			return n, fmt.Errorf("seed default template %s: %w", c.Sector, err)
		}
		if stored {
			n++
		}
	}
	return n, nil
}

// seedOne stores c unless its sector already has a national template.
func (s *Service) seedOne(ctx context.Context, c Content) (bool, error) {
	stored := false
	err := s.st.Tx(ctx, func(tx *sql.Tx) error {
		var exists bool
		err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM inspect_templates WHERE sector = $1 AND region = '')`,
			string(c.Sector)).Scan(&exists)
		if err != nil || exists {
			return store.Normalize(err)
		}
		id, err := insertVersion(ctx, tx, c, newVersion{isDefault: true, by: audit.SystemLogin, at: s.now()})
		if err != nil || id == 0 {
			return err
		}
		if err := publish(ctx, tx, id, audit.SystemLogin, s.now()); err != nil {
			return err
		}
		if err := seal.SealNoted(ctx, tx, seal.ObjectOf(sealType, id), seal.Published, audit.SystemLogin, "shipped default"); err != nil {
			return err
		}
		stored = true
		return audit.Record(ctx, s.st, tx, audit.Event{Action: "seed", ObjectType: sealType,
			ObjectID: strconv.FormatInt(id, 10), After: c})
	})
	return stored, err
}
