package seal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
)

// ReasonField names the reason of a correction in field errors ("field.correction_reason").
const ReasonField = "correction_reason"

const maxReason = 500

// Correction records that the record NewID corrects the sealed record OldID of the same type.
// Neither is changed or hidden: the old one stays as it was signed, the new one says why.
type Correction struct {
	Type      string    `json:"type"`
	OldID     string    `json:"old_id"`
	NewID     string    `json:"new_id"`
	Reason    string    `json:"reason"`
	CreatedAt time.Time `json:"created_at"`
	CreatedBy string    `json:"created_by"`
}

// Old is the corrected record.
func (c Correction) Old() Object { return Object{Type: c.Type, ID: c.OldID} }

// New is the correcting record.
func (c Correction) New() Object { return Object{Type: c.Type, ID: c.NewID} }

// Correct records in tx that the record newID, already written by the caller, corrects old.
// old must be sealed (a record that is not final is edited, not corrected): otherwise a
// Conflict. A missing or overlong reason is an Invalid error on ReasonField. A record
// corrects at most one other; a second claim is a Conflict.
func Correct(ctx context.Context, tx *sql.Tx, old Object, newID, reason, by string) error {
	if err := old.check(); err != nil {
		return err
	}
	if newID == "" || newID == old.ID || by == "" {
		return fmt.Errorf("correct %s with %q by %q: need another record and a login", old, newID, by)
	}
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return apperr.Fields(apperr.Field(ReasonField, "required", nil))
	case utf8.RuneCountInString(reason) > maxReason:
		return apperr.Fields(apperr.Field(ReasonField, "too_long", map[string]any{"max": maxReason}))
	}
	s, err := Status(ctx, tx, old)
	if err != nil {
		return err
	}
	if s == nil {
		return &apperr.Error{Code: apperr.Conflict, Key: "seal.not_sealed", Params: map[string]any{"type": old.Type, "id": old.ID}}
	}
	prev, err := CorrectionOf(ctx, tx, Object{Type: old.Type, ID: newID})
	if err != nil {
		return err
	}
	if prev != nil {
		return &apperr.Error{Code: apperr.Conflict, Key: "seal.already_corrects",
			Params: map[string]any{"type": old.Type, "id": newID, "old": prev.OldID}}
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO corrections (object_type, old_id, new_id, reason, created_at, created_by)
		VALUES ($1, $2, $3, $4, $5, $6)`, old.Type, old.ID, newID, reason, time.Now().UTC().Truncate(time.Microsecond), by)
	if err != nil {
		return fmt.Errorf("correct %s with %s: %w", old, newID, store.Normalize(err))
	}
	return nil
}

// Corrections lists the records that correct obj, oldest first (usually none or one; a
// correction of a correction is listed under the record it corrects).
func Corrections(ctx context.Context, q Querier, obj Object) ([]Correction, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+correctionColumns+` FROM corrections
		WHERE object_type = $1 AND old_id = $2 ORDER BY created_at, new_id`, obj.Type, obj.ID)
	if err != nil {
		return nil, fmt.Errorf("corrections of %s: %w", obj, store.Normalize(err))
	}
	defer rows.Close()
	var out []Correction
	for rows.Next() {
		c, err := scanCorrection(rows)
		if err != nil {
			return nil, fmt.Errorf("corrections of %s: %w", obj, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("corrections of %s: %w", obj, store.Normalize(err))
	}
	return out, nil
}

// CorrectionOf returns what obj corrects, or nil when obj is not a correction.
func CorrectionOf(ctx context.Context, q Querier, obj Object) (*Correction, error) {
	c, err := scanCorrection(q.QueryRowContext(ctx, `SELECT `+correctionColumns+` FROM corrections
		WHERE object_type = $1 AND new_id = $2`, obj.Type, obj.ID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("correction of %s: %w", obj, err)
	}
	return &c, nil
}

const correctionColumns = `object_type, old_id, new_id, reason, created_at, created_by`

// scanCorrection reads one row of correctionColumns from *sql.Row or *sql.Rows.
func scanCorrection(row interface{ Scan(...any) error }) (Correction, error) {
	var c Correction
	if err := row.Scan(&c.Type, &c.OldID, &c.NewID, &c.Reason, &c.CreatedAt, &c.CreatedBy); err != nil {
		return c, store.Normalize(err)
	}
	c.CreatedAt = c.CreatedAt.UTC()
	return c, nil
}
