package seal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
)

// guardMessage is what a guard trigger raises on SQLite, and guardCode the SQLSTATE it raises
// on PostgreSQL (seal_guard in migration 0008). IsSealedViolation recognises either.
const (
	guardMessage = "sealed record"
	guardCode    = "SJ409"
)

var (
	identRe = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)
	typeRe  = regexp.MustCompile(`^[A-Za-z0-9_.:-]+$`)
)

// GuardTable returns the statements that make the database itself refuse to update or delete
// a row of table once seals holds (typeName, the row's idColumn as text). Rows are matched on
// their old id, so changing the id of a sealed row is refused too. Apply them in the migration
// or setup that creates table, after migration 0008; they are idempotent. The names are pasted
// into SQL, so anything but a plain lower-case identifier (and a type name of letters,
// digits and _.:-) panics: they are constants of the calling capability, never input.
func GuardTable(dialect store.Dialect, table, typeName, idColumn string) []string {
	if !identRe.MatchString(table) || !identRe.MatchString(idColumn) || !typeRe.MatchString(typeName) {
		panic(fmt.Sprintf("seal.GuardTable(%q, %q, %q): not plain identifiers", table, typeName, idColumn))
	}
	if dialect == store.Postgres {
		return []string{fmt.Sprintf(`CREATE OR REPLACE TRIGGER %[1]s_sealed BEFORE UPDATE OR DELETE ON %[1]s
    FOR EACH ROW EXECUTE FUNCTION seal_guard('%[2]s', '%[3]s')`, table, typeName, idColumn)}
	}
	var out []string
	for _, op := range []string{"UPDATE", "DELETE"} {
		out = append(out, fmt.Sprintf(`CREATE TRIGGER IF NOT EXISTS %[1]s_sealed_%[4]s BEFORE %[5]s ON %[1]s
WHEN EXISTS (SELECT 1 FROM seals WHERE object_type = '%[2]s' AND object_id = CAST(OLD.%[3]s AS TEXT))
BEGIN
    SELECT RAISE(ABORT, '%[6]s');
END`, table, typeName, idColumn, strings.ToLower(op), op, guardMessage))
	}
	return out
}

// Execer is a pool or a transaction.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// ApplyGuard runs GuardTable's statements on ex.
func ApplyGuard(ctx context.Context, ex Execer, dialect store.Dialect, table, typeName, idColumn string) error {
	for _, stmt := range GuardTable(dialect, table, typeName, idColumn) {
		if _, err := ex.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("guard %s: %w", table, err)
		}
	}
	return nil
}

// IsSealedViolation reports whether err is a guard trigger refusing to change a sealed row.
func IsSealedViolation(err error) bool {
	if err == nil {
		return false
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == guardCode
	}
	return strings.Contains(err.Error(), guardMessage)
}

// Normalize turns a guard's refusal into the same Conflict (409) as CheckWritable, with a
// message that says the record is final but not since when: the trigger knows no more. Any
// other error is returned as is. Use it on the error of a write to a guarded table.
func Normalize(err error) error {
	if !IsSealedViolation(err) {
		return err
	}
	return &apperr.Error{Code: apperr.Conflict, Key: "seal.refused", Err: fmt.Errorf("%w: %w", ErrSealed, err)}
}
