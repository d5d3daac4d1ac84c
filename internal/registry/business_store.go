package registry

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/journal"
	"github.com/shejian/shejian/internal/store"
)

const businessColumns = `b.id, b.uscc, b.name, b.category, b.kind, b.licence_no, b.licence_issued, b.licence_expiry,
	b.legal_rep, b.phone, b.address, b.district_id, b.station_id, b.grid_id, b.market_id, b.lat, b.lng,
	b.floor_area, b.product_count, b.daily_diners, b.supplier_count, b.employee_count, b.status,
	b.closed_at, b.closed_reason, b.created_at, b.updated_at, d.name, s.name, s.township`

const businessFrom = ` FROM businesses b JOIN org_units d ON d.id = b.district_id JOIN org_units s ON s.id = b.station_id`

type rowScanner interface{ Scan(dest ...any) error }

func scanBusiness(row rowScanner) (*Business, error) {
	var b Business
	var issued, expiry, closed sql.NullTime
	var grid, market sql.NullInt64
	err := row.Scan(&b.ID, &b.USCC, &b.Name, &b.Category, &b.Kind, &b.LicenceNo, &issued, &expiry,
		&b.LegalRep, &b.Phone, &b.Address, &b.DistrictID, &b.StationID, &grid, &market, &b.Lat, &b.Lng,
		&b.FloorArea, &b.ProductCount, &b.DailyDiners, &b.SupplierCount, &b.EmployeeCount, &b.Status,
		&closed, &b.ClosedReason, &b.CreatedAt, &b.UpdatedAt, &b.DistrictName, &b.StationName, &b.Township)
	if err != nil {
		return nil, store.Normalize(err)
	}
	b.LicenceIssued, b.LicenceExpiry, b.ClosedAt = store.TimePtr(issued), store.TimePtr(expiry), store.TimePtr(closed)
	b.GridID, b.MarketID = store.IntPtr(grid), store.IntPtr(market)
	return &b, nil
}

// BusinessStore keeps businesses and their search grams.
type BusinessStore struct{ st *store.Store }

// NewBusinessStore returns a store over st.
func NewBusinessStore(st *store.Store) *BusinessStore { return &BusinessStore{st: st} }

// Get returns one business or a NotFound error.
func (s *BusinessStore) Get(ctx context.Context, id int64) (*Business, error) {
	b, err := scanBusiness(s.st.ReadDB().QueryRowContext(ctx, `SELECT `+businessColumns+businessFrom+` WHERE b.id = $1`, id))
	if errors.Is(err, store.ErrNotFound) {
		return nil, apperr.New(apperr.NotFound, "registry.business_not_found", map[string]any{"id": id})
	}
	return b, err
}

// Create validates in and inserts it with its search grams and a journal entry, in one
// transaction.
func (s *BusinessStore) Create(ctx context.Context, in BusinessInput) (*Business, error) {
	v, err := in.Validate()
	if err != nil {
		return nil, err
	}
	var created *Business
	err = s.st.Tx(ctx, func(tx *sql.Tx) error {
		if v.districtID, err = newPlacements(tx).check(ctx, v.BusinessInput); err != nil {
			return err
		}
		w := s.newInserter(tx, time.Now().UTC())
		defer w.Close()
		ids, err := w.write(ctx, []validated{v})
		if err != nil {
			return err
		}
		created, err = audited(ctx, s.st, tx, "business", "create", ids[0], nil, businessIn)
		return err
	})
	if err != nil {
		return nil, err
	}
	return created, nil
}

