package draw

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
)

// What the pages' forms offer to choose from, and the lookups that turn what a user typed
// into the IDs the store takes.

// UnitChoice is an org unit a form may name: its ID and name.
type UnitChoice struct {
	ID   int64
	Name string
}

// maxCandidates bounds the officers the admission form lists: a city-wide page of a large
// city has thousands; a district's or a station's page lists its own.
const maxCandidates = 500

// OrganizingUnits lists the org units under scopePath that may organize a draw task, parents
// before their children: the city, districts and stations. A grid supervises no business, so
// its directory would be empty.
func (s *Store) OrganizingUnits(ctx context.Context, scopePath string) ([]UnitChoice, error) {
	return s.choices(ctx, `SELECT id, name FROM org_units WHERE path LIKE $1 AND kind IN ('city', 'district', 'station') ORDER BY path`, scopePath+"%")
}

// AdmissionCandidates lists the active enforcement officers (执法人员) of the units under the
// unit at path who are not yet in the inspector directory, by unit, at most maxCandidates;
// each is named with the unit's name.
func (s *Store) AdmissionCandidates(ctx context.Context, path string) ([]UnitChoice, error) {
	return s.choices(ctx, `SELECT p.id, p.name || ' · ' || o.name FROM people p JOIN org_units o ON o.id = p.org_unit_id
		WHERE p.active AND p.role_kind = 'enforcement' AND o.path LIKE $1
			AND NOT EXISTS (SELECT 1 FROM draw_inspectors di WHERE di.person_id = p.id)
		ORDER BY o.path, p.id LIMIT $2`, path+"%", maxCandidates)
}

func (s *Store) choices(ctx context.Context, query string, args ...any) ([]UnitChoice, error) {
	out := []UnitChoice{}
	err := eachRow(ctx, s.st.ReadDB(), query, args, func(rows *sql.Rows) error {
		var c UnitChoice
		if err := rows.Scan(&c.ID, &c.Name); err != nil {
			return err
		}
		out = append(out, c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read draw form choices: %w", err)
	}
	return out, nil
}

// businessByUSCC finds the business a form names by its USCC (统一社会信用代码); an unknown
// one is a field error on field.
func (s *Store) businessByUSCC(ctx context.Context, field, uscc string) (int64, error) {
	var id int64
	err := store.Normalize(s.st.ReadDB().QueryRowContext(ctx, `SELECT id FROM businesses WHERE uscc = $1`, uscc).Scan(&id))
	if errors.Is(err, store.ErrNotFound) {
		return 0, apperr.Fields(apperr.Field(field, "not_found", nil))
	}
	if err != nil {
		return 0, fmt.Errorf("find business by uscc: %w", err)
	}
	return id, nil
}

// businessNamed reads the name and USCC of business id, to name it in a refusal.
func (s *Store) businessNamed(ctx context.Context, id int64) (name, uscc string, err error) {
	err = s.st.ReadDB().QueryRowContext(ctx, `SELECT name, uscc FROM businesses WHERE id = $1`, id).Scan(&name, &uscc)
	if err != nil {
		return "", "", fmt.Errorf("read business %d: %w", id, store.Normalize(err))
	}
	return name, uscc, nil
}
