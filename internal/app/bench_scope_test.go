package app

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/store"
)

// BenchmarkSearchScope measures what jurisdiction scopes cost a registry search through
// the whole stack (token, account and scope lookup, narrowing, JSON): the same search for
// one district, asked by the city admin naming the district and by that district's admin,
// whose scope names it. The city is the one in SHEJIAN_BENCH_DB (see the registry's write
// benchmark); two bench accounts are added to it.
//
//	SHEJIAN_BENCH_DB=sqlite:/tmp/province.db go test -run - -bench SearchScope -benchtime 400x ./internal/app
func BenchmarkSearchScope(b *testing.B) {
	dsn := os.Getenv("SHEJIAN_BENCH_DB")
	if dsn == "" {
		b.Skip("set SHEJIAN_BENCH_DB to a database with a generated city to run this benchmark")
	}
	ctx := context.Background()
	st, err := store.OpenAndMigrate(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	a, err := New(st)
	if err != nil {
		b.Fatal(err)
	}
	var city, district int64
	if err := st.ReadDB().QueryRowContext(ctx, `SELECT (SELECT min(id) FROM org_units WHERE kind = 'city'),
		(SELECT min(id) FROM org_units WHERE kind = 'district')`).Scan(&city, &district); err != nil {
		b.Fatal(err)
	}
	tokens := map[access.Role]string{
		access.RoleCityAdmin:     benchToken(b, a, "bench-city", access.RoleCityAdmin, city),
		access.RoleDistrictAdmin: benchToken(b, a, "bench-district", access.RoleDistrictAdmin, district),
	}
	term := "餐饮"
	for _, c := range []struct{ name, role, query string }{
		{"filter/unscoped", "city_admin", fmt.Sprintf("district=%d&category=catering&status=open", district)},
		{"filter/scoped", "district_admin", "category=catering&status=open"},
		{"chinese/unscoped", "city_admin", fmt.Sprintf("district=%d&q=%s", district, term)},
		{"chinese/scoped", "district_admin", "q=" + term},
	} {
		b.Run(c.name, func(b *testing.B) {
			lat := make([]time.Duration, 0, b.N)
			for b.Loop() {
				r := httptest.NewRequest("GET", "/api/v1/businesses?"+c.query, nil)
				r.Header.Set("Authorization", "Bearer "+tokens[access.Role(c.role)])
				w := httptest.NewRecorder()
				start := time.Now()
				a.Handler.ServeHTTP(w, r)
				lat = append(lat, time.Since(start))
				if w.Code != http.StatusOK {
					b.Fatalf("%s: %d %s", c.query, w.Code, w.Body)
				}
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
		})
	}
}

// benchToken returns a token of the bench account login, creating the account if needed.
func benchToken(b *testing.B, a *App, login string, role access.Role, org int64) string {
	ctx := context.Background()
	u, err := a.Access.Users.ByLogin(ctx, login)
	if err != nil {
		if u, err = a.Access.Users.Create(ctx, access.NewUser{Login: login, DisplayName: login, Role: role, OrgUnitID: org,
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
