package demo

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"hash"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/store"
)

func queryInt(tb testing.TB, st *store.Store, q string, args ...any) int64 {
	tb.Helper()
	var n int64
	if err := st.DB().QueryRowContext(context.Background(), q, args...).Scan(&n); err != nil {
		tb.Fatalf("%s: %v", q, err)
	}
	return n
}

// generatedDump runs the generator without a database and returns a digest of the business
// rows and one of every row it makes (org units, people, businesses, grams).
func generatedDump(tb testing.TB, opt Options, dialect store.Dialect) (businesses, all string) {
	tb.Helper()
	g, err := newGenerator(opt, dialect)
	if err != nil {
		tb.Fatal(err)
	}
	hb, ha := sha256.New(), sha256.New()
	writeRows(ha, g.orgRows)
	writeRows(ha, g.peopleRows)
	err = g.run(context.Background(), batchRows, func(b *batch) error {
		writeRows(hb, b.businesses)
		writeRows(ha, b.businesses)
		writeRows(ha, b.grams)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return hex.EncodeToString(hb.Sum(nil)), hex.EncodeToString(ha.Sum(nil))
}

// storedDigest is the digest of the stored businesses in id order, comparable with
// generatedDump's.
func storedDigest(tb testing.TB, st *store.Store) string {
	tb.Helper()
	rows, err := st.DB().Query(`SELECT ` + strings.Join(businessTable.cols, ", ") + ` FROM businesses ORDER BY id`)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	h := sha256.New()
	vals := make([]any, len(businessTable.cols))
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			tb.Fatal(err)
		}
		writeRows(h, [][]any{vals})
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func writeRows(h hash.Hash, rows [][]any) {
	for _, r := range rows {
		for _, v := range r {
			h.Write([]byte(canon(v)))
			h.Write([]byte{0})
		}
		h.Write([]byte{'\n'})
	}
}

// canon writes a value the same way whichever engine or driver type it comes from.
func canon(v any) string {
	switch v := v.(type) {
	case nil:
		return "NULL"
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case time.Time:
		return v.UTC().Format(time.RFC3339Nano)
	case []byte:
		return string(v)
	case []string:
		return strings.Join(v, " ")
	case string:
		return v
	}
	panic(fmt.Sprintf("canon: unexpected %T", v))
}

// loadBusinesses reads every stored business.
func loadBusinesses(tb testing.TB, st *store.Store) []registry.Business {
	tb.Helper()
	rows, err := st.DB().Query(`SELECT id, uscc, name, category, kind, licence_no, licence_issued, licence_expiry,
		legal_rep, phone, address, district_id, station_id, grid_id, market_id, lat, lng, floor_area, product_count,
		daily_diners, supplier_count, employee_count, status, closed_at, closed_reason FROM businesses ORDER BY id`)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	var out []registry.Business
	for rows.Next() {
		var b registry.Business
		var issued, expiry, closed sql.NullTime
		var grid, market sql.NullInt64
		err := rows.Scan(&b.ID, &b.USCC, &b.Name, &b.Category, &b.Kind, &b.LicenceNo, &issued, &expiry, &b.LegalRep,
			&b.Phone, &b.Address, &b.DistrictID, &b.StationID, &grid, &market, &b.Lat, &b.Lng, &b.FloorArea,
			&b.ProductCount, &b.DailyDiners, &b.SupplierCount, &b.EmployeeCount, &b.Status, &closed, &b.ClosedReason)
		if err != nil {
			tb.Fatal(err)
		}
		b.LicenceIssued, b.LicenceExpiry, b.ClosedAt = store.TimePtr(issued), store.TimePtr(expiry), store.TimePtr(closed)
		b.GridID, b.MarketID = store.IntPtr(grid), store.IntPtr(market)
		out = append(out, b)
	}
	return out
}

// input is b as a user would enter it.
func input(b registry.Business) registry.BusinessInput {
	in := registry.BusinessInput{USCC: b.USCC, Name: b.Name, Category: b.Category, Kind: b.Kind, LicenceNo: b.LicenceNo,
		LegalRep: b.LegalRep, Phone: b.Phone, Address: b.Address, StationID: b.StationID, GridID: b.GridID,
		MarketID: b.MarketID, Lat: b.Lat, Lng: b.Lng, FloorArea: b.FloorArea, ProductCount: b.ProductCount,
		DailyDiners: b.DailyDiners, SupplierCount: b.SupplierCount, EmployeeCount: b.EmployeeCount}
	if b.LicenceIssued != nil {
		in.LicenceIssued, in.LicenceExpiry = b.LicenceIssued.Format(time.DateOnly), b.LicenceExpiry.Format(time.DateOnly)
	}
	return in
}

// orgUnit is an org unit as the checks need it.
type orgUnit struct {
	id, parent             int64
	kind, code, name, path string
	township               string
	area                   circle
}

func loadOrgUnits(tb testing.TB, st *store.Store) map[int64]orgUnit {
	tb.Helper()
	rows, err := st.DB().Query(`SELECT id, parent_id, kind, code, name, path, township, center_lat, center_lng, radius_km FROM org_units`)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	out := map[int64]orgUnit{}
	for rows.Next() {
		var u orgUnit
		var parent sql.NullInt64
		if err := rows.Scan(&u.id, &parent, &u.kind, &u.code, &u.name, &u.path, &u.township, &u.area.lat, &u.area.lng, &u.area.km); err != nil {
			tb.Fatal(err)
		}
		u.parent = parent.Int64
		out[u.id] = u
	}
	return out
}

// inside reports whether a point lies in circle c (great-circle distance, 1 m tolerance).
func inside(c circle, lat, lng float64) bool {
	return registry.DistanceKm(c.lat, c.lng, lat, lng) <= c.km+0.001
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
