package credit

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/web"
)

// formWorld is a city seen through the pages' routes behind the real access guard: two
// businesses of one district (shop, with its operator, and neighbour) and one of another
// district, with a caller for each side.
type formWorld struct {
	t                                    *testing.T
	st                                   *store.Store
	city                                 *testCity
	router                               *web.Router
	shop, neighbour, foreign             int64
	bureau, foreignBureau, operator      caller
	neighbourOperator, anonymous, nobody caller
}

// csrfToken is the session token the pages' forms must carry.
const csrfToken = "csrf-of-the-session"

func newFormWorld(t *testing.T, st *store.Store) *formWorld {
	w := &formWorld{t: t, st: st, city: mustCity(t, st, "2026-06-01"), router: web.NewRouter(access.NewService(st).Guard)}
	other := mustCity(t, st, "2026-06-01")
	w.shop, _ = w.city.mustBusiness(t)
	w.neighbour, _ = w.city.mustBusiness(t)
	w.foreign, _ = other.mustBusiness(t)
	NewHandler(w.city.svc).Routes(w.router)
	staff := func(role access.Role, district int64) caller {
		return caller{&web.User{ID: 2, Login: string(role), Role: string(role), CSRFToken: csrfToken, Permits: access.RoleSet{role}.Can},
			access.Scope{Path: "/x/", DistrictID: district}}
	}
	operatorOf := func(business int64) caller {
		c := staff(access.RoleBusinessOperator, 0)
		c.scope = access.Scope{Path: "/x/", BusinessID: business}
		return c
	}
	w.bureau, w.foreignBureau = staff(access.RoleDistrictAdmin, w.city.district), staff(access.RoleDistrictAdmin, other.district)
	w.operator, w.neighbourOperator = operatorOf(w.shop), operatorOf(w.neighbour)
	w.nobody = staff(access.RoleCoordinator, w.city.district) // holds no credit permission at all
	w.anonymous = caller{nil, access.ScopeFrom(t.Context())}
	return w
}

// request runs method path with the posted form (nil for none) as c in lang.
func (w *formWorld) request(c caller, lang i18n.Lang, method, path string, form url.Values) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, path, strings.NewReader(form.Encode()))
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	ctx := web.WithLang(access.WithScope(web.WithUser(r.Context(), c.user), c.scope), lang)
	rec := httptest.NewRecorder()
	w.router.ServeHTTP(rec, r.WithContext(ctx))
	return rec
}

// files is the state of every credit record and repair request of the world's businesses,
// to tell that a refused form wrote nothing.
func (w *formWorld) files() string {
	w.t.Helper()
	ctx, db := context.Background(), w.st.ReadDB()
	var all []any
	for _, b := range []int64{w.shop, w.neighbour, w.foreign} {
		records, err := recordsOf(ctx, db, b)
		if err != nil {
			w.t.Fatal(err)
		}
		repairs, err := repairsOf(ctx, db, b)
		if err != nil {
			w.t.Fatal(err)
		}
		all = append(all, records, repairs)
	}
	out, err := json.Marshal(all)
	if err != nil {
		w.t.Fatal(err)
	}
	return string(out)
}

// formCase is one request of a form scenario: who sends it, in which language, and what
// comes back: the status with texts of the body, or for a redirect the start of its target.
type formCase struct {
	name         string
	who          caller
	lang         i18n.Lang
	method, path string
	form         url.Values
	status       int
	want, absent []string
}

// run sends each case in order and checks its answer; a form not saved (redirected with the
// "saved" flash) must leave every credit record and repair request as it was.
func (w *formWorld) run(cases []formCase) {
	for _, tt := range cases {
		w.t.Run(tt.name, func(t *testing.T) {
			before := w.files()
			lang := tt.lang
			if lang == "" {
				lang = i18n.Chinese
			}
			rec := w.request(tt.who, lang, tt.method, tt.path, tt.form)
			got := rec.Body.String()
			if rec.Code == http.StatusSeeOther {
				got = rec.Header().Get("Location")
			}
			if rec.Code != tt.status {
				t.Fatalf("%s %s = %d (%s); want %d: %.800s", tt.method, tt.path, rec.Code, rec.Header().Get("Location"), tt.status, rec.Body)
			}
			for _, s := range tt.want {
				if !strings.Contains(got, s) {
					t.Errorf("%s %s: answer lacks %q: %.1500s", tt.method, tt.path, s, got)
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(got, s) {
					t.Errorf("%s %s: answer has %q", tt.method, tt.path, s)
				}
			}
			saved := strings.HasSuffix(rec.Header().Get("Location"), "?flash=credit.saved")
			if after := w.files(); tt.method == http.MethodPost && !saved && after != before {
				t.Errorf("a refused form changed the credit files:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// itoa is the path segment of an id.
func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// errorOf is the field error span a page shows beside field, in Chinese.
func errorOf(field, rule string, params map[string]any) string {
	return `id="` + field + `-error">` + i18n.T(i18n.Chinese, "rule."+rule, params)
}
