package inspect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/store"
)

// Create makes inspection uuid of a business in the caller's jurisdiction, assigned when n
// names its inspectors. Creating the same uuid again with the same source, kind, business
// and template returns the existing inspection and created false (a retried upload);
// different content under a taken uuid is a Conflict.
func (s *Inspections) Create(ctx context.Context, uuid string, n NewInspection) (*Inspection, bool, error) {
	uuid, _ = normalUUID(uuid)
	planned, err := n.validate(uuid)
	if err != nil {
		return nil, false, err
	}
	if in, err := s.Get(ctx, uuid); err == nil {
		return in, false, s.sameCreation(ctx, in, n)
	} else if apperr.CodeOf(err) != apperr.NotFound {
		return nil, false, err
	}
	b, err := s.businesses.Get(ctx, n.BusinessID)
	if err != nil {
		return nil, false, fieldIfMissing(err, "business_id")
	}
	if !access.ScopeFrom(ctx).CoversBusiness(b.ID, b.DistrictID, b.StationID, b.GridID) || access.ScopeFrom(ctx).BusinessID != 0 {
		return nil, false, errOutOfScope
	}
	if err := s.publishedTemplate(ctx, n.TemplateID); err != nil {
		return nil, false, err
	}
	if len(n.Inspectors) > 0 {
		if err := s.checkInspectors(ctx, b, n.Inspectors); err != nil {
			return nil, false, err
		}
	}
	err = s.st.Tx(ctx, func(tx *sql.Tx) error { return s.insert(ctx, tx, uuid, n, b, planned) })
	if err != nil {
		return nil, false, err
	}
	in, err := s.Get(ctx, uuid)
	return in, true, err
}

// sameCreation accepts a repeated creation that matches in and the caller may see.
func (s *Inspections) sameCreation(ctx context.Context, in *Inspection, n NewInspection) error {
	if err := s.writableBy(ctx, in); err != nil {
		return err
	}
	if in.Source != n.Source || in.Kind != n.Kind || in.BusinessID != n.BusinessID || in.TemplateID != n.TemplateID {
		return apperr.New(apperr.Conflict, "inspect.uuid_taken", map[string]any{"uuid": in.UUID})
	}
	return nil
}

// fieldIfMissing turns the NotFound of a record the input names into a field error.
func fieldIfMissing(err error, field string) error {
	if apperr.CodeOf(err) == apperr.NotFound {
		return apperr.Fields(apperr.Field(field, "inspect_unknown", nil))
	}
	return err
}

// publishedTemplate refuses a template version that does not exist or is still a draft:
// an inspection is judged only under a final version.
func (s *Inspections) publishedTemplate(ctx context.Context, id int64) error {
	t, err := s.templates.Get(ctx, id)
	if err != nil {
		return fieldIfMissing(err, "template_id")
	}
	if t.Status != Published {
		return apperr.Fields(apperr.Field("template_id", "inspect_template_draft", nil))
	}
	return nil
}

