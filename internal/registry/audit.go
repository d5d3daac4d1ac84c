package registry

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/store"
)

// Every registry write leaves an audit entry with the record before and after, in the
// transaction of the write. The states are read back inside that transaction, so they are
// exactly what was committed (names of places included).

func businessIn(ctx context.Context, q querier, id int64) (*Business, error) {
	return scanBusiness(q.QueryRowContext(ctx, businessChange.query, id))
}

func personIn(ctx context.Context, q querier, id int64) (*Person, error) {
	return scanPerson(q.QueryRowContext(ctx, personChange.query, id))
}

func orgIn(ctx context.Context, q querier, id int64) (*OrgUnit, error) {
	return scanOrg(q.QueryRowContext(ctx, orgChange.query, id))
}

// auditing is switched off only by BenchmarkUpdateAudit, to measure what the audit log
// costs a write.
var auditing = true

// audited reads the object of type typ and id after the change (nothing after a delete),
// records action on it with its state before and after in tx of st, and returns the state
// after.
func audited[T any](ctx context.Context, st *store.Store, tx *sql.Tx, typ, action string, id int64, before *T,
	read func(context.Context, querier, int64) (*T, error)) (*T, error) {
	var after *T
	if action != "delete" {
		var err error
		if after, err = read(ctx, tx, id); err != nil {
			return nil, fmt.Errorf("read %s %d after %s: %w", typ, id, action, store.Normalize(err))
		}
	}
	if !auditing {
		return after, nil
	}
	e := audit.Event{Action: action, ObjectType: typ, ObjectID: fmt.Sprint(id)}
	if before != nil {
		e.Before = before
	}
	if after != nil {
		e.After = after
	}
	return after, audit.Record(ctx, st, tx, e)
}

// auditPersonalRead records that the caller read the unmasked personal data of an object.
func (h *Handler) auditPersonalRead(ctx context.Context, typ string, id int64) error {
	return audit.RecordOwnTx(ctx, h.Businesses.st, audit.Event{Action: "read_personal", ObjectType: typ, ObjectID: fmt.Sprint(id)})
}
