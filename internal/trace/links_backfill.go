package trace

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"

	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/store"
)

// Migration 0020 gives the events stored before it their links records, built from their
// object and value rows a page of events at a time.
func init() { store.RegisterDataStep("trace.links", backfillLinks) }

// backfillPage is how many events a page of the backfill holds.
const backfillPage = 2048

func backfillLinks(ctx context.Context, tx *sql.Tx, _ store.Dialect) error {
	update, err := tx.PrepareContext(ctx, `UPDATE epcis_events SET links = $1 WHERE id = $2`)
	if err != nil {
		return fmt.Errorf("prepare links update: %w", err)
	}
	defer update.Close()
	for after := int64(0); ; {
		page, err := linksPage(ctx, tx, after)
		if err != nil || len(page) == 0 {
			return err
		}
		for _, p := range page {
			if _, err := update.ExecContext(ctx, p.links, p.row); err != nil {
				return fmt.Errorf("write links of event row %d: %w", p.row, err)
			}
		}
		after = page[len(page)-1].row
	}
}

// pagedLinks is the links record of the event at row.
type pagedLinks struct {
	row   int64
	links []byte
}

// linksPage builds the links records of the next page of events after row after.
func linksPage(ctx context.Context, tx *sql.Tx, after int64) ([]pagedLinks, error) {
	page, err := pageHeads(ctx, tx, after)
	if err != nil || len(page) == 0 {
		return nil, err
	}
	first, last := page[0].row, page[len(page)-1].row
	objects, err := pageParts(ctx, tx, `SELECT event_row, role, class, uri_id, quantity, uom FROM epcis_event_objects
		WHERE event_row BETWEEN $1 AND $2 ORDER BY event_row, seq`, first, last, func(rows *sql.Rows) (int64, []byte, error) {
		var row, role, uri int64
		var class bool
		var quantity sql.NullFloat64
		var uom sql.NullString
		err := rows.Scan(&row, &role, &class, &uri, &quantity, &uom)
		return row, appendLinksObject(nil, epcis.Role(role), class, uri, quantity.Valid, quantity.Float64, uom.String), err
	})
	if err != nil {
		return nil, err
	}
	values, err := pageParts(ctx, tx, `SELECT event_row, kind, type_id, value_id FROM epcis_event_values
		WHERE event_row BETWEEN $1 AND $2 ORDER BY event_row, seq`, first, last, func(rows *sql.Rows) (int64, []byte, error) {
		var row, kind, value int64
		var typ sql.NullInt64
		err := rows.Scan(&row, &kind, &typ, &value)
		return row, appendLinksValue(nil, int16(kind), typ.Int64, value), err
	})
	if err != nil {
		return nil, err
	}
	for i := range page {
		p := &page[i]
		for _, parts := range [...]*linkParts{objects[p.row], values[p.row]} {
			if parts == nil {
				parts = &linkParts{}
			}
			p.links = binary.AppendUvarint(p.links, uint64(parts.n))
			p.links = append(p.links, parts.b...)
		}
	}
	return page, nil
}

// pageHeads reads the next page of events after row after, each with the head of its links
// record.
func pageHeads(ctx context.Context, tx *sql.Tx, after int64) ([]pagedLinks, error) {
	rows, err := tx.QueryContext(ctx, fmt.Sprintf(`SELECT id, event_ms, type, action, biz_step, read_point, biz_location,
		transformation FROM epcis_events WHERE id > $1 ORDER BY id LIMIT %d`, backfillPage), after)
	if err != nil {
		return nil, fmt.Errorf("read events after row %d: %w", after, err)
	}
	defer rows.Close()
	var page []pagedLinks
	for rows.Next() {
		var row, ms int64
		var typ, action int16
		var step, point, location, trans sql.NullInt64
		if err := rows.Scan(&row, &ms, &typ, &action, &step, &point, &location, &trans); err != nil {
			return nil, fmt.Errorf("read event: %w", err)
		}
		page = append(page, pagedLinks{row: row,
			links: appendLinksHead(nil, ms, typ, action, step.Int64, point.Int64, location.Int64, trans.Int64)})
	}
	return page, rows.Err()
}

// linkParts are the encoded objects or values of one event and how many there are.
type linkParts struct {
	n int
	b []byte
}

// pageParts reads the object or value rows of the events from first to last, each encoded
// by part, grouped by event row.
func pageParts(ctx context.Context, tx *sql.Tx, query string, first, last int64,
	part func(*sql.Rows) (row int64, encoded []byte, err error)) (map[int64]*linkParts, error) {
	rows, err := tx.QueryContext(ctx, query, first, last)
	if err != nil {
		return nil, fmt.Errorf("read rows of events %d to %d: %w", first, last, err)
	}
	defer rows.Close()
	parts := map[int64]*linkParts{}
	for rows.Next() {
		row, encoded, err := part(rows)
		if err != nil {
			return nil, fmt.Errorf("read rows of events %d to %d: %w", first, last, err)
		}
		p := parts[row]
		if p == nil {
			p = &linkParts{}
			parts[row] = p
		}
		p.n, p.b = p.n+1, append(p.b, encoded...)
	}
	return parts, rows.Err()
}
