package demo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/store"
)

// checkOrgTree: paths, levels, codes and circles follow the tree.
func checkOrgTree(t *testing.T, st *store.Store, city *City) {
	units := loadOrgUnits(t, st)
	childOf := map[string]string{"city": "", "district": "city", "station": "district", "grid": "station"}
	codeLen := map[string]int{"city": 6, "district": 6, "station": 9, "grid": 12}
	for _, u := range units {
		p, hasParent := units[u.parent]
		switch {
		case u.parent == 0 && (u.kind != "city" || u.path != fmt.Sprintf("/%d/", u.id)):
			t.Errorf("root %d: kind %s path %s", u.id, u.kind, u.path)
		case u.parent != 0 && (!hasParent || p.kind != childOf[u.kind] || u.path != fmt.Sprintf("%s%d/", p.path, u.id)):
			t.Errorf("unit %d (%s, path %s) under %d (%s, path %s)", u.id, u.kind, u.path, p.id, p.kind, p.path)
		case len(u.code) != codeLen[u.kind] || (hasParent && u.kind != "district" && !strings.HasPrefix(u.code, p.code)):
			t.Errorf("unit %d (%s) code %s under %s", u.id, u.kind, u.code, p.code)
		case hasParent && registry.DistanceKm(p.area.lat, p.area.lng, u.area.lat, u.area.lng)+u.area.km > p.area.km+0.001:
			t.Errorf("unit %d circle %+v leaves its parent's %+v", u.id, u.area, p.area)
		case u.kind == "station" && (u.township == "" || u.name != u.township+"食品安全监管站"):
			t.Errorf("station %d: name %s, township %s", u.id, u.name, u.township)
		}
	}
	if n := queryInt(t, st, `SELECT count(*) FROM org_units s WHERE s.kind = 'station' AND NOT EXISTS (SELECT 1 FROM org_units g WHERE g.parent_id = s.id)`); n != 0 {
		t.Errorf("%d stations without grids", n)
	}
}

// checkPlacement: each business's district, station and grid agree with the tree, stalls sit
// in a market of their station, and coordinates lie inside the district and the grid.
func checkPlacement(t *testing.T, st *store.Store, city *City) {
	for _, q := range []string{
		`SELECT count(*) FROM businesses b LEFT JOIN org_units s ON s.id = b.station_id LEFT JOIN org_units g ON g.id = b.grid_id
			LEFT JOIN org_units d ON d.id = b.district_id
			WHERE s.kind IS DISTINCT FROM 'station' OR s.parent_id IS DISTINCT FROM b.district_id OR d.kind IS DISTINCT FROM 'district'
			OR g.kind IS DISTINCT FROM 'grid' OR g.parent_id IS DISTINCT FROM b.station_id`,
		`SELECT count(*) FROM businesses s LEFT JOIN businesses m ON m.id = s.market_id
			WHERE (s.category = 'stall') <> (s.market_id IS NOT NULL)
			OR (s.category = 'stall' AND (m.category IS DISTINCT FROM 'market' OR m.station_id IS DISTINCT FROM s.station_id))`,
	} {
		if n := queryInt(t, st, q); n != 0 {
			t.Errorf("%d misplaced businesses: %s", n, q)
		}
	}
	units := loadOrgUnits(t, st)
	for _, b := range loadBusinesses(t, st) {
		if !inside(units[b.DistrictID].area, b.Lat, b.Lng) || !inside(units[*b.GridID].area, b.Lat, b.Lng) {
			t.Errorf("business %d at %v,%v outside district %+v or grid %+v", b.ID, b.Lat, b.Lng, units[b.DistrictID].area, units[*b.GridID].area)
		}
	}
}

