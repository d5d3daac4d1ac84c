package app

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/store"
)

// BenchmarkSearchScope measures what jurisdiction scopes cost a registry search through
// the whole stack (token, account and scope lookup, narrowing, JSON). For each of a sample
// of businesses it asks the same search of the business's district twice, interleaved: as
// the city admin naming the district, and as that district's admin, whose scope names it,
// after one pass over the sample to warm the cache.
// The city is the one in SHEJIAN_BENCH_DB; bench accounts are added to it.
//
//	SHEJIAN_BENCH_DB=sqlite:/tmp/province.db go test -run - -bench SearchScope -benchtime 1x ./internal/app
func BenchmarkSearchScope(b *testing.B) {
	ctx := context.Background()
	a := benchApp(b)
	st := a.Store
	sample, err := sampleBusinesses(ctx, st, 300, 1)
	if err != nil {
		b.Fatal(err)
	}
	var city int64
	if err := st.ReadDB().QueryRowContext(ctx, `SELECT min(id) FROM org_units WHERE kind = 'city'`).Scan(&city); err != nil {
		b.Fatal(err)
	}
	admin := benchToken(b, a, "bench-city", access.RoleCityAdmin, city)
	districtAdmins := map[int64]string{}
	lat := map[string][]time.Duration{}
	get := func(series, token string, query url.Values) {
		r := httptest.NewRequest("GET", "/api/v1/businesses?"+query.Encode(), nil)
		r.Header.Set("Authorization", "Bearer "+token)
		w := httptest.NewRecorder()
		start := time.Now()
		a.Handler.ServeHTTP(w, r)
		lat[series] = append(lat[series], time.Since(start))
		if w.Code != http.StatusOK {
			b.Fatalf("%s: %d %s", query.Encode(), w.Code, w.Body)
		}
	}
	pass := func() {
		for i, biz := range sample {
			district := districtAdmins[biz.DistrictID]
			if district == "" {
				district = benchToken(b, a, fmt.Sprintf("bench-district-%d", biz.DistrictID), access.RoleDistrictAdmin, biz.DistrictID)
				districtAdmins[biz.DistrictID] = district
			}
			d := fmt.Sprint(biz.DistrictID)
			scoped := map[string]url.Values{
				"filter":  {"category": {string(biz.Category)}, "status": {"open"}},
				"chinese": {"q": {hanSubstring(biz.Name)}},
			}
			for kind, q := range scoped {
				unscoped := url.Values{"district": {d}}
				for k, v := range q {
					unscoped[k] = v
				}
				// Alternate which goes first: the second finds the pages the first read.
				if i%2 == 0 {
					get(kind+"-scoped", district, q)
					get(kind+"-unscoped", admin, unscoped)
				} else {
					get(kind+"-unscoped", admin, unscoped)
					get(kind+"-scoped", district, q)
				}
			}
		}
	}
	pass() // warm the cache and create the accounts
	clear(lat)
	for b.Loop() {
		pass()
	}
	reportPercentiles(b, lat)
}

// reportPercentiles reports the p50 and p99 of each series of latencies in microseconds.
func reportPercentiles(b *testing.B, lat map[string][]time.Duration) {
	for series, l := range lat {
		slices.Sort(l)
		b.ReportMetric(float64(percentile(l, 50).Microseconds()), series+"-p50-µs")
		b.ReportMetric(float64(percentile(l, 99).Microseconds()), series+"-p99-µs")
	}
}

// benchToken returns a token of the bench account login, creating the account if needed.
func benchToken(b *testing.B, a *App, login string, role access.Role, org int64) string {
	ctx := context.Background()
	u, err := a.Access.Users.ByLogin(ctx, login)
	if err != nil {
		if u, err = a.Access.Users.Create(ctx, access.NewUser{Login: login, DisplayName: login, Roles: access.RoleSet{role}, OrgUnitID: org,
			Password: "bench-password-1"}); err != nil {
			b.Fatal(err)
		}
	}
	secret, _, err := a.Access.Tokens.Create(ctx, access.NewToken{UserID: u.ID, Name: "bench", TTL: time.Hour})
	if err != nil {
		b.Fatal(err)
	}
	return secret
}

// benchApp is the app over the city in SHEJIAN_BENCH_DB, closed when b ends; b is skipped
// when the variable is unset.
func benchApp(b *testing.B) *App {
	dsn := os.Getenv("SHEJIAN_BENCH_DB")
	if dsn == "" {
		b.Skip("set SHEJIAN_BENCH_DB to a database with a generated city to run this benchmark")
	}
	st, err := store.OpenAndMigrate(context.Background(), dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	a, err := New(st)
	if err != nil {
		b.Fatal(err)
	}
	return a
}
