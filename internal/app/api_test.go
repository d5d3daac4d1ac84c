package app

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/demo"
	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// demoApp wires the app over a small demo city on st and returns it with an API token of
// the city admin.
func demoApp(t testing.TB, st *store.Store) (*App, *demo.City, string) {
	t.Helper()
	ctx := context.Background()
	city, err := demo.Generate(ctx, st, demo.Options{Size: demo.SizeSmall, Seed: 1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := createDemoAccounts(ctx, st, city.Demo); err != nil {
		t.Fatal(err)
	}
	a, err := New(st)
	if err != nil {
		t.Fatal(err)
	}
	return a, city, tokenFor(t, st, "admin")
}

// tokenFor issues an hour-long API token for the account login.
func tokenFor(t testing.TB, st *store.Store, login string) string {
	t.Helper()
	ctx := context.Background()
	u, err := access.NewUsers(st).ByLogin(ctx, login)
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := access.NewTokens(st).Create(ctx, access.NewToken{UserID: u.ID, Name: "test", TTL: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	return token
}

type apiCall struct {
	name, method, path, body string
	token                    bool
	lang                     string
	status                   int
	contains                 []string
}

func TestRegistryAPIScenarios(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		a, city, token := demoApp(t, st)
		b, err := registry.NewBusinessStore(st).Get(context.Background(), city.Demo.BusinessID)
		if err != nil {
			t.Fatal(err)
		}
		good := b.Input()
		good.USCC = "91330100MA2H000000"
		good.USCC = good.USCC[:17] + string(mustCheck(t, good.USCC[:17]))
		good.LicenceNo = "JY23301009999999"
		badUSCC := good
		badUSCC.USCC = good.USCC[:17] + "Z"
		outside := good
		outside.Lat, outside.Lng = 40.0, 116.4
		calls := []apiCall{
			{"no credentials", "GET", "/api/v1/businesses", "", false, "", 401, nil},
			{"search", "GET", "/api/v1/businesses?q=" + b.Name, "", true, "", 200, []string{b.USCC}},
			{"bad filter", "GET", "/api/v1/businesses?expiry_before=2026-02-30", "", true, "", 400, []string{`"field":"expiry_before"`}},
			{"get", "GET", "/api/v1/businesses/" + itoa(b.ID), "", true, "", 200, []string{b.Name}},
			{"get missing", "GET", "/api/v1/businesses/99999999", "", true, "", 404, nil},
			{"create", "POST", "/api/v1/businesses", toJSON(t, good), true, "", 201, []string{good.USCC}},
			{"duplicate", "POST", "/api/v1/businesses", toJSON(t, good), true, "", 400, []string{`"rule":"duplicate"`}},
			{"bad uscc in Chinese", "POST", "/api/v1/businesses", toJSON(t, badUSCC), true, "", 400, []string{`"field":"uscc"`, "统一社会信用代码"}},
			{"bad uscc in English", "POST", "/api/v1/businesses", toJSON(t, badUSCC), true, "en", 400, []string{"USCC: contains a character"}},
			{"outside the district", "POST", "/api/v1/businesses", toJSON(t, outside), true, "", 400, []string{`"rule":"outside_district"`}},
			{"unknown field", "POST", "/api/v1/businesses", `{"colour":"red"}`, true, "", 400, []string{`"field":"colour"`}},
			{"close needs reason", "POST", "/api/v1/businesses/" + itoa(b.ID) + "/status", `{"status":"closed"}`, true, "", 400, []string{"closed_reason"}},
			{"oversize body", "POST", "/api/v1/businesses", `{"name":"` + strings.Repeat("x", MaxRequestBody) + `"}`, true, "", 413, nil},
			{"org tree", "GET", "/api/v1/org-units", "", true, "", 200, []string{city.Name}},
			{"people of the station", "GET", "/api/v1/people?org=" + itoa(city.Demo.StationID), "", true, "", 200, []string{`"total"`}},
			{"health", "GET", "/healthz", "", false, "", 200, []string{`"ok"`}},
			{"metrics", "GET", "/metrics", "", false, "", 200, []string{"shejian_http_request_duration_seconds"}},
		}
		for _, c := range calls {
			t.Run(c.name, func(t *testing.T) {
				r := httptest.NewRequest(c.method, c.path, strings.NewReader(c.body))
				if c.token {
					r.Header.Set("Authorization", "Bearer "+token)
				}
				if c.lang != "" {
					r.AddCookie(&http.Cookie{Name: "lang", Value: c.lang})
				}
				w := httptest.NewRecorder()
				a.Handler.ServeHTTP(w, r)
				body, _ := io.ReadAll(w.Body)
				if w.Code != c.status {
					t.Fatalf("status %d, want %d: %.300s", w.Code, c.status, body)
				}
				for _, want := range c.contains {
					if !bytes.Contains(body, []byte(want)) {
						t.Fatalf("body lacks %q: %.400s", want, body)
					}
				}
			})
		}
	})
}

func mustCheck(t *testing.T, first17 string) byte {
	c, ok := registry.USCCCheckChar(first17)
	if !ok {
		t.Fatalf("bad USCC body %q", first17)
	}
	return c
}

func toJSON(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
