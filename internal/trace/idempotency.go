package trace

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"

	"github.com/shejian/shejian/internal/epcis"
)

// sameID is what is known of one eventID: the event (plain) and its error declaration
// (decl), stored before or earlier in the document.
type sameID struct{ plain, decl *known }

// known is one event of an eventID: a stored row (row > 0) or a record of the document.
type known struct {
	row        int64
	rec        *record
	hash       []byte
	declaredMs int64
}

// mark is a stored event to be marked declared erroneous at ms.
type mark struct{ row, ms int64 }

// sorted is a document's events sorted against the stored ones.
type sorted struct {
	insert   []*record
	marks    []mark
	problems []epcis.Problem
}

// sortOut decides for each record whether it is stored, skipped as a repeat or refused,
// given what is stored under its eventID. An event whose eventID is stored (or came
// earlier in the document) with the same hash ID is a repeat; with another hash ID it is
// refused. An error declaration is stored beside the event it declares, which it must
// repeat (the hash leaves errorDeclaration out), and marks it declared; a second
// declaration with the same hash is a repeat. Each record's declaredMs is decided afresh,
// as a document is sorted out again when its group is written again (group.go).
func sortOut(p *prepared, stored map[string]*sameID) sorted {
	var out sorted
	for i := range p.records {
		r := &p.records[i]
		r.declaredMs = r.ownDeclaredMs()
		ids := stored[r.eventID]
		if ids == nil {
			ids = &sameID{}
			stored[r.eventID] = ids
		}
		mine, other := &ids.plain, ids.decl
		if r.declaration() {
			mine, other = &ids.decl, ids.plain
		}
		switch {
		case *mine != nil && bytes.Equal((*mine).hash, r.hash):
			continue // a repeat
		case *mine != nil || other != nil && !bytes.Equal(other.hash, r.hash):
			out.problems = append(out.problems, newProblem(r, p.base, "/eventID", RuleEventIDConflict, map[string]any{"eventID": r.eventID}))
			continue
		}
		*mine = &known{rec: r, hash: r.hash, declaredMs: r.declaredMs}
		out.insert = append(out.insert, r)
		switch {
		case other == nil:
		case !r.declaration():
			r.declaredMs = other.declaredMs // the declaration came first
		case other.row > 0:
			out.marks = append(out.marks, mark{row: other.row, ms: r.declaredMs})
		default:
			other.rec.declaredMs = r.declaredMs
		}
	}
	return out
}

// storedIDs reads what is stored under the records' eventIDs: the events keys has read,
// and those stored after the last it has, which it reads in w: the events other processes
// committed since keys last caught up, and those the documents before this one in its
// group wrote. No other capture commits while w is open (inWriteTx), and w sees every
// commit before it began, so nothing is missed; keys itself takes only committed rows, read
// outside the transaction (Capture), so a rollback leaves nothing behind in it.
func storedIDs(ctx context.Context, w writer, keys *eventKeys, records []record) (map[string]*sameID, error) {
	want := make([]int64, len(records))
	for i := range records {
		want[i] = records[i].key
	}
	rows, last := keys.rowsOf(want)
	since := newKeyRows(0)
	err := eachKeySince(ctx, txReader{w}, last, func(row, key int64) { since.add(key, row) })
	if err != nil {
		return nil, fmt.Errorf("read the keys of events stored since: %w", err)
	}
	for _, key := range want {
		rows = since.appendRows(rows, key)
	}
	out := map[string]*sameID{}
	if len(rows) == 0 {
		return out, nil
	}
	q := lookupSQL(w.dialect(), "id, event_id, hash_id, declaration, declared_ms", "epcis_events", "id", "bigint", "")
	err = w.query(ctx, q, []any{listArg(w.dialect(), rows)}, func(scan func(...any) error) error {
		var k known
		var eventID string
		var declaration bool
		var declared sql.NullInt64
		if err := scan(&k.row, &eventID, &k.hash, &declaration, &declared); err != nil {
			return err
		}
		k.declaredMs = declared.Int64
		ids := out[eventID]
		if ids == nil {
			ids = &sameID{}
			out[eventID] = ids
		}
		if declaration {
			ids.decl = &k
		} else {
			ids.plain = &k
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("look up stored eventIDs: %w", err)
	}
	return out, nil
}
