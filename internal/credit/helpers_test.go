package credit

import (
	"context"
	"fmt"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/rules"
	"github.com/shejian/shejian/internal/store"
)

// day parses a civil date of a test.
func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// mustPolicy loads the embedded default rules in force on the day s.
func mustPolicy(tb testing.TB, s string) *Policy {
	tb.Helper()
	book, err := rules.Defaults()
	if err != nil {
		tb.Fatal(err)
	}
	p, err := LoadPolicy(context.Background(), book, day(s))
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// seq numbers the org units and USCCs of test cities.
var seq atomic.Int64

// testCity is a store with one district and station; two over one store are two districts.
type testCity struct {
	st                *store.Store
	svc               *Service
	district, station int64
}

// mustCity returns a city whose service lives on the China day today.
func mustCity(tb testing.TB, st *store.Store, today string) *testCity {
	tb.Helper()
	book, err := rules.New(st)
	if err != nil {
		tb.Fatal(err)
	}
	svc := NewService(st, book, calendar.Default())
	svc.now = func() time.Time { return day(today).Add(10 * time.Hour) }
	c := &testCity{st: st, svc: svc}
	ctx, now := context.Background(), time.Now().UTC()
	code := strconv.FormatInt(seq.Add(1), 10)
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

// mustBusiness registers a restaurant and returns its id and USCC.
func (c *testCity) mustBusiness(tb testing.TB) (int64, string) {
	tb.Helper()
	uscc := fmt.Sprintf("91330100MA%08d", seq.Add(1))
	var id int64
	now := time.Now().UTC()
	err := c.st.DB().QueryRowContext(context.Background(), `INSERT INTO businesses (uscc, name, category, kind, address,
			district_id, station_id, lat, lng, created_at, updated_at)
			VALUES ($1, $2, 'catering', 'restaurant', '测试路1号', $3, $4, 30, 120, $5, $5) RETURNING id`,
		uscc, "测试餐馆"+uscc, c.district, c.station, now).Scan(&id)
	if err != nil {
		tb.Fatalf("create business: %v", err)
	}
	return id, uscc
}

// districtCtx is the context of a district admin of c.
func (c *testCity) districtCtx() context.Context {
	return access.WithScope(context.Background(), access.Scope{Path: "/x/", DistrictID: c.district})
}

// operatorCtx is the context of the operator of business id.
func operatorCtx(id int64) context.Context {
	return access.WithScope(context.Background(), access.Scope{Path: "/x/", BusinessID: id})
}

// penalty is the input of a penalty of business id with a fine of yuan, decided on s.
func penalty(id int64, doc, s string, yuan float64, measures ...Measure) RecordInput {
	if len(measures) == 0 {
		measures = []Measure{MeasureFine}
	}
	return RecordInput{BusinessID: id, Kind: KindPenalty, DocumentNumber: doc, DecidedOn: s, Violation: "经营超过保质期的食品",
		Measures: measures, FineYuan: yuan}
}

// mustAdd enters in and returns the record.
func (c *testCity) mustAdd(tb testing.TB, ctx context.Context, in RecordInput) Record {
	tb.Helper()
	r, err := c.svc.AddRecord(ctx, in)
	if err != nil {
		tb.Fatalf("add %+v: %v", in, err)
	}
	return r
}

// mustAct applies action on s to record id.
func (c *testCity) mustAct(tb testing.TB, ctx context.Context, id int64, action, s string) Record {
	tb.Helper()
	r, err := c.svc.Act(ctx, id, action, ActionInput{On: s, Reason: "测试"})
	if err != nil {
		tb.Fatalf("%s record %d: %v", action, id, err)
	}
	return r
}
