package draw

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/shejian/shejian/internal/apperr"
)

// snapshot reads the inputs of a draw by orgUnitID at this moment, inside tx: the open
// businesses under the unit (检查对象名录库), each with its credit class (B when none is set),
// its station and district, and the inspectors of its previous inspection, drawn or signed
// (previous.go); the admitted active enforcement staff under the unit (执法检查人员名录库)
// with their district and their declared conflicts; and the named items of the lists
// (抽查事项清单) of the unit and above.
// Entities and inspectors are named by their registry IDs, each entity with its USCC for
// its published ID; org units are named by their codes.
func snapshot(ctx context.Context, tx *sql.Tx, orgUnitID int64, itemCodes []string, cfg Config) (Inputs, error) {
	in := Inputs{Config: cfg}
	var path string
	if err := tx.QueryRowContext(ctx, `SELECT path FROM org_units WHERE id = $1`, orgUnitID).Scan(&path); err != nil {
		return in, referenceField(err, "org_unit_id")
	}
	var err error
	if in.Items, err = readItems(ctx, tx, path, itemCodes); err != nil {
		return in, err
	}
	if in.Entities, err = readEntities(ctx, tx, path); err != nil {
		return in, err
	}
	in.Inspectors, err = readInspectors(ctx, tx, path)
	return in, err
}

// readItems reads the items of codes, in that order, from the list in force for the unit
// at path (itemsInForce).
func readItems(ctx context.Context, tx *sql.Tx, path string, codes []string) ([]InspectionItem, error) {
	inForce, err := itemsInForce(ctx, tx, path)
	if err != nil {
		return nil, err
	}
	byCode := make(map[string]InspectionItem, len(inForce))
	for _, it := range inForce {
		byCode[it.ID] = it.InspectionItem
	}
	items := make([]InspectionItem, 0, len(codes))
	for i, code := range codes {
		it, ok := byCode[code]
		if !ok {
			return nil, apperr.Fields(apperr.Field(fmt.Sprintf("items[%d]", i), "not_found", nil))
		}
		items = append(items, it)
	}
	return items, nil
}

const entitiesSQL = `SELECT b.id, b.uscc, st.code, d.code, ` + creditClassSQL + entityDirectorySQL

func readEntities(ctx context.Context, tx *sql.Tx, path string) ([]Entity, error) {
	entities := []Entity{} // an empty directory is [] in the bundle, not null
	index := map[int64]int{}
	err := eachRow(ctx, tx, entitiesSQL, []any{path + "%"}, func(rows *sql.Rows) error {
		var id int64
		var e Entity
		if err := rows.Scan(&id, &e.uscc, &e.OrgUnit, &e.Region, &e.Credit); err != nil {
			return err
		}
		e.ID = strconv.FormatInt(id, 10)
		index[id] = len(entities)
		entities = append(entities, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read entity directory: %w", err)
	}
	if err := readPrevious(ctx, tx, entities, index); err != nil {
		return nil, fmt.Errorf("read previous inspectors: %w", err)
	}
	return entities, nil
}

// inspectorsSQL gives each admitted officer's unit and district by their codes.
var inspectorsSQL = `SELECT p.id, o.code, ` + inspectorDistrict("code") + inspectorDirectorySQL

func readInspectors(ctx context.Context, tx *sql.Tx, path string) ([]Inspector, error) {
	inspectors := []Inspector{}
	index := map[int64]int{}
	err := eachRow(ctx, tx, inspectorsSQL, []any{path + "%"}, func(rows *sql.Rows) error {
		var id int64
		var p Inspector
		if err := rows.Scan(&id, &p.OrgUnit, &p.Region); err != nil {
			return err
		}
		p.ID = strconv.FormatInt(id, 10)
		index[id] = len(inspectors)
		inspectors = append(inspectors, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read inspector directory: %w", err)
	}
	err = eachPair(ctx, tx, `SELECT person_id, business_id FROM draw_conflicts`, func(person, business int64) {
		if i, ok := index[person]; ok {
			inspectors[i].Conflicts = append(inspectors[i].Conflicts, strconv.FormatInt(business, 10))
		}
	})
	if err != nil {
		return nil, fmt.Errorf("read declared conflicts: %w", err)
	}
	return inspectors, nil
}

// querier is a transaction or a pool.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// eachRow runs query and calls fn on each row.
func eachRow(ctx context.Context, q querier, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// eachPair runs query, which selects two IDs, and calls fn on each row's pair.
func eachPair(ctx context.Context, tx *sql.Tx, query string, fn func(a, b int64)) error {
	return eachRow(ctx, tx, query, nil, func(rows *sql.Rows) error {
		var a, b int64
		if err := rows.Scan(&a, &b); err != nil {
			return err
		}
		fn(a, b)
		return nil
	})
}
