package enforce

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/journal"
	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/rules"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/web"
)

// signedDay is a Thursday before the Mid-Autumn (25–27 Sep) and National Day (1–7 Oct)
// holidays of 2026, with Saturday 10 Oct a make-up workday.
var signedDay = time.Date(2026, 9, 24, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

// enforceCity is a city of two districts: D1 with stations S11 and S12, D2 with S21; a shop
// in S11, one in S12 and one in S21.
type enforceCity struct {
	st       *store.Store
	svc      *Service
	disp     *journal.Dispatcher
	paths    map[int64]string
	district []int64 // D1, D2
	station  []int64 // S11, S12, S21
	shop     []int64 // in S11, S12, S21
}

func newEnforceCity(t *testing.T, st *store.Store) *enforceCity {
	t.Helper()
	book, err := rules.New(st)
	if err != nil {
		t.Fatal(err)
	}
	c := &enforceCity{st: st, svc: NewService(st, book, calendar.Default()), paths: map[int64]string{}}
	c.setToday(signedDay)
	c.disp = journal.NewDispatcher(st, journal.Options{})
	c.svc.Subscribe(c.disp)
	orgs := registry.NewOrgStore(st)
	unit := func(parent *int64, kind registry.OrgKind, code string) int64 {
		o, err := orgs.Create(context.Background(), registry.OrgUnitInput{ParentID: parent, Kind: kind, Code: code, Name: "单位" + code, Township: "镇" + code})
		if err != nil {
			t.Fatalf("org unit %s: %v", code, err)
		}
		c.paths[o.ID] = o.Path
		return o.ID
	}
	city := unit(nil, registry.OrgCity, "C")
	c.district = []int64{unit(&city, registry.OrgDistrict, "D1"), unit(&city, registry.OrgDistrict, "D2")}
	c.station = []int64{unit(&c.district[0], registry.OrgStation, "S11"), unit(&c.district[0], registry.OrgStation, "S12"),
		unit(&c.district[1], registry.OrgStation, "S21")}
	for i, s := range c.station {
		c.shop = append(c.shop, mustBusiness(t, st, c.districtOf(i), s, fmt.Sprint(i)))
	}
	return c
}

func (c *enforceCity) districtOf(station int) int64 {
	return c.district[map[int]int{0: 0, 1: 0, 2: 1}[station]]
}

// setToday moves the service's clock to t.
func (c *enforceCity) setToday(t time.Time) { c.svc.now = func() time.Time { return t } }

func mustBusiness(t *testing.T, st *store.Store, district, station int64, n string) int64 {
	t.Helper()
	var id int64
	now := time.Now().UTC()
	err := st.DB().QueryRowContext(context.Background(), `INSERT INTO businesses (uscc, name, category, address, district_id,
		station_id, lat, lng, status, created_at, updated_at)
		VALUES ($1, $2, 'catering', '解放路', $3, $4, 30.25, 120.15, 'open', $5, $5) RETURNING id`,
		"91330102000000000"+n, "饭店"+n, district, station, now).Scan(&id)
	if err != nil {
		t.Fatalf("business %s: %v", n, err)
	}
	return id
}

// signed is the "inspect.signed" payload of inspection uuid of shop i, as the inspection
// package writes it.
func (c *enforceCity) signed(uuid string, shop int, key, general []string) map[string]any {
	return map[string]any{"uuid": uuid, "business_id": c.shop[shop], "district_id": c.districtOf(shop),
		"station_id": c.station[shop], "source": "ad_hoc", "kind": "daily", "date": "2026-09-24", "outcome": "basically_compliant",
		"key_failures": key, "general_failures": general, "template_id": 1, "template_version": 1, "sector": "catering",
		"inspectors": []int64{1, 2}, "evidence": []any{}}
}

// deliver appends payload under "inspect.signed" and drains the journal once.
func (c *enforceCity) deliver(t *testing.T, payload map[string]any) {
	t.Helper()
	ctx := context.Background()
	err := c.st.Tx(ctx, func(tx *sql.Tx) error {
		_, err := journal.Append(ctx, tx, journal.Entry{Topic: topicInspectionSigned, Key: fmt.Sprint(payload["uuid"]), Payload: payload})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	c.drain(t)
}

func (c *enforceCity) drain(t *testing.T) {
	t.Helper()
	if _, err := c.disp.DrainOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	var lastError string
	err := c.st.DB().QueryRowContext(context.Background(), `SELECT last_error FROM journal_deliveries
		WHERE subscriber = $1 AND status <> 'delivered' LIMIT 1`, subscriberName).Scan(&lastError)
	if !errors.Is(err, sql.ErrNoRows) {
		t.Fatalf("a delivery is not done: %q, %v", lastError, err)
	}
}

// as is the context of a request by login with scope; approver adds the approve permission.
func as(login string, scope access.Scope, approver bool) context.Context {
	ctx := audit.WithActor(context.Background(), audit.Actor{UserID: 7, Login: login, Role: "test"})
	permits := func(a web.Access) bool { return approver || a != PermApprove }
	ctx = web.WithUser(ctx, &web.User{ID: 7, Login: login, Permits: permits})
	return access.WithScope(ctx, scope)
}

// officer is an inspector of station i; head the approving head of station i.
func (c *enforceCity) officer(i int) context.Context {
	return as("officer", access.Scope{Path: c.paths[c.station[i]], DistrictID: c.districtOf(i), StationID: c.station[i]}, false)
}

func (c *enforceCity) head(i int) context.Context {
	return as("head", access.Scope{Path: c.paths[c.station[i]], DistrictID: c.districtOf(i), StationID: c.station[i]}, true)
}

func (c *enforceCity) districtAdmin(d int) context.Context {
	return as("district", access.Scope{Path: c.paths[c.district[d]], DistrictID: c.district[d]}, true)
}

func (c *enforceCity) operator(shop int) context.Context {
	return as("operator", access.Scope{Path: "/none/", BusinessID: c.shop[shop]}, false)
}

// day parses a YYYY-MM-DD in tests.
func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// codeOf is the apperr code and key of err.
func codeOf(err error) string {
	e := apperr.From(err)
	return string(e.Code) + " " + e.Key
}

// countRows counts the rows of a query.
func countRows(t *testing.T, st *store.Store, q string, args ...any) int {
	t.Helper()
	var n int
	if err := st.DB().QueryRowContext(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
