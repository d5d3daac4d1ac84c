package trace

import (
	"context"
	"fmt"
)

// internURIs returns the id of every URI the records name, adding those not stored yet to
// epcis_uris with the ids after the largest stored. An identifier is named by every event
// of its lot, a location by every event there: stored once, each costs a few bytes per
// event instead of a string.
func internURIs(ctx context.Context, w writer, records []*record) (map[string]int64, error) {
	ids := map[string]int64{}
	var all []string
	for _, r := range records {
		r.uris(func(uri string) {
			if _, seen := ids[uri]; !seen && uri != "" {
				ids[uri] = 0
				all = append(all, uri)
			}
		})
	}
	if len(all) == 0 {
		return ids, nil
	}
	q := `SELECT id, uri FROM epcis_uris WHERE uri ` + inList(w.dialect(), "$1")
	err := w.query(ctx, q, []any{listArg(w.dialect(), all)}, func(scan func(...any) error) error {
		var id int64
		var uri string
		err := scan(&id, &uri)
		ids[uri] = id
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("look up uris: %w", err)
	}
	last, err := maxID(ctx, w, "epcis_uris")
	if err != nil {
		return nil, err
	}
	var added []any
	for _, uri := range all {
		if ids[uri] == 0 {
			last++
			ids[uri] = last
			added = append(added, last, uri)
		}
	}
	if len(added) == 0 {
		return ids, nil
	}
	if err := w.insert(ctx, urisTable, added); err != nil {
		return nil, fmt.Errorf("insert uris: %w", err)
	}
	return ids, nil
}