// Update replaces the editable fields of business id, when allow lets it. A business that
// is not there or not allowed is refused before the input is judged, so that a caller
// outside its scope learns nothing from the answer.
func (s *BusinessStore) Update(ctx context.Context, id int64, in BusinessInput, allow Guard[Business]) (*Business, error) {
	var updated *Business
	err := s.st.Tx(ctx, func(tx *sql.Tx) error {
		before, err := businessChange.before(ctx, tx, s.st.Dialect(), id, allow)
		if err != nil {
			return err
		}
		v, err := in.Validate()
		if err != nil {
			return err
		}
		if v.districtID, err = newPlacements(tx).check(ctx, v.BusinessInput); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE businesses SET uscc=$1, name=$2, category=$3, kind=$4, licence_no=$5,
			licence_issued=$6, licence_expiry=$7, legal_rep=$8, phone=$9, address=$10, district_id=$11, station_id=$12,
			grid_id=$13, market_id=$14, lat=$15, lng=$16, floor_area=$17, product_count=$18, daily_diners=$19,
			supplier_count=$20, employee_count=$21, updated_at=$22 WHERE id=$23`,
			v.USCC, v.Name, v.Category, v.Kind, v.LicenceNo, v.issued, v.expiry, v.LegalRep, v.Phone, v.Address,
			v.districtID, v.StationID, v.GridID, v.MarketID, v.Lat, v.Lng, v.FloorArea, v.ProductCount, v.DailyDiners,
			v.SupplierCount, v.EmployeeCount, time.Now().UTC(), id)
		if err != nil {
			return duplicateError(err)
		}
		if err := replaceGrams(ctx, tx, s.st.Dialect(), id, v); err != nil {
			return err
		}
		_, err = journal.Append(ctx, tx, journal.Entry{Topic: TopicBusinessUpdated, Key: fmt.Sprint(id), Payload: map[string]any{"id": id}})
		if err != nil {
			return err
		}
		updated, err = audited(ctx, s.st, tx, "business", "update", id, before, businessIn)
		return err
	})
	if err != nil {
		return nil, err
	}
	return updated, nil
}

// SetStatus closes, suspends or reopens a business, when allow lets it; closing needs a
// reason.
func (s *BusinessStore) SetStatus(ctx context.Context, id int64, status, reason string, allow Guard[Business]) (*Business, error) {
	reason = strings.TrimSpace(reason)
	now := time.Now().UTC()
	var closedAt *time.Time
	if status == StatusClosed {
		closedAt = &now
	}
	var changed *Business
	err := s.st.Tx(ctx, func(tx *sql.Tx) error {
		before, err := businessChange.before(ctx, tx, s.st.Dialect(), id, allow)
		if err != nil {
			return err
		}
		if err := checkStatus(status, reason); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE businesses SET status=$1, closed_at=$2, closed_reason=$3, updated_at=$4 WHERE id=$5`,
			status, closedAt, reason, now, id)
		if err != nil {
			return store.Normalize(err)
		}
		_, err = journal.Append(ctx, tx, journal.Entry{Topic: TopicBusinessStatus, Key: fmt.Sprint(id), Payload: map[string]any{"id": id, "status": status}})
		if err != nil {
			return err
		}
		changed, err = audited(ctx, s.st, tx, "business", "status", id, before, businessIn)
		return err
	})
	if err != nil {
		return nil, err
	}
	return changed, nil
}

// checkStatus reports a status that is not one of the three, or a closing without reason.
func checkStatus(status, reason string) error {
	var c apperr.Collector
	switch status {
	case StatusOpen, StatusSuspended, StatusClosed:
	default:
		c.Add("status", "one_of", map[string]any{"values": "open, suspended, closed"})
	}
	if status == StatusClosed && reason == "" {
		c.Add("closed_reason", "required", nil)
	}
	return c.Err()
}

// DistanceKm is the great-circle distance between two points, as the placement check
// measures it.
func DistanceKm(lat1, lng1, lat2, lng2 float64) float64 {
	const earthKm = 6371.0
	rad := math.Pi / 180
	dLat, dLng := (lat2-lat1)*rad, (lng2-lng1)*rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLng/2)*math.Sin(dLng/2)
	return 2 * earthKm * math.Asin(math.Sqrt(a))
}

// duplicateError names the field of a violated unique constraint.
func duplicateError(err error) error {
	field := "uscc"
	if strings.Contains(store.Constraint(store.Normalize(err)), "licence") {
		field = "licence_no"
	}
	return uniqueField(err, field)
}
