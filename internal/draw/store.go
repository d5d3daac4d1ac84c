package draw

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/store"
)

// Store keeps the one list and two directories (一单两库) and the draw tasks.
type Store struct {
	st     *store.Store
	book   RuleBook
	cal    *calendar.Calendar
	builds *bundleBuilds
}

// NewStore returns a store over st; book gives the default ratios and the publication
// deadline, cal counts its working days.
func NewStore(st *store.Store, book RuleBook, cal *calendar.Calendar) *Store {
	return &Store{st: st, book: book, cal: cal, builds: newBundleBuilds()}
}

// SaveItem adds an inspection item (抽查事项) to the list of orgUnitID, or replaces the item
// of the same ID there.
func (s *Store) SaveItem(ctx context.Context, orgUnitID int64, it InspectionItem) error {
	var v collector
	for _, f := range [][2]string{{"id", it.ID}, {"name", it.Name}, {"basis", it.Basis}} {
		if strings.TrimSpace(f[1]) == "" {
			v.add(f[0], "required", nil)
		}
	}
	checkPercent(&v, "ratio_percent", it.RatioPercent)
	if err := v.Err(); err != nil {
		return err
	}
	return s.st.Tx(ctx, func(tx *sql.Tx) error {
		now := time.Now().UTC()
		_, err := tx.ExecContext(ctx, `INSERT INTO draw_items (org_unit_id, code, name, basis, ratio_percent, frequency, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
			ON CONFLICT (org_unit_id, code) DO UPDATE SET name = excluded.name, basis = excluded.basis,
				ratio_percent = excluded.ratio_percent, frequency = excluded.frequency, updated_at = excluded.updated_at`,
			orgUnitID, it.ID, it.Name, it.Basis, it.RatioPercent, it.Frequency, now)
		if err := referenceField(err, "org_unit_id"); err != nil {
			return err
		}
		return audit.Record(ctx, s.st, tx, audit.Event{Action: "save", ObjectType: "draw_item", ObjectID: fmt.Sprintf("%d/%s", orgUnitID, it.ID), After: it})
	})
}

// SetCreditClass sets the credit-risk class a business is drawn under.
func (s *Store) SetCreditClass(ctx context.Context, businessID int64, class CreditClass) error {
	if !validClass(class) {
		return apperr.Fields(apperr.Field("credit_class", "one_of", map[string]any{"values": "A, B, C, D"}))
	}
	return s.st.Tx(ctx, func(tx *sql.Tx) error { return s.setClass(ctx, tx, businessID, class) })
}

// AdmitInspector adds an active enforcement officer (执法人员) to the inspector directory.
func (s *Store) AdmitInspector(ctx context.Context, personID int64) error {
	return s.st.Tx(ctx, func(tx *sql.Tx) error {
		kind, active, err := personRole(ctx, tx, personID)
		if err != nil {
			return err
		}
		if kind != "enforcement" || !active {
			return apperr.Fields(apperr.Field("person_id", "draw_not_inspector", nil))
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO draw_inspectors (person_id, admitted_at) VALUES ($1, $2)
			ON CONFLICT (person_id) DO NOTHING`, personID, time.Now().UTC()); err != nil {
			return fmt.Errorf("admit inspector %d: %w", personID, err)
		}
		return audit.Record(ctx, s.st, tx, audit.Event{Action: "create", ObjectType: "draw_inspector", ObjectID: fmt.Sprint(personID)})
	})
}

// DeclareConflict records that an inspector has an interest in a business (回避): no draw
// seats the inspector there.
func (s *Store) DeclareConflict(ctx context.Context, personID, businessID int64, reason string) error {
	if reason == "" {
		return apperr.Fields(apperr.Field("reason", "required", nil))
	}
	return s.st.Tx(ctx, func(tx *sql.Tx) error {
		if err := personExists(ctx, tx, personID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO draw_conflicts (person_id, business_id, reason, declared_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (person_id, business_id) DO UPDATE SET reason = excluded.reason`,
			personID, businessID, reason, time.Now().UTC())
		if err := referenceField(err, "business_id"); err != nil {
			return err
		}
		return audit.Record(ctx, s.st, tx, audit.Event{Action: "create", ObjectType: "draw_conflict",
			ObjectID: fmt.Sprintf("%d/%d", personID, businessID), After: map[string]string{"reason": reason}})
	})
}

// personRole reads a person's line of work and whether the person is active.
func personRole(ctx context.Context, tx *sql.Tx, personID int64) (kind string, active bool, err error) {
	err = store.Normalize(tx.QueryRowContext(ctx, `SELECT role_kind, active FROM people WHERE id = $1`, personID).Scan(&kind, &active))
	if errors.Is(err, store.ErrNotFound) {
		return "", false, apperr.Fields(apperr.Field("person_id", "not_found", nil))
	}
	if err != nil {
		return "", false, fmt.Errorf("read person %d: %w", personID, err)
	}
	return kind, active, nil
}

func personExists(ctx context.Context, tx *sql.Tx, personID int64) error {
	_, _, err := personRole(ctx, tx, personID)
	return err
}

// referenceField turns a foreign-key failure into a field error on field.
func referenceField(err error, field string) error {
	err = store.Normalize(err)
	if errors.Is(err, store.ErrForeignKey) {
		return apperr.Fields(apperr.Field(field, "not_found", nil))
	}
	if err != nil {
		return fmt.Errorf("draw directory: %w", err)
	}
	return nil
}
