package trace

import (
	"context"
	"fmt"
	"maps"

	"github.com/shejian/shejian/internal/store"
)

// Every URI an event names is stored once, in epcis_uris: an identifier is named by every
// event of its lot, a location by every event there, and stored once each costs a few bytes
// per event instead of a string. Most of a document's URIs are stored already; they are
// looked up before its transaction, on the read pool (lookUpURIs), while another document
// is written: the transaction, which captures take turns for, reads only the URIs added
// since (internURIs). A URI's id never changes and no URI is deleted, so what the lookup
// found stays right.

// knownURIs are the URIs a document names with the ids they had when capture looked them
// up (0 for one not stored then), and the largest id then.
type knownURIs struct {
	ids  map[string]int64
	last int64
}

// lookUpURIs finds the stored URIs the records of p name, outside any transaction.
func (s *Store) lookUpURIs(ctx context.Context, p *prepared) error {
	p.uris = knownURIs{ids: map[string]int64{}}
	var missed []string
	for i := range p.records {
		p.records[i].uris(func(uri string) {
			if _, seen := p.uris.ids[uri]; seen || uri == "" {
				return
			}
			id, cached := s.uris.get(uri)
			p.uris.ids[uri] = id
			if !cached {
				missed = append(missed, uri)
			}
		})
	}
	if len(p.uris.ids) == 0 {
		return nil
	}
	r := PoolReader{s.st.ReadDB()}
	// The largest id before the lookup: a URI added after it is read again in the transaction.
	err := r.Query(ctx, `SELECT COALESCE(MAX(id), 0) FROM epcis_uris`, nil, func(scan func(...any) error) error {
		return scan(&p.uris.last)
	})
	if err != nil {
		return fmt.Errorf("last id of epcis_uris: %w", err)
	}
	if len(missed) == 0 {
		return nil
	}
	if err := uriIDs(ctx, r, s.st.Dialect(), missed, p.uris.ids); err != nil {
		return err
	}
	for _, uri := range missed {
		if id := p.uris.ids[uri]; id != 0 {
			s.uris.put(uri, id)
		}
	}
	return nil
}

// uriIDs sets the id in ids of each of uris that is stored.
func uriIDs(ctx context.Context, r TxReader, d store.Dialect, uris []string, ids map[string]int64) error {
	q := lookupSQL(d, "id, uri", "epcis_uris", "uri", "text", "")
	err := r.Query(ctx, q, []any{listArg(d, uris)}, func(scan func(...any) error) error {
		var id int64
		var uri string
		err := scan(&id, &uri)
		ids[uri] = id
		return err
	})
	if err != nil {
		return fmt.Errorf("look up uris: %w", err)
	}
	return nil
}

// addedSinceSQL reads the URIs added after id $1. The bound above, which no id passes, makes
// it a range PostgreSQL plans as one of few rows without statistics; id > $1 alone it would
// judge a third of the table, a scan of every URI for some sizes of it.
const addedSinceSQL = `SELECT id, uri FROM epcis_uris WHERE id > $1 AND id <= (SELECT MAX(id) FROM epcis_uris)`

// internURIs returns the id of every URI the records name: as known before the
// transaction, or added since by captures that committed meanwhile, or else a new one after
// the largest stored, with which it adds the URI to epcis_uris. known is left as it is: a
// document is written again when its group's transaction fails (group.go), and the ids it
// gave new URIs then were rolled back.
func internURIs(ctx context.Context, w writer, records []*record, known knownURIs) (map[string]int64, error) {
	ids, last := maps.Clone(known.ids), known.last
	err := w.query(ctx, addedSinceSQL, []any{known.last}, func(scan func(...any) error) error {
		var id int64
		var uri string
		if err := scan(&id, &uri); err != nil {
			return err
		}
		if _, named := ids[uri]; named {
			ids[uri] = id
		}
		last = max(last, id)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("look up uris added since: %w", err)
	}
	var added []any
	for _, r := range records {
		r.uris(func(uri string) {
			if uri != "" && ids[uri] == 0 {
				last++
				ids[uri] = last
				added = append(added, last, uri)
			}
		})
	}
	if len(added) == 0 {
		return ids, nil
	}
	if err := w.insert(ctx, urisTable, added); err != nil {
		return nil, fmt.Errorf("insert uris: %w", err)
	}
	return ids, nil
}
