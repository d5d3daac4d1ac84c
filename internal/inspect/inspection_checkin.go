package inspect

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/store"
)

// Assign seats the inspectors of an inspection not yet checked in (replacing any seated
// before), under the rules of checkInspectors.
func (s *Inspections) Assign(ctx context.Context, uuid string, people []int64) (*Inspection, error) {
	return s.change(ctx, uuid, "assign", []Stage{Created, Assigned}, func(tx *sql.Tx, in *Inspection) (any, error) {
		b, err := s.businesses.Get(ctx, in.BusinessID)
		if err != nil {
			return nil, err
		}
		if err := s.checkInspectors(ctx, b, people); err != nil {
			return nil, err
		}
		if err := seatInspectors(ctx, tx, in.ID, people); err != nil {
			return nil, err
		}
		return map[string]any{"inspectors": people}, setStage(ctx, tx, in.ID, Assigned)
	})
}

// checkinPrefix starts the text of a business's check-in QR code.
const checkinPrefix = "shejian-checkin:"

// CheckInInput is how the inspectors prove they are at the business: the token of its QR
// code (一店一码), or their position. At is when the phone checked in (it may sync later);
// empty means now.
type CheckInInput struct {
	Method string     `json:"method"` // "qr" or "gps"
	Code   string     `json:"code,omitempty"`
	Lat    *float64   `json:"lat,omitempty"`
	Lng    *float64   `json:"lng,omitempty"`
	At     *time.Time `json:"at,omitempty"`
}

// CheckIn records the inspectors' arrival. A QR code must be the business's; a position
// must lie within the rule's distance of its registered coordinates, else the field error
// names the distance. Checking in again is answered with the inspection as it is.
func (s *Inspections) CheckIn(ctx context.Context, uuid string, c CheckInInput) (*Inspection, error) {
	if in, err := s.Get(ctx, uuid); err == nil && in.CheckIn != nil {
		return in, s.writableBy(ctx, in)
	}
	return s.change(ctx, uuid, "check_in", []Stage{Assigned}, func(tx *sql.Tx, in *Inspection) (any, error) {
		b, err := s.businesses.Get(ctx, in.BusinessID)
		if err != nil {
			return nil, err
		}
		var dist *float64
		switch c.Method {
		case "qr":
			err = s.checkCode(ctx, tx, b.ID, c.Code)
		case "gps":
			dist, err = s.checkDistance(ctx, b, c)
		default:
			err = apperr.Fields(apperr.Field("method", "one_of", map[string]any{"values": "qr, gps"}))
		}
		if err != nil {
			return nil, err
		}
		at := s.now()
		if c.At != nil {
			at = *c.At
		}
		_, err = tx.ExecContext(ctx, `UPDATE inspections SET status = 'checked_in', checkin_at = $2, checkin_method = $3,
			checkin_lat = $4, checkin_lng = $5, checkin_distance_m = $6 WHERE id = $1`,
			in.ID, at.UTC(), c.Method, c.Lat, c.Lng, dist)
		if err != nil {
			return nil, fmt.Errorf("check in %s: %w", uuid, store.Normalize(err))
		}
		return c, nil
	})
}

func (s *Inspections) checkCode(ctx context.Context, tx *sql.Tx, business int64, code string) error {
	token, err := s.checkinToken(ctx, tx, business)
	if err != nil {
		return err
	}
	if strings.TrimPrefix(strings.TrimSpace(code), checkinPrefix) != token {
		return apperr.Fields(apperr.Field("code", "inspect_wrong_code", nil))
	}
	return nil
}

// checkDistance returns the distance in metres from the business, refusing one beyond the
// rule inspect.checkin_max_distance_m.
func (s *Inspections) checkDistance(ctx context.Context, b *registry.Business, c CheckInInput) (*float64, error) {
	if c.Lat == nil || c.Lng == nil || math.Abs(*c.Lat) > 90 || math.Abs(*c.Lng) > 180 {
		return nil, apperr.Fields(apperr.Field("lat", "inspect_position", nil))
	}
	most, _, err := s.book.Int(ctx, "inspect.checkin_max_distance_m", s.now())
	if err != nil {
		return nil, err
	}
	d := math.Round(registry.DistanceKm(*c.Lat, *c.Lng, b.Lat, b.Lng) * 1000)
	if d > float64(most) {
		return nil, apperr.Fields(apperr.Field("lat", "inspect_too_far", map[string]any{"distance": d, "max": most}))
	}
	return &d, nil
}

// CheckinCode returns the text of business's check-in QR code, making its token the first
// time it is asked for.
func (s *Inspections) CheckinCode(ctx context.Context, business int64) (string, error) {
	var token string
	err := s.st.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		token, err = s.checkinToken(ctx, tx, business)
		return err
	})
	return checkinPrefix + token, err
}

// checkinToken reads (or first makes) the random token of business's QR code.
func (s *Inspections) checkinToken(ctx context.Context, tx *sql.Tx, business int64) (string, error) {
	var b [16]byte
	rand.Read(b[:])
	_, err := tx.ExecContext(ctx, `INSERT INTO inspect_checkin_codes (business_id, token, created_at) VALUES ($1, $2, $3)
		ON CONFLICT (business_id) DO NOTHING`, business, hex.EncodeToString(b[:]), s.now().UTC())
	var token string
	if err == nil {
		err = tx.QueryRowContext(ctx, `SELECT token FROM inspect_checkin_codes WHERE business_id = $1`, business).Scan(&token)
	}
	if err != nil {
		return "", fmt.Errorf("check-in code of business %d: %w", business, store.Normalize(err))
	}
	return token, nil
}
