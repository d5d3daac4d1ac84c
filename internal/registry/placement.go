package registry

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"

	"github.com/shejian/shejian/internal/apperr"
)

// querier is a transaction or a pool: placement checks run inside a write transaction for a
// single business and on the read pool for an import.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// stationPlace is where a station's district lies.
type stationPlace struct {
	districtID         int64
	lat, lng, radiusKm sql.NullFloat64
}

// placements checks that a business sits where it says: a known station, a grid of that
// station, a market of the same district, and coordinates inside the district. It caches
// what it reads, so an import of 100,000 rows asks about each station once.
type placements struct {
	q        querier
	stations map[int64]*stationPlace // nil value: no such station
	grids    map[[2]int64]bool
	markets  map[[2]int64]bool
}

func newPlacements(q querier) *placements {
	return &placements{q: q, stations: map[int64]*stationPlace{}, grids: map[[2]int64]bool{}, markets: map[[2]int64]bool{}}
}

// check returns the district of in's station, or field errors for what is misplaced.
func (p *placements) check(ctx context.Context, in BusinessInput) (int64, error) {
	st, err := p.station(ctx, in.StationID)
	if err != nil {
		return 0, err
	}
	if st == nil {
		return 0, apperr.Fields(apperr.Field("station_id", "station_unknown", nil))
	}
	var c apperr.Collector
	gridOK, marketOK := true, true
	if in.GridID != nil {
		if gridOK, err = p.cached(ctx, p.grids, [2]int64{*in.GridID, in.StationID},
			`SELECT 1 FROM org_units WHERE id = $1 AND parent_id = $2 AND kind = 'grid'`); err != nil {
			return 0, err
		}
	}
	if in.MarketID != nil {
		if marketOK, err = p.cached(ctx, p.markets, [2]int64{*in.MarketID, st.districtID},
			`SELECT 1 FROM businesses WHERE id = $1 AND category = 'market' AND district_id = $2`); err != nil {
			return 0, err
		}
	}
	if st.lat.Valid && st.lng.Valid && st.radiusKm.Valid && DistanceKm(st.lat.Float64, st.lng.Float64, in.Lat, in.Lng) > st.radiusKm.Float64 {
		c.Add("lat", "outside_district", map[string]any{"km": math.Round(st.radiusKm.Float64)})
	}
	if !gridOK {
		c.Add("grid_id", "grid_not_in_station", nil)
	}
	if !marketOK {
		c.Add("market_id", "market_unknown", nil)
	}
	return st.districtID, c.Err()
}

func (p *placements) station(ctx context.Context, id int64) (*stationPlace, error) {
	if st, ok := p.stations[id]; ok {
		return st, nil
	}
	st := &stationPlace{}
	err := p.q.QueryRowContext(ctx, `SELECT d.id, d.center_lat, d.center_lng, d.radius_km FROM org_units s
		JOIN org_units d ON d.id = s.parent_id WHERE s.id = $1 AND s.kind = 'station'`, id).Scan(&st.districtID, &st.lat, &st.lng, &st.radiusKm)
	if errors.Is(err, sql.ErrNoRows) {
		st = nil
	} else if err != nil {
		return nil, fmt.Errorf("check station: %w", err)
	}
	p.stations[id] = st
	return st, nil
}

// cached answers whether query finds a row for key, remembering the answer.
func (p *placements) cached(ctx context.Context, cache map[[2]int64]bool, key [2]int64, query string) (bool, error) {
	if ok, seen := cache[key]; seen {
		return ok, nil
	}
	ok, err := exists(ctx, p.q, query, key[0], key[1])
	if err == nil {
		cache[key] = ok
	}
	return ok, err
}

// exists reports whether query finds a row; a failing query is an error, not an answer.
func exists(ctx context.Context, q querier, query string, args ...any) (bool, error) {
	var one int
	err := q.QueryRowContext(ctx, query, args...).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("look up: %w", err)
	}
	return true, nil
}
