package pdfdoc

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/store"
)

// Register is a table of issued documents: one row per owner (an inspection, a case) and
// kind, with the number and the JSON of the facts the document shows, frozen at issue. Its
// columns are <Owner>, kind, unit_id, year, seq, number, facts, issued_at, issued_by, with
// (<Owner>, kind) unique. A kind counts in the sequence named Sequences+kind, so that the
// kinds of two registers never share a sequence.
type Register struct {
	Table     string // inspection_documents
	Owner     string // inspection_id
	Sequences string // "" for inspections (record, result, order), "case_" for cases
}

// Querier is what reads run on: the read pool, the write pool or a transaction.
type Querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Issued reads document kind of owner as issued, decoding its facts into facts; ok is
// false when it is not issued.
func (r Register) Issued(ctx context.Context, q Querier, owner int64, kind string, facts any) (n Number, ok bool, err error) {
	var seq sql.NullInt64
	var raw string
	err = q.QueryRowContext(ctx, `SELECT unit_id, year, seq, number, facts FROM `+r.Table+` WHERE `+r.Owner+` = $1 AND kind = $2`,
		owner, kind).Scan(&n.Unit, &n.Year, &seq, &n.Text, &raw)
	if errors.Is(err, sql.ErrNoRows) {
		return n, false, nil
	}
	if err != nil {
		return n, false, fmt.Errorf("issued %s of %s %d: %w", kind, r.Owner, owner, store.Normalize(err))
	}
	n.Kind, n.Seq = kind, int(seq.Int64)
	if err := json.Unmarshal([]byte(raw), facts); err != nil {
		return n, false, fmt.Errorf("facts of %s of %s %d: %w", kind, r.Owner, owner, err)
	}
	return n, true, nil
}

// Issue records the first issue of document kind of owner, numbered by c, with facts (a
// pointer), in one transaction. When another transaction recorded it first, Issue answers
// that one's number and decodes its facts into facts: two first issues at once both end
// with the one that committed, and a failed issue leaves no gap in the sequence.
func (r Register) Issue(ctx context.Context, st *store.Store, owner int64, kind string, c Counter, facts any) (Number, error) {
	raw, err := json.Marshal(facts)
	if err != nil {
		return Number{}, fmt.Errorf("facts of %s of %s %d: %w", kind, r.Owner, owner, err)
	}
	var n Number
	err = st.Tx(ctx, func(tx *sql.Tx) error {
		n, err = r.record(ctx, tx, owner, kind, c, string(raw))
		return err
	})
	if !errors.Is(err, errTaken) {
		return n, err
	}
	n, ok, err := r.Issued(ctx, st.DB(), owner, kind, facts)
	if err == nil && !ok {
		err = fmt.Errorf("%s of %s %d: issued meanwhile, then not found", kind, r.Owner, owner)
	}
	return n, err
}

// errTaken says another transaction recorded the same document first.
var errTaken = errors.New("document issued meanwhile")

// record takes the next number and stores the document in tx; errTaken when another
// transaction stored it first.
func (r Register) record(ctx context.Context, tx *sql.Tx, owner int64, kind string, c Counter, facts string) (Number, error) {
	n, err := c.next(ctx, tx, kind, r.Sequences+kind)
	if err != nil {
		return n, err
	}
	seq := sql.NullInt64{Int64: int64(n.Seq), Valid: c.Fixed == ""}
	_, err = tx.ExecContext(ctx, `INSERT INTO `+r.Table+` (`+r.Owner+`, kind, unit_id, year, seq, number, facts, issued_at, issued_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, owner, kind, n.Unit, n.Year, seq, n.Text, facts, time.Now().UTC(), issuer(ctx))
	if errors.Is(store.Normalize(err), store.ErrUnique) {
		return n, errTaken
	}
	if err != nil {
		return n, fmt.Errorf("record %s of %s %d: %w", kind, r.Owner, owner, store.Normalize(err))
	}
	return n, nil
}

// issuer is the login recorded as the issuer of a document.
func issuer(ctx context.Context) string {
	if a := audit.ActorFrom(ctx); a.Login != "" {
		return a.Login
	}
	return audit.SystemLogin
}
