package draw

import (
	"context"
	"database/sql"
	"fmt"
)

// The one list and two directories (一单两库) of an org unit as they stand, for the staff to
// read before a task freezes them: the rows snapshot reads, with their names. The clauses
// below are shared with snapshot, so that the pages show exactly what a task would draw.

// entityDirectorySQL selects the entity directory of the units under the path pattern $1:
// the open businesses of their stations, with their credit classes (c) if set.
const entityDirectorySQL = `
	FROM businesses b
	JOIN org_units st ON st.id = b.station_id
	JOIN org_units d ON d.id = b.district_id
	LEFT JOIN draw_credit_classes c ON c.business_id = b.id
	WHERE b.status = 'open' AND st.path LIKE $1`

// creditClassSQL is the class a business of entityDirectorySQL is drawn under: B (general)
// until one is set.
const creditClassSQL = `COALESCE(c.credit_class, 'B')`

// inspectorDirectorySQL selects the inspector directory of the units under the path
// pattern $1: the admitted officers still active in enforcement, with their unit (o) and
// its parent (par).
const inspectorDirectorySQL = `
	FROM draw_inspectors di
	JOIN people p ON p.id = di.person_id
	JOIN org_units o ON o.id = p.org_unit_id
	LEFT JOIN org_units par ON par.id = o.parent_id
	WHERE p.active AND p.role_kind = 'enforcement' AND o.path LIKE $1`

// inspectorDistrict is column col of the district an officer of inspectorDirectorySQL
// counts under: a station's district is its parent; staff of a district (or the city)
// count as of that unit.
func inspectorDistrict(col string) string {
	return "CASE WHEN o.kind = 'station' THEN par." + col + " ELSE o." + col + " END"
}

// itemsInForceSQL lists the items of the lists of the unit at path $1 and of the units
// above it, each code's nearest first: a district's list refines the city's.
const itemsInForceSQL = `SELECT i.code, i.name, i.basis, i.ratio_percent, i.frequency, o.name
	FROM draw_items i JOIN org_units o ON o.id = i.org_unit_id
	WHERE $1 LIKE o.path || '%'
	ORDER BY i.code, LENGTH(o.path) DESC`

// DirectoryItem is an inspection item (抽查事项) in force for a unit: its own list's item of
// a code, or else the nearest unit's above, as a task of the unit takes it.
type DirectoryItem struct {
	InspectionItem
	Unit string `json:"org_unit"` // the name of the unit whose list holds it
}

// DirectoryEntity is a business of a unit's entity directory (检查对象名录库).
type DirectoryEntity struct {
	ID            int64       `json:"id"`
	USCC          string      `json:"uscc"`
	Name          string      `json:"name"`
	Station       string      `json:"station"`
	District      string      `json:"district"`
	Credit        CreditClass `json:"credit_class"`
	CreditDefault bool        `json:"credit_class_default"` // none set: drawn as B
}

// DirectoryInspector is an officer of a unit's inspector directory (执法检查人员名录库).
type DirectoryInspector struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Unit      string `json:"org_unit"`
	District  string `json:"district"`
	Conflicts int    `json:"declared_conflicts"` // businesses the officer steps aside from (回避)
}

// itemsInForce lists the items in force for the unit at path, by code.
func itemsInForce(ctx context.Context, q querier, path string) ([]DirectoryItem, error) {
	items := []DirectoryItem{}
	err := eachRow(ctx, q, itemsInForceSQL, []any{path}, func(rows *sql.Rows) error {
		var it DirectoryItem
		if err := rows.Scan(&it.ID, &it.Name, &it.Basis, &it.RatioPercent, &it.Frequency, &it.Unit); err != nil {
			return err
		}
		if len(items) == 0 || items[len(items)-1].ID != it.ID {
			items = append(items, it)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read draw items: %w", err)
	}
	return items, nil
}

// ItemsInForce lists the inspection items in force for the unit at path (an org path,
// "/1/3/"), by code.
func (s *Store) ItemsInForce(ctx context.Context, path string) ([]DirectoryItem, error) {
	return itemsInForce(ctx, s.st.ReadDB(), path)
}

// EntityDirectory lists a page of the entity directory of the unit at path, by business ID.
func (s *Store) EntityDirectory(ctx context.Context, path string, page int) ([]DirectoryEntity, pager, error) {
	entities := []DirectoryEntity{}
	pg, err := s.directoryPage(ctx, entityDirectorySQL, path, page, businessesPerPage,
		`b.id, b.uscc, b.name, st.name, d.name, `+creditClassSQL+`, c.credit_class IS NULL`, `b.id`,
		func(rows *sql.Rows) error {
			var e DirectoryEntity
			if err := rows.Scan(&e.ID, &e.USCC, &e.Name, &e.Station, &e.District, &e.Credit, &e.CreditDefault); err != nil {
				return err
			}
			entities = append(entities, e)
			return nil
		})
	if err != nil {
		return nil, pg, fmt.Errorf("read entity directory: %w", err)
	}
	return entities, pg, nil
}

// InspectorDirectory lists a page of the inspector directory of the unit at path, by
// person ID, with the number of conflicts each officer declared.
func (s *Store) InspectorDirectory(ctx context.Context, path string, page int) ([]DirectoryInspector, pager, error) {
	inspectors := []DirectoryInspector{}
	pg, err := s.directoryPage(ctx, inspectorDirectorySQL, path, page, inspectorsPerPage,
		`p.id, p.name, o.name, `+inspectorDistrict("name")+`, (SELECT COUNT(*) FROM draw_conflicts x WHERE x.person_id = p.id)`, `p.id`,
		func(rows *sql.Rows) error {
			var p DirectoryInspector
			if err := rows.Scan(&p.ID, &p.Name, &p.Unit, &p.District, &p.Conflicts); err != nil {
				return err
			}
			inspectors = append(inspectors, p)
			return nil
		})
	if err != nil {
		return nil, pg, fmt.Errorf("read inspector directory: %w", err)
	}
	return inspectors, pg, nil
}

// directoryPage places page among the rows that from (a FROM … WHERE clause on the path
// pattern $1) selects under path, and calls scan on each of the page's rows of columns,
// in order.
func (s *Store) directoryPage(ctx context.Context, from, path string, page, perPage int, columns, order string, scan func(*sql.Rows) error) (pager, error) {
	db := s.st.ReadDB()
	var total int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*)`+from, path+"%").Scan(&total); err != nil {
		return pager{}, err
	}
	pg, err := newPager(page, perPage, total)
	if err != nil {
		return pg, err
	}
	return pg, eachRow(ctx, db, `SELECT `+columns+from+` ORDER BY `+order+` LIMIT $2 OFFSET $3`, []any{path + "%", pg.PerPage, pg.offset()}, scan)
}
