package risk

import (
	"context"
	"fmt"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/rules"
	"github.com/shejian/shejian/internal/store"
)

// citySeq numbers the org units of test cities, whose codes are unique.
var citySeq atomic.Int64

// testCity is a store with one district and station to place businesses in; two testCity
// values over one store are two districts of one city.
type testCity struct {
	st                *store.Store
	svc               *Service
	district, station int64
}

// usccSeq numbers the USCCs of test businesses.
var usccSeq atomic.Int64

func mustCity(tb testing.TB, st *store.Store) *testCity {
	tb.Helper()
	book, err := rules.New(st)
	if err != nil {
		tb.Fatal(err)
	}
	c := &testCity{st: st, svc: NewService(st, book)}
	ctx, now := context.Background(), time.Now().UTC()
	code := strconv.FormatInt(citySeq.Add(1), 10)
	err = st.DB().QueryRowContext(ctx, `INSERT INTO org_units (kind, code, name, created_at, updated_at)
		VALUES ('district', $1, '测试区', $2, $2) RETURNING id`, "D"+code, now).Scan(&c.district)
	if err == nil {
		err = st.DB().QueryRowContext(ctx, `INSERT INTO org_units (parent_id, kind, code, name, created_at, updated_at)
			VALUES ($1, 'station', $2, '测试站', $3, $3) RETURNING id`, c.district, "S"+code, now).Scan(&c.station)
	}
	if err != nil {
		tb.Fatalf("create org units: %v", err)
	}
	return c
}

// mustBusiness registers a business of category/kind and returns its id and USCC.
func (c *testCity) mustBusiness(tb testing.TB, category, kind string, area float64, products int) (int64, string) {
	tb.Helper()
	uscc := fmt.Sprintf("91330100MA%08d", usccSeq.Add(1))
	var id int64
	ctx, now := context.Background(), time.Now().UTC()
	err := c.st.DB().QueryRowContext(ctx, `INSERT INTO businesses (uscc, name, category, kind, address, district_id, station_id,
			lat, lng, floor_area, product_count, supplier_count, created_at, updated_at)
			VALUES ($1, $2, $3, $4, '测试路1号', $5, $6, 30, 120, $7, $8, 20, $9, $9) RETURNING id`,
		uscc, "测试商户"+uscc, category, kind, c.district, c.station, area, products, now).Scan(&id)
	if err != nil {
		tb.Fatalf("create business: %v", err)
	}
	return id, uscc
}
