package risk

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/store"
)

// SaveFactors records the static factors of a business, replacing the previous ones, with
// an audit entry of both. Bad factors are an Invalid error naming the fields; an unknown
// business is NotFound.
func (s *Service) SaveFactors(ctx context.Context, businessID int64, f StaticFactors) error {
	if err := f.Validate(); err != nil {
		return err
	}
	data, err := json.Marshal(f)
	if err != nil {
		return fmt.Errorf("encode factors of business %d: %w", businessID, err)
	}
	return s.st.Tx(ctx, func(tx *sql.Tx) error {
		before, _, err := readFactors(ctx, tx, businessID)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO risk_static_factors (business_id, factors, updated_at) VALUES ($1, $2, $3)
			ON CONFLICT (business_id) DO UPDATE SET factors = excluded.factors, updated_at = excluded.updated_at`,
			businessID, string(data), time.Now().UTC())
		if err = store.Normalize(err); errors.Is(err, store.ErrForeignKey) {
			return apperr.New(apperr.NotFound, "risk.business_not_found", map[string]any{"id": businessID})
		} else if err != nil {
			return fmt.Errorf("save factors of business %d: %w", businessID, err)
		}
		var old any
		if before != nil {
			old = before
		}
		return audit.Record(ctx, s.st, tx, audit.Event{Action: "update", ObjectType: "risk_factors",
			ObjectID: strconv.FormatInt(businessID, 10), Before: old, After: f})
	})
}

// Factors returns the recorded static factors of a business; ok is false when none are
// recorded.
func (s *Service) Factors(ctx context.Context, businessID int64) (StaticFactors, bool, error) {
	f, ok, err := readFactors(ctx, s.st.ReadDB(), businessID)
	if f == nil {
		return StaticFactors{}, ok, err
	}
	return *f, ok, err
}

type queryRower interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func readFactors(ctx context.Context, q queryRower, businessID int64) (*StaticFactors, bool, error) {
	var data string
	err := q.QueryRowContext(ctx, `SELECT factors FROM risk_static_factors WHERE business_id = $1`, businessID).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("read factors of business %d: %w", businessID, store.Normalize(err))
	}
	var f StaticFactors
	if err := decodeFactors(data, &f); err != nil {
		return nil, false, fmt.Errorf("decode factors of business %d: %w", businessID, err)
	}
	return &f, true, nil
}
