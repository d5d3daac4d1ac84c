package inspect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/shejian/shejian/internal/store"
)

// querier is a pool or a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Get returns version id with its items; an unknown id is NotFound.
func (s *Service) Get(ctx context.Context, id int64) (*ChecklistTemplate, error) {
	return readTemplate(ctx, s.st.ReadDB(), id)
}

const templateColumns = `id, sector, region, version, status, title, title_en, basis, note, is_default, placeholder,
	max_general_failures, max_key_failures, rule_source, based_on, created_at, created_by, published_at, published_by`

func readTemplate(ctx context.Context, q querier, id int64) (*ChecklistTemplate, error) {
	var t ChecklistTemplate
	var basedOn sql.NullInt64
	var published sql.NullTime
	err := q.QueryRowContext(ctx, `SELECT `+templateColumns+` FROM inspect_templates WHERE id = $1`, id).Scan(
		&t.ID, &t.Sector, &t.Region, &t.Version, &t.Status, &t.Title, &t.TitleEN, &t.Basis, &t.Note, &t.Default,
		&t.Placeholder, &t.Rule.MaxGeneralFailures, &t.Rule.MaxKeyFailures, &t.Rule.Source, &basedOn,
		&t.CreatedAt, &t.CreatedBy, &published, &t.PublishedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound(id)
	}
	if err != nil {
		return nil, fmt.Errorf("read template %d: %w", id, store.Normalize(err))
	}
	t.BasedOn, t.PublishedAt = store.IntPtr(basedOn), store.TimePtr(published)
	t.CreatedAt = t.CreatedAt.UTC()
	t.Items, err = readItems(ctx, q, id)
	return &t, err
}

func readItems(ctx context.Context, q querier, id int64) ([]ChecklistItem, error) {
	rows, err := q.QueryContext(ctx, `SELECT code, area, text, text_en, is_key, points, legal_basis, allow_na, confidence
		FROM inspect_template_items WHERE template_id = $1 ORDER BY seq`, id)
	if err != nil {
		return nil, fmt.Errorf("read items of template %d: %w", id, store.Normalize(err))
	}
	defer rows.Close()
	items := []ChecklistItem{}
	for rows.Next() {
		var it ChecklistItem
		var points sql.NullFloat64
		if err := rows.Scan(&it.Code, &it.Area, &it.Text, &it.TextEN, &it.Key, &points, &it.LegalBasis, &it.AllowNA, &it.Confidence); err != nil {
			return nil, fmt.Errorf("scan item of template %d: %w", id, err)
		}
		if points.Valid {
			it.Points = &points.Float64
		}
		items = append(items, it)
	}
	return items, rows.Err()
}

// List returns every version, by sector (in the order of Sectors), region and newest
// version first.
func (s *Service) List(ctx context.Context) ([]Summary, error) {
	rows, err := s.st.ReadDB().QueryContext(ctx, `SELECT t.id, t.sector, t.region, t.version, t.status, t.title,
			t.title_en, t.is_default, t.placeholder, t.published_at,
			(SELECT COUNT(*) FROM inspect_template_items i WHERE i.template_id = t.id),
			(SELECT COUNT(*) FROM inspect_template_items i WHERE i.template_id = t.id AND i.is_key = $1)
		FROM inspect_templates t ORDER BY t.sector, t.region, t.version DESC`, true)
	if err != nil {
		return nil, fmt.Errorf("list templates: %w", store.Normalize(err))
	}
	defer rows.Close()
	out := []Summary{}
	for rows.Next() {
		var v Summary
		var published sql.NullTime
		if err := rows.Scan(&v.ID, &v.Sector, &v.Region, &v.Version, &v.Status, &v.Title, &v.TitleEN, &v.Default,
			&v.Placeholder, &published, &v.Items, &v.KeyItems); err != nil {
			return nil, fmt.Errorf("scan template: %w", err)
		}
		v.PublishedAt = store.TimePtr(published)
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list templates: %w", err)
	}
	sortBySector(out)
	return out, nil
}

// Current returns the newest published version for sector in region ("" for the national
// one); ok is false when there is none.
func (s *Service) Current(ctx context.Context, sector Sector, region string) (*ChecklistTemplate, bool, error) {
	var id int64
	err := s.st.ReadDB().QueryRowContext(ctx, `SELECT id FROM inspect_templates
		WHERE sector = $1 AND region = $2 AND status = 'published' ORDER BY version DESC LIMIT 1`,
		string(sector), region).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("current template %s/%s: %w", sector, region, store.Normalize(err))
	}
	t, err := s.Get(ctx, id)
	return t, err == nil, err
}