// checkRules: every business passes the registry's validation, USCCs and licence numbers are
// unique, and licence dates and statuses look like a real city's.
func checkRules(t *testing.T, st *store.Store, city *City) {
	usccs, licences := map[string]bool{}, map[string]bool{}
	var expired, expiring, suspended, closed int
	for _, b := range loadBusinesses(t, st) {
		if _, err := input(b).Validate(); err != nil {
			t.Errorf("business %d %s: %v", b.ID, b.Name, err)
		}
		if usccs[b.USCC] || (b.LicenceNo != "" && licences[b.LicenceNo]) {
			t.Errorf("business %d: duplicate USCC %s or licence %s", b.ID, b.USCC, b.LicenceNo)
		}
		usccs[b.USCC], licences[b.LicenceNo] = true, true
		cat, _ := registry.CategoryByCode(b.Category)
		if (cat.Licence == registry.LicenceNone) != (b.LicenceNo == "" && b.LicenceIssued == nil) || !strings.HasPrefix(b.Address, cityName) {
			t.Errorf("business %d %s: licence %q, address %s", b.ID, b.Category, b.LicenceNo, b.Address)
		}
		if b.LicenceExpiry != nil {
			if !b.LicenceExpiry.Equal(b.LicenceIssued.AddDate(licenceYears, 0, -1)) {
				t.Errorf("business %d: issued %v, expires %v", b.ID, b.LicenceIssued, b.LicenceExpiry)
			}
			expired += btoi(b.LicenceExpiry.Before(baseDate))
			expiring += btoi(!b.LicenceExpiry.Before(baseDate) && b.LicenceExpiry.Before(baseDate.AddDate(0, 0, 90)))
		}
		if (b.Status == registry.StatusClosed) != (b.ClosedAt != nil && b.ClosedReason != "") {
			t.Errorf("business %d: status %s, closed at %v because %q", b.ID, b.Status, b.ClosedAt, b.ClosedReason)
		}
		suspended += btoi(b.Status == registry.StatusSuspended)
		closed += btoi(b.Status == registry.StatusClosed)
	}
	n := int(city.Businesses)
	if expired == 0 || expiring == 0 || suspended == 0 || closed == 0 || suspended+closed > n/10 {
		t.Errorf("%d businesses: %d licences expired, %d expiring, %d suspended, %d closed", n, expired, expiring, suspended, closed)
	}
}

var mobilePattern = regexp.MustCompile(`^1[3-9]\d{9}$`)

// checkPeople: valid ID numbers and phones, certificates for enforcement, subsidies for
// coordinators only, and every station staffed in all three lines.
func checkPeople(t *testing.T, st *store.Store, city *City) {
	rows, err := st.DB().Query(`SELECT id, gender, role_kind, phone, id_number, certificate_no, monthly_subsidy FROM people`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, subsidy int64
		var gender, role, phone, idNumber, cert string
		if err := rows.Scan(&id, &gender, &role, &phone, &idNumber, &cert, &subsidy); err != nil {
			t.Fatal(err)
		}
		born, err := time.Parse("20060102", idNumber[6:14])
		male := (idNumber[16]-'0')%2 == 1
		if len(idNumber) != 18 || registry.IDNumberCheckChar(idNumber[:17]) != idNumber[17] || err != nil ||
			born.Year() < 1955 || born.Year() > 2005 || male != (gender == "男") || !mobilePattern.MatchString(phone) {
			t.Errorf("person %d: ID number %s, gender %s, phone %s", id, idNumber, gender, phone)
		}
		if (role == "enforcement") != (cert != "") || (role == "coordinator") != (subsidy >= 300 && subsidy <= 800) {
			t.Errorf("person %d (%s): certificate %q, subsidy %d", id, role, cert, subsidy)
		}
	}
	for _, role := range []string{"administrative", "enforcement", "technical"} {
		q := `SELECT count(*) FROM org_units s WHERE s.kind = 'station' AND NOT EXISTS (SELECT 1 FROM people p WHERE p.org_unit_id = s.id AND p.role_kind = $1)`
		if n := queryInt(t, st, q, role); n != 0 {
			t.Errorf("%d stations without %s staff", n, role)
		}
	}
	if n := queryInt(t, st, `SELECT count(*) FROM org_units g WHERE g.kind = 'grid' AND NOT EXISTS (SELECT 1 FROM people p WHERE p.org_unit_id = g.id AND p.role_kind = 'coordinator')`); n != 0 {
		t.Errorf("%d grids without a coordinator", n)
	}
}

