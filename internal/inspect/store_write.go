package inspect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/seal"
	"github.com/shejian/shejian/internal/store"
)

// Create stores c as a new draft version of its sector and region (the next version
// number) and returns it. Bad content is an Invalid error naming the fields.
func (s *Service) Create(ctx context.Context, c Content) (*ChecklistTemplate, error) {
	return s.create(ctx, c, nil)
}

// NewVersion copies version id into a new draft of the same sector and region, for the
// city to adjust; the copy is not a shipped default.
func (s *Service) NewVersion(ctx context.Context, id int64) (*ChecklistTemplate, error) {
	t, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.create(ctx, t.Content, &id)
}

func (s *Service) create(ctx context.Context, c Content, basedOn *int64) (*ChecklistTemplate, error) {
	c = c.normalized()
	if err := c.Validate(); err != nil {
		return nil, err
	}
	var id int64
	err := s.st.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = insertVersion(ctx, tx, c, newVersion{basedOn: basedOn, by: actor(ctx), at: s.now()})
		if err == nil && id == 0 {
			err = apperr.New(apperr.Conflict, "inspect.version_taken", map[string]any{"sector": c.Sector, "region": c.Region})
		}
		if err != nil {
			return err
		}
		return audit.Record(ctx, s.st, tx, audit.Event{Action: "create", ObjectType: sealType,
			ObjectID: strconv.FormatInt(id, 10), After: c})
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, id)
}

// newVersion is how a version comes to be: copied from another, shipped as a default, by
// whom and when.
type newVersion struct {
	basedOn   *int64
	isDefault bool
	by        string
	at        time.Time
}

// insertVersion inserts c as the next draft version of its sector and region and returns its
// id, or 0 when another transaction took that version number first.
func insertVersion(ctx context.Context, tx *sql.Tx, c Content, v newVersion) (int64, error) {
	var next int
	err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM inspect_templates
		WHERE sector = $1 AND region = $2`, string(c.Sector), c.Region).Scan(&next)
	if err != nil {
		return 0, fmt.Errorf("next version of %s/%s: %w", c.Sector, c.Region, store.Normalize(err))
	}
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO inspect_templates (sector, region, version, status, title, title_en,
			basis, note, is_default, placeholder, max_general_failures, max_key_failures, rule_source, based_on,
			created_at, created_by)
		VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
		ON CONFLICT (sector, region, version) DO NOTHING RETURNING id`,
		string(c.Sector), c.Region, next, c.Title, c.TitleEN, c.Basis, c.Note, v.isDefault, c.Placeholder,
		c.Rule.MaxGeneralFailures, c.Rule.MaxKeyFailures, c.Rule.Source, v.basedOn, v.at.UTC(), v.by).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("insert template %s/%s v%d: %w", c.Sector, c.Region, next, store.Normalize(err))
	}
	return id, insertItems(ctx, tx, id, c.Items)
}

func insertItems(ctx context.Context, tx *sql.Tx, id int64, items []ChecklistItem) error {
	for i, it := range items {
		_, err := tx.ExecContext(ctx, `INSERT INTO inspect_template_items (template_id, seq, code, area, text, text_en,
				is_key, points, legal_basis, allow_na, confidence)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
			id, i+1, it.Code, it.Area, it.Text, it.TextEN, it.Key, it.Points, it.LegalBasis, it.AllowNA, string(it.Confidence))
		if err != nil {
			return fmt.Errorf("insert item %s of template %d: %w", it.Code, id, store.Normalize(err))
		}
	}
	return nil
}

// Update replaces the content of draft id. A published version is final: the Conflict
// (409) says when and by whom it was published. The sector and region of a version are
// fixed.
func (s *Service) Update(ctx context.Context, id int64, c Content) (*ChecklistTemplate, error) {
	c = c.normalized()
	if err := c.Validate(); err != nil {
		return nil, err
	}
	err := s.st.Tx(ctx, func(tx *sql.Tx) error {
		if err := writable(ctx, tx, id); err != nil {
			return err
		}
		before, err := readTemplate(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := fixedPlace(before.Content, c); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE inspect_templates SET title = $2, title_en = $3, basis = $4, note = $5,
				placeholder = $6, max_general_failures = $7, max_key_failures = $8, rule_source = $9
			WHERE id = $1`, id, c.Title, c.TitleEN, c.Basis, c.Note, c.Placeholder,
			c.Rule.MaxGeneralFailures, c.Rule.MaxKeyFailures, c.Rule.Source)
		if err == nil {
			_, err = tx.ExecContext(ctx, `DELETE FROM inspect_template_items WHERE template_id = $1`, id)
		}
		if err != nil {
			return fmt.Errorf("update template %d: %w", id, seal.Normalize(err))
		}
		if err := insertItems(ctx, tx, id, c.Items); err != nil {
			return err
		}
		return audit.Record(ctx, s.st, tx, audit.Event{Action: "update", ObjectType: sealType,
			ObjectID: strconv.FormatInt(id, 10), Before: before.Content, After: c})
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, id)
}

// fixedPlace refuses to move a version to another sector or region: its number belongs to
// the sequence of the place it was made for.
func fixedPlace(was, now Content) error {
	var c apperr.Collector
	if now.Sector != was.Sector {
		c.Add("sector", "inspect_fixed", map[string]any{"value": was.Sector})
	}
	if now.Region != was.Region {
		c.Add("region", "inspect_fixed", map[string]any{"value": was.Region})
	}
	return c.Err()
}

// Publish makes draft id final: published, sealed, usable by inspections. Publishing a
// published version again is a Conflict naming the first publication.
func (s *Service) Publish(ctx context.Context, id int64) (*ChecklistTemplate, error) {
	by := actor(ctx)
	err := s.st.Tx(ctx, func(tx *sql.Tx) error {
		if err := writable(ctx, tx, id); err != nil {
			return err
		}
		if err := publish(ctx, tx, id, by, s.now()); err != nil {
			return err
		}
		if err := seal.Seal(ctx, tx, seal.ObjectOf(sealType, id), seal.Published, by); err != nil {
			return err
		}
		return audit.Record(ctx, s.st, tx, audit.Event{Action: "publish", ObjectType: sealType,
			ObjectID: strconv.FormatInt(id, 10), After: map[string]any{"status": Published}})
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, id)
}

// publish sets the status of draft id, the version's last write before its seal.
func publish(ctx context.Context, tx *sql.Tx, id int64, by string, at time.Time) error {
	res, err := tx.ExecContext(ctx, `UPDATE inspect_templates SET status = 'published', published_at = $2, published_by = $3
		WHERE id = $1`, id, at.UTC(), by)
	if err != nil {
		return fmt.Errorf("publish template %d: %w", id, seal.Normalize(err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("publish template %d: %w", id, err)
	}
	if n == 0 {
		return notFound(id)
	}
	return nil
}

func notFound(id int64) error {
	return apperr.New(apperr.NotFound, "inspect.template_not_found", map[string]any{"id": id})
}

// writable returns nil while version id is a draft, else the Conflict (409) of a published
// version, which says when and by whom it was published and that a change is a new version.
func writable(ctx context.Context, tx *sql.Tx, id int64) error {
	err := seal.CheckWritable(ctx, tx, seal.ObjectOf(sealType, id))
	var e *apperr.Error
	if errors.As(err, &e) && e.Code == apperr.Conflict {
		e.Key = "inspect.published_final"
	}
	return err
}
