package registry

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/journal"
	"github.com/shejian/shejian/internal/store"
)

// OrgStore keeps the org tree.
type OrgStore struct{ st *store.Store }

// NewOrgStore returns a store over st.
func NewOrgStore(st *store.Store) *OrgStore { return &OrgStore{st: st} }

const orgColumns = `id, parent_id, kind, code, name, township, path, center_lat, center_lng, radius_km, created_at, updated_at`

func scanOrg(row rowScanner) (*OrgUnit, error) {
	var o OrgUnit
	var parent sql.NullInt64
	var lat, lng, radius sql.NullFloat64
	if err := row.Scan(&o.ID, &parent, &o.Kind, &o.Code, &o.Name, &o.Township, &o.Path, &lat, &lng, &radius, &o.CreatedAt, &o.UpdatedAt); err != nil {
		return nil, store.Normalize(err)
	}
	o.ParentID = store.IntPtr(parent)
	o.CenterLat, o.CenterLng, o.RadiusKm = nullFloat(lat), nullFloat(lng), nullFloat(radius)
	return &o, nil
}

func nullFloat(f sql.NullFloat64) *float64 {
	if !f.Valid {
		return nil
	}
	return &f.Float64
}

// List returns the units of kind (all kinds when empty), optionally below parent, by name.
func (s *OrgStore) List(ctx context.Context, kind OrgKind, parentID int64) ([]*OrgUnit, error) {
	q := `SELECT ` + orgColumns + ` FROM org_units WHERE ($1 = '' OR kind = $1) AND ($2 = 0 OR parent_id = $2) ORDER BY code`
	rows, err := s.st.ReadDB().QueryContext(ctx, q, string(kind), parentID)
	if err != nil {
		return nil, fmt.Errorf("list org units: %w", err)
	}
	defer rows.Close()
	var out []*OrgUnit
	for rows.Next() {
		o, err := scanOrg(rows)
		if err != nil {
			return nil, fmt.Errorf("scan org unit: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// Tree returns the roots of the org tree down to stations (grids are listed per station,
// since a city has thousands of them).
func (s *OrgStore) Tree(ctx context.Context) ([]*OrgUnit, error) {
	all, err := s.List(ctx, "", 0)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*OrgUnit{}
	for _, o := range all {
		byID[o.ID] = o
	}
	var roots []*OrgUnit
	for _, o := range all {
		if o.Kind == OrgGrid {
			continue
		}
		if o.ParentID == nil {
			roots = append(roots, o)
		} else if p := byID[*o.ParentID]; p != nil {
			p.Children = append(p.Children, o)
		}
	}
	return roots, nil
}

// Get returns one unit.
func (s *OrgStore) Get(ctx context.Context, id int64) (*OrgUnit, error) {
	o, err := scanOrg(s.st.ReadDB().QueryRowContext(ctx, orgChange.query, id))
	if errors.Is(err, store.ErrNotFound) {
		return nil, apperr.New(apperr.NotFound, orgChange.notFound, map[string]any{"id": id})
	}
	return o, err
}

// Create adds a unit under its parent; the kind must be the parent's child kind and a root
// must be a city.
func (s *OrgStore) Create(ctx context.Context, in OrgUnitInput) (*OrgUnit, error) {
	in.normalize()
	if err := in.validate(); err != nil {
		return nil, err
	}
	var id int64
	err := s.st.Tx(ctx, func(tx *sql.Tx) error {
		parentPath, err := checkParent(ctx, tx, in)
		if err != nil {
			return err
		}
		now := time.Now().UTC()
		err = tx.QueryRowContext(ctx, `INSERT INTO org_units (parent_id, kind, code, name, township, center_lat, center_lng, radius_km, created_at, updated_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$9) RETURNING id`,
			in.ParentID, in.Kind, in.Code, in.Name, in.Township, in.CenterLat, in.CenterLng, in.RadiusKm, now).Scan(&id)
		if err != nil {
			return uniqueField(err, "code")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE org_units SET path = $1 WHERE id = $2`, fmt.Sprintf("%s%d/", parentPath, id), id); err != nil {
			return fmt.Errorf("set path: %w", err)
		}
		return orgChanged(ctx, s.st, tx, id, "create", nil)
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, id)
}

// Update renames or relocates a unit; its place in the tree does not change.
func (s *OrgStore) Update(ctx context.Context, id int64, in OrgUnitInput) (*OrgUnit, error) {
	in.normalize()
	err := s.st.Tx(ctx, func(tx *sql.Tx) error {
		cur, err := orgChange.before(ctx, tx, s.st.Dialect(), id, nil)
		if err != nil {
			return err
		}
		in.Kind, in.ParentID = cur.Kind, cur.ParentID
		if err := in.validate(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE org_units SET code=$1, name=$2, township=$3, center_lat=$4, center_lng=$5, radius_km=$6, updated_at=$7 WHERE id=$8`,
			in.Code, in.Name, in.Township, in.CenterLat, in.CenterLng, in.RadiusKm, time.Now().UTC(), id)
		if err != nil {
			return uniqueField(err, "code")
		}
		return orgChanged(ctx, s.st, tx, id, "update", cur)
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, id)
}

// Delete removes an empty unit: one with no children, staff, users or businesses.
func (s *OrgStore) Delete(ctx context.Context, id int64) error {
	return s.st.Tx(ctx, func(tx *sql.Tx) error {
		before, err := orgChange.before(ctx, tx, s.st.Dialect(), id, nil)
		if err != nil {
			return err
		}
		for _, q := range []string{
			`SELECT 1 FROM org_units WHERE parent_id = $1`,
			`SELECT 1 FROM people WHERE org_unit_id = $1`,
			`SELECT 1 FROM users WHERE org_unit_id = $1`,
			`SELECT 1 FROM businesses WHERE district_id = $1 OR station_id = $1 OR grid_id = $1`,
		} {
			found, err := exists(ctx, tx, q+` LIMIT 1`, id)
			if err != nil {
				return err
			}
			if found {
				return apperr.New(apperr.Conflict, "registry.org_not_empty", nil)
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM org_units WHERE id = $1`, id); err != nil {
			return fmt.Errorf("delete org unit: %w", store.Normalize(err))
		}
		return orgChanged(ctx, s.st, tx, id, "delete", before)
	})
}

func checkParent(ctx context.Context, tx *sql.Tx, in OrgUnitInput) (string, error) {
	if in.ParentID == nil {
		if in.Kind != OrgCity {
			return "", apperr.Fields(apperr.Field("parent_id", "required", nil))
		}
		return "/", nil
	}
	var kind OrgKind
	var path string
	err := tx.QueryRowContext(ctx, `SELECT kind, path FROM org_units WHERE id = $1`, *in.ParentID).Scan(&kind, &path)
	if errors.Is(err, sql.ErrNoRows) {
		return "", apperr.Fields(apperr.Field("parent_id", "not_found", nil))
	}
	if err != nil {
		return "", fmt.Errorf("read parent: %w", err)
	}
	if childKind[kind] != in.Kind {
		return "", apperr.Fields(apperr.Field("kind", "org_kind_under_parent", map[string]any{"parent": kind, "want": childKind[kind]}))
	}
	return path, nil
}

func (in *OrgUnitInput) normalize() {
	in.Code = strings.TrimSpace(in.Code)
	in.Name = strings.TrimSpace(in.Name)
	in.Township = strings.TrimSpace(in.Township)
}

func (in OrgUnitInput) validate() error {
	var c apperr.Collector
	switch in.Kind {
	case OrgCity, OrgDistrict, OrgStation, OrgGrid:
	default:
		c.Add("kind", "one_of", map[string]any{"values": "city, district, station, grid"})
	}
	requireText(&c, "code", in.Code, 30)
	requireText(&c, "name", in.Name, 60)
	optionalText(&c, "township", in.Township, 30)
	if in.Kind == OrgStation && in.Township == "" {
		c.Add("township", "required", nil)
	}
	if in.CenterLat != nil || in.CenterLng != nil {
		if in.CenterLat == nil || in.CenterLng == nil {
			c.Add("center_lat", "both_coordinates", nil)
		} else {
			checkCoordinates(&c, *in.CenterLat, *in.CenterLng)
		}
	}
	if in.RadiusKm != nil && (*in.RadiusKm <= 0 || *in.RadiusKm > 500) {
		c.Add("radius_km", "radius_range", nil)
	}
	return c.Err()
}

// orgChanged journals and audits a change to org unit id (action create, update or delete).
func orgChanged(ctx context.Context, st *store.Store, tx *sql.Tx, id int64, action string, before *OrgUnit) error {
	_, err := journal.Append(ctx, tx, journal.Entry{Topic: TopicOrgUnitChanged, Key: fmt.Sprint(id), Payload: map[string]any{"id": id, "change": action}})
	if err != nil {
		return err
	}
	_, err = audited(ctx, st, tx, "org_unit", action, id, before, orgIn)
	return err
}

// uniqueField turns a unique violation into a field error on field.
func uniqueField(err error, field string) error {
	err = store.Normalize(err)
	if errors.Is(err, store.ErrUnique) {
		return &apperr.Error{Code: apperr.Invalid, Fields: []apperr.FieldError{{Field: field, Rule: "duplicate"}}, Err: err}
	}
	return err
}