// checkDemoIDs: the demo accounts' rows are what their names promise.
func checkDemoIDs(t *testing.T, st *store.Store, city *City) {
	d := city.Demo
	ok := func(what, q string, args ...any) {
		t.Helper()
		if queryInt(t, st, q, args...) != 1 {
			t.Errorf("%s: %s %v", what, q, args)
		}
	}
	ok("city", `SELECT count(*) FROM org_units WHERE id = $1 AND kind = 'city'`, d.CityID)
	ok("district", `SELECT count(*) FROM org_units WHERE id = $1 AND kind = 'district' AND parent_id = $2`, d.DistrictID, d.CityID)
	ok("station", `SELECT count(*) FROM org_units WHERE id = $1 AND kind = 'station' AND parent_id = $2`, d.StationID, d.DistrictID)
	ok("grid", `SELECT count(*) FROM org_units WHERE id = $1 AND kind = 'grid' AND parent_id = $2`, d.GridID, d.StationID)
	ok("business", `SELECT count(*) FROM businesses WHERE id = $1 AND category = 'catering' AND status = 'open'
		AND district_id = $2 AND station_id = $3 AND licence_expiry > $4`, d.BusinessID, d.DistrictID, d.StationID, baseDate)
	person := `SELECT count(*) FROM people WHERE id = $1 AND org_unit_id = $2 AND role_kind = $3 AND title LIKE $4 AND ` + trueIn(st)
	ok("station head", person, d.StationHeadID, d.StationID, "administrative", "站长")
	ok("inspector", person+` AND certificate_no <> ''`, d.InspectorID, d.StationID, "enforcement", "%")
	ok("coordinator", person, d.CoordinatorID, d.GridID, "coordinator", "%协管员")
	ok("lab technician", person, d.LabTechnicianID, d.DistrictID, "technical", "%检验%")
}

func trueIn(st *store.Store) string {
	if st.Dialect() == store.Postgres {
		return "active"
	}
	return "active = 1"
}

// checkGrams: the registry's text search finds the generated businesses by a bigram on both
// engines, so the generator stores grams as the registry indexes them.
func checkGrams(t *testing.T, st *store.Store, city *City) {
	businesses := registry.NewBusinessStore(st)
	matches := func(q string) map[int64]bool {
		found := map[int64]bool{}
		err := businesses.Each(context.Background(), registry.BusinessFilter{Q: q}, func(b *registry.Business) error {
			found[b.ID] = true
			return nil
		})
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		return found
	}
	if n := int64(len(matches(cityShort))); n != city.Businesses {
		t.Errorf("%q finds %d businesses, want all %d", cityShort, n, city.Businesses)
	}
	var name string
	if err := st.DB().QueryRow(`SELECT name FROM businesses WHERE id = $1`, city.Demo.BusinessID).Scan(&name); err != nil {
		t.Fatal(err)
	}
	bigram := string([]rune(name)[len([]rune(name))-2:])
	if !matches(bigram)[city.Demo.BusinessID] {
		t.Errorf("%q does not find the demo business %s", bigram, name)
	}
}

// checkSequences: rows added after the demo get fresh ids (PostgreSQL identities were moved
// past the generated ids).
func checkSequences(t *testing.T, st *store.Store, city *City) {
	rollback := errors.New("rollback")
	err := st.Tx(context.Background(), func(tx *sql.Tx) error {
		var org, biz int64
		now := baseTime
		if err := tx.QueryRow(`INSERT INTO org_units (kind, code, name, created_at, updated_at) VALUES ('city', 'T', '测试', $1, $1) RETURNING id`, now).Scan(&org); err != nil {
			return err
		}
		if err := tx.QueryRow(`INSERT INTO businesses (uscc, name, category, address, district_id, station_id, lat, lng, created_at, updated_at)
			VALUES ('T', '测试', 'sales', '测试', $1, $2, 30.2, 120.1, $3, $3) RETURNING id`, city.Demo.DistrictID, city.Demo.StationID, now).Scan(&biz); err != nil {
			return err
		}
		if org <= city.OrgUnits || biz <= city.Businesses {
			t.Errorf("new org unit id %d, business id %d: want above %d and %d", org, biz, city.OrgUnits, city.Businesses)
		}
		return rollback
	})
	if !errors.Is(err, rollback) {
		t.Fatalf("insert after demo: %v", err)
	}
}
