package risk

import (
	"context"
	"fmt"
	"io"
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

// formWorld is a city seen through the risk pages behind the real access guard: a shop and
// a restaurant of one district, with the shop's operator, and a restaurant of another
// district, with a caller for each side.
type formWorld struct {
	t                           *testing.T
	st                          *store.Store
	city                        *testCity
	router                      *web.Router
	shop, restaurant, foreign   int64
	shopUSCC, foreignUSCC       string
	bureau, foreignBureau       caller
	operator, nobody, anonymous caller
}

// csrfToken is the session token the pages' forms must carry.
const csrfToken = "csrf-of-the-session"

func newFormWorld(t *testing.T, st *store.Store) *formWorld {
	w := &formWorld{t: t, st: st, city: mustCity(t, st), router: web.NewRouter(access.NewService(st).Guard)}
	other := mustCity(t, st)
	w.shop, w.shopUSCC = w.city.mustBusiness(t, "sales", "supermarket", 800, 3000)
	w.restaurant, _ = w.city.mustBusiness(t, "catering", "restaurant", 200, 0)
	w.foreign, w.foreignUSCC = other.mustBusiness(t, "catering", "restaurant", 200, 0)
	NewHandler(w.city.svc).Routes(w.router)
	staff := func(role access.Role, district int64) caller {
		return caller{&web.User{ID: 2, Login: string(role), Role: string(role), CSRFToken: csrfToken, Permits: access.RoleSet{role}.Can},
			access.Scope{Path: "/x/", DistrictID: district}}
	}
	w.bureau, w.foreignBureau = staff(access.RoleDistrictAdmin, w.city.district), staff(access.RoleDistrictAdmin, other.district)
	w.operator = staff(access.RoleBusinessOperator, 0)
	w.operator.scope = access.Scope{Path: "/x/", BusinessID: w.shop}
	w.nobody = staff(access.RoleCoordinator, w.city.district) // holds no risk permission at all
	w.anonymous = caller{nil, access.ScopeFrom(t.Context())}
	return w
}

// request runs method path with body of contentType as c in lang.
func (w *formWorld) request(c caller, lang i18n.Lang, method, path, contentType string, body io.Reader) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, path, body)
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	ctx := web.WithLang(access.WithScope(web.WithUser(r.Context(), c.user), c.scope), lang)
	rec := httptest.NewRecorder()
	w.router.ServeHTTP(rec, r.WithContext(ctx))
	return rec
}

// written is what the risk tables hold: every business's recorded factors and latest grade,
// and how many grades and events are kept, to tell that a refused request wrote nothing.
func (w *formWorld) written() string {
	w.t.Helper()
	var out strings.Builder
	for _, q := range []string{`SELECT business_id, factors FROM risk_static_factors ORDER BY business_id`,
		`SELECT business_id, grade FROM risk_grades_current ORDER BY business_id`,
		`SELECT COUNT(*) FROM risk_grades`, `SELECT COUNT(*) FROM risk_events`} {
		rows, err := w.st.ReadDB().QueryContext(context.Background(), q)
		if err != nil {
			w.t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			cells, dest := make([]any, len(cols)), make([]any, len(cols))
			for i := range cells {
				dest[i] = &cells[i]
			}
			if err := rows.Scan(dest...); err != nil {
				w.t.Fatal(err)
			}
			fmt.Fprintf(&out, "%v;", cells)
		}
		if err := rows.Close(); err != nil {
			w.t.Fatal(err)
		}
		out.WriteString("\n")
	}
	return out.String()
}

// formCase is one request of a form scenario: who sends it, in which language, and what
// comes back: the status with texts of the body, or for a redirect the start of its target.
// saves says whether it may write; any other request must leave the risk tables as they were.
type formCase struct {
	name         string
	who          caller
	lang         i18n.Lang
	method, path string
	contentType  string
	body         string
	status       int
	want, absent []string
	saves        bool
}

// run sends each case in order and checks its answer and that only a case that saves wrote.
func (w *formWorld) run(cases []formCase) {
	for _, tt := range cases {
		w.t.Run(tt.name, func(t *testing.T) {
			before := w.written()
			lang := tt.lang
			if lang == "" {
				lang = i18n.Chinese
			}
			rec := w.request(tt.who, lang, tt.method, tt.path, tt.contentType, strings.NewReader(tt.body))
			got := rec.Body.String()
			if rec.Code == http.StatusSeeOther {
				got = rec.Header().Get("Location")
			}
			if rec.Code != tt.status {
				t.Fatalf("%s %s = %d (%s); want %d: %.1500s", tt.method, tt.path, rec.Code, rec.Header().Get("Location"), tt.status, rec.Body)
			}
			for _, s := range tt.want {
				if !strings.Contains(got, s) {
					t.Errorf("%s %s: answer lacks %q: %.3000s", tt.method, tt.path, s, got)
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(got, s) {
					t.Errorf("%s %s: answer has %q", tt.method, tt.path, s)
				}
			}
			if after := w.written(); !tt.saves && after != before {
				t.Errorf("a refused request changed the risk tables:\nbefore %s\nafter  %s", before, after)
			} else if tt.saves && after == before {
				t.Errorf("a request that saves left the risk tables as they were:\n%s", after)
			}
		})
	}
}

// posted is a form body of kv pairs.
func posted(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v.Encode()
}

// itoa is the path segment of an id.
func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// errorOf is the field error span a page shows beside field, in Chinese.
func errorOf(field, rule string, params map[string]any) string {
	return `id="` + field + `-error">` + i18n.T(i18n.Chinese, "rule."+rule, params)
}