func (s *Inspections) insert(ctx context.Context, tx *sql.Tx, uuid string, n NewInspection, b *registry.Business, planned *time.Time) error {
	status := Created
	if len(n.Inspectors) > 0 {
		status = Assigned
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO inspections (uuid, source, source_ref, kind, business_id, district_id,
			station_id, template_id, status, planned_on, created_at, created_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
		uuid, string(n.Source), strings.TrimSpace(n.SourceRef), string(n.Kind), b.ID, b.DistrictID, b.StationID,
		n.TemplateID, string(status), planned, s.now().UTC(), actor(ctx)).Scan(&id)
	if errors.Is(store.Normalize(err), store.ErrUnique) {
		return apperr.New(apperr.Conflict, "inspect.uuid_taken", map[string]any{"uuid": uuid})
	}
	if err != nil {
		return fmt.Errorf("insert inspection %s: %w", uuid, store.Normalize(err))
	}
	if err := seatInspectors(ctx, tx, id, n.Inspectors); err != nil {
		return err
	}
	return audit.Record(ctx, s.st, tx, audit.Event{Action: "create", ObjectType: sealInspection,
		ObjectID: strconv.FormatInt(id, 10), After: n})
}

func seatInspectors(ctx context.Context, tx *sql.Tx, id int64, people []int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM inspection_inspectors WHERE inspection_id = $1`, id); err != nil {
		return fmt.Errorf("unseat inspectors of %d: %w", id, store.Normalize(err))
	}
	for i, p := range people {
		if _, err := tx.ExecContext(ctx, `INSERT INTO inspection_inspectors (inspection_id, person_id, seat)
			VALUES ($1, $2, $3)`, id, p, i+1); err != nil {
			return fmt.Errorf("seat inspector %d on %d: %w", p, id, store.Normalize(err))
		}
	}
	return nil
}

// checkInspectors applies Order 49 art. 23: at least the rule's number of distinct
// inspectors, each an active enforcement officer within the business's jurisdiction
// (its district, or the city), none with a declared conflict of interest (回避) with it.
func (s *Inspections) checkInspectors(ctx context.Context, b *registry.Business, people []int64) error {
	least, _, err := s.book.Int(ctx, "inspect.min_inspectors", s.now())
	if err != nil {
		return err
	}
	var c apperr.Collector
	distinct := slices.Compact(slices.Sorted(slices.Values(people)))
	if len(distinct) < least {
		c.Add("inspectors", "inspect_min_inspectors", map[string]any{"min": least, "count": len(distinct)})
	}
	if len(distinct) != len(people) {
		c.Add("inspectors", "inspect_duplicate_inspector", nil)
	}
	district, err := s.districtPath(ctx, b)
	if err != nil {
		return err
	}
	for i, id := range people {
		field := fmt.Sprintf("inspectors[%d]", i)
		if err := s.checkInspector(ctx, &c, field, id, b.ID, district); err != nil {
			return err
		}
	}
	return c.Err()
}

// districtPath is the org path of the business's district ("/city/district/").
func (s *Inspections) districtPath(ctx context.Context, b *registry.Business) (string, error) {
	o, err := s.orgs.Get(ctx, b.DistrictID)
	if err != nil {
		return "", fmt.Errorf("district of business %d: %w", b.ID, err)
	}
	return o.Path, nil
}

func (s *Inspections) checkInspector(ctx context.Context, c *apperr.Collector, field string, id, business int64, district string) error {
	p, err := s.people.Get(ctx, id)
	if apperr.CodeOf(err) == apperr.NotFound {
		c.Add(field, "inspect_unknown", nil)
		return nil
	}
	if err != nil {
		return err
	}
	switch {
	case !p.Active || p.RoleKind != registry.RoleEnforcement:
		c.Add(field, "inspect_not_enforcement", map[string]any{"name": p.Name})
	case !strings.HasPrefix(p.OrgPath, district) && !strings.HasPrefix(district, p.OrgPath):
		c.Add(field, "inspect_outside_jurisdiction", map[string]any{"name": p.Name})
	}
	reason, err := declaredConflict(ctx, s.st.ReadDB(), id, business)
	if err != nil {
		return err
	}
	if reason != "" {
		c.Add(field, "inspect_conflict_of_interest", map[string]any{"name": p.Name, "reason": reason})
	}
	return nil
}

// declaredConflict returns the reason of a conflict of interest person declared with the
// business, or "". The declarations live in the draw directory of inspectors
// (draw_conflicts, migration 0016), read here by SQL so that inspect does not import draw.
func declaredConflict(ctx context.Context, q querier, person, business int64) (string, error) {
	var reason string
	err := q.QueryRowContext(ctx, `SELECT reason FROM draw_conflicts WHERE person_id = $1 AND business_id = $2`,
		person, business).Scan(&reason)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("conflicts of person %d: %w", person, store.Normalize(err))
	}
	return reason, nil
}
