package store

import (
	"database/sql"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// Engine-independent errors: callers test for these with errors.Is, never for driver types.
var (
	ErrNotFound   = errors.New("not found")
	ErrUnique     = errors.New("unique constraint violated")
	ErrForeignKey = errors.New("foreign key constraint violated")
)

// Normalize maps driver errors of either engine to the errors above, wrapping the original.
func Normalize(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return errors.Join(ErrNotFound, err)
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "23505":
			return &constraintError{kind: ErrUnique, constraint: pg.ConstraintName, err: err}
		case "23503":
			return &constraintError{kind: ErrForeignKey, constraint: pg.ConstraintName, err: err}
		}
		return err
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "UNIQUE constraint failed"):
		return &constraintError{kind: ErrUnique, constraint: sqliteColumns(msg), err: err}
	case strings.Contains(msg, "FOREIGN KEY constraint failed"):
		return &constraintError{kind: ErrForeignKey, err: err}
	}
	return err
}

// constraintError carries which constraint failed so that callers can name the field.
type constraintError struct {
	kind       error
	constraint string
	err        error
}

func (e *constraintError) Error() string { return e.err.Error() }
func (e *constraintError) Is(target error) bool {
	return target == e.kind
}
func (e *constraintError) Unwrap() error { return e.err }

// Constraint names the violated constraint (PostgreSQL) or its columns (SQLite,
// "table.column"), or "" when unknown.
func Constraint(err error) string {
	var c *constraintError
	if errors.As(err, &c) {
		return c.constraint
	}
	return ""
}

func sqliteColumns(msg string) string {
	_, cols, ok := strings.Cut(msg, "UNIQUE constraint failed: ")
	if !ok {
		return ""
	}
	cols, _, _ = strings.Cut(cols, " (")
	return strings.TrimSpace(cols)
}
