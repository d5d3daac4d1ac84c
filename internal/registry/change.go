package registry

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
)

// Guard sees a record as it stands inside the transaction of a change, just before the
// change, and may refuse it: a caller outside the record's scope. Checking there, not before
// the transaction, leaves no gap for the record to move meanwhile. nil allows all.
type Guard[T any] func(before *T) error

// changeRead is how a change reads its record: the SELECT by id, the table that PostgreSQL
// locks, how a row scans, and the message when there is none.
type changeRead[T any] struct {
	what, query, lock string
	scan              func(rowScanner) (*T, error)
	notFound          string
}

var (
	businessChange = changeRead[Business]{what: "business", lock: "b", scan: scanBusiness, notFound: "registry.business_not_found",
		query: `SELECT ` + businessColumns + businessFrom + ` WHERE b.id = $1`}
	personChange = changeRead[Person]{what: "person", lock: "p", scan: scanPerson, notFound: "registry.person_not_found",
		query: `SELECT ` + personColumns + ` FROM people p JOIN org_units o ON o.id = p.org_unit_id WHERE p.id = $1`}
	orgChange = changeRead[OrgUnit]{what: "org unit", lock: "org_units", scan: scanOrg, notFound: "registry.org_not_found",
		query: `SELECT ` + orgColumns + ` FROM org_units WHERE id = $1`}
)

// before reads record id for a change inside its transaction, locked until the transaction
// ends (PostgreSQL; SQLite's one writer holds the database), and asks allow. The state read
// is the one the audit entry records as before.
func (r changeRead[T]) before(ctx context.Context, tx *sql.Tx, d store.Dialect, id int64, allow Guard[T]) (*T, error) {
	query := r.query
	if d == store.Postgres {
		query += ` FOR UPDATE OF ` + r.lock
	}
	v, err := r.scan(tx.QueryRowContext(ctx, query, id))
	if errors.Is(err, store.ErrNotFound) {
		return nil, apperr.New(apperr.NotFound, r.notFound, map[string]any{"id": id})
	}
	if err != nil {
		return nil, fmt.Errorf("read %s %d: %w", r.what, id, store.Normalize(err))
	}
	if allow != nil {
		if err := allow(v); err != nil {
			return nil, err
		}
	}
	return v, nil
}
