package journey

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/store"
)

// A trace code (追溯码) is codeLength characters of codeAlphabet drawn at random: about 49
// bits, so that public pages cannot be found by trying codes. The alphabet leaves out what
// is misread on a package (0/o, 1/l/i).
const (
	codeAlphabet = "23456789abcdefghjkmnpqrstuvwxyz"
	codeLength   = 10
)

// newCode draws a trace code.
func newCode() string {
	b := make([]byte, codeLength)
	for i := range b {
		b[i] = codeAlphabet[randIndex(len(codeAlphabet))]
	}
	return string(b)
}

// randIndex is a uniform random number below n, from crypto/rand.
func randIndex(n int) int {
	var b [1]byte
	for {
		rand.Read(b[:]) // never fails (crypto/rand panics instead)
		if int(b[0]) < 256/n*n {
			return int(b[0]) % n
		}
	}
}

// validCode reports whether s could be a trace code, so that anything else is turned away
// before the database.
func validCode(s string) bool {
	if len(s) != codeLength {
		return false
	}
	for i := range len(s) {
		if strings.IndexByte(codeAlphabet, s[i]) < 0 {
			return false
		}
	}
	return true
}

// codes stores the trace codes (table trace_codes).
type codes struct{ st *store.Store }

// issue returns lot's trace code, drawing one the first time (created); the first issue is
// written to the audit log with the caller of ctx. business is the issuing operator's
// business, 0 for staff.
func (c codes) issue(ctx context.Context, lot string, business, user int64) (code string, created bool, err error) {
	err = c.st.Tx(ctx, func(tx *sql.Tx) error {
		for range 5 { // another code of the same draw is as unlikely as guessing one
			code = newCode()
			res, err := tx.ExecContext(ctx, `INSERT INTO trace_codes (code, lot, business_id, user_id, created_at)
				VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, code, lot, nullID(business), nullID(user), time.Now().UTC())
			if err != nil {
				return fmt.Errorf("issue a trace code: %w", err)
			}
			if n, _ := res.RowsAffected(); n == 1 {
				created = true
				return audit.Record(ctx, c.st, tx, audit.Event{Action: "create", ObjectType: "trace_code", ObjectID: code,
					After: map[string]any{"lot": lot}})
			}
			if known, ok, err := codeOf(ctx, tx, lot); err != nil || ok {
				code = known
				return err
			}
		}
		return errors.New("issue a trace code: no free code in five draws")
	})
	return code, created, err
}

// queryer is a database or a transaction.
type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// codeOf returns the trace code of lot, and false when it has none.
func codeOf(ctx context.Context, q queryer, lot string) (string, bool, error) {
	var code string
	err := q.QueryRowContext(ctx, `SELECT code FROM trace_codes WHERE lot = $1`, lot).Scan(&code)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("read the trace code of %s: %w", lot, err)
	}
	return code, true, nil
}

// lotOf returns the lot of a trace code, and false for a code not issued.
func (c codes) lotOf(ctx context.Context, code string) (string, bool, error) {
	if !validCode(code) {
		return "", false, nil
	}
	var lot string
	err := c.st.ReadDB().QueryRowContext(ctx, `SELECT lot FROM trace_codes WHERE code = $1`, code).Scan(&lot)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("read trace code %s: %w", code, err)
	}
	return lot, true, nil
}

// nullID is an id for a nullable column: NULL for 0.
func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }
