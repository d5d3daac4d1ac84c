package draw

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/web"
)

// formWorld is the city fixture seen through the pages' routes behind the real access
// guard, with a caller for each side: the admin of district D1 (who manages its draws), the
// admin of D2, a station inspector of D1 (who reads draws but may not manage them) and the
// public. Two enforcement officers are not yet admitted: one of station S11, one of S21.
type formWorld struct {
	*cityFixture
	t                        *testing.T
	router                   *web.Router
	d1, d2, reader, public   formCaller
	newcomer, foreignOfficer int64
}

// formCaller is who sends a request: the signed-in user (nil for the public) and its scope.
type formCaller struct {
	user  *web.User
	scope access.Scope
}

// csrfToken is the session token the pages' forms must carry.
const csrfToken = "csrf-of-the-session"

func newFormWorld(t *testing.T, st *store.Store) *formWorld {
	t.Helper()
	w := &formWorld{cityFixture: newCityFixture(t, st), t: t, router: web.NewRouter(access.NewService(st).Guard)}
	NewHandler(w.draws).Routes(w.router)
	if err := w.draws.SaveItem(context.Background(), w.city, InspectionItem{ID: "I-01", Name: "餐饮服务日常监督检查", Basis: "食品生产经营监督检查管理办法 第二十条", RatioPercent: 20, Frequency: "每年1次"}); err != nil {
		t.Fatal(err)
	}
	staff := func(role access.Role, path string, district, station int64) formCaller {
		return formCaller{&web.User{ID: 2, Login: string(role), Role: string(role), CSRFToken: csrfToken, Permits: access.RoleSet{role}.Can},
			access.Scope{Path: path, DistrictID: district, StationID: station}}
	}
	w.d1 = staff(access.RoleDistrictAdmin, fmt.Sprintf("/%d/%d/", w.city, w.districts[0]), w.districts[0], 0)
	w.d2 = staff(access.RoleDistrictAdmin, fmt.Sprintf("/%d/%d/", w.city, w.districts[1]), w.districts[1], 0)
	w.reader = staff(access.RoleStationInspector, fmt.Sprintf("/%d/%d/%d/", w.city, w.districts[0], w.stations[0]), w.districts[0], w.stations[0])
	w.public = formCaller{nil, access.Scope{}}
	w.newcomer = w.officer("新来的执法人员", w.stations[0])
	w.foreignOfficer = w.officer("邻区的执法人员", w.stations[2])
	return w
}

// officer adds an active enforcement officer of unit, not admitted to the directory.
func (w *formWorld) officer(name string, unit int64) int64 {
	w.t.Helper()
	p, err := registry.NewPersonStore(w.st).Create(context.Background(), registry.PersonInput{OrgUnitID: unit, Name: name, RoleKind: registry.RoleEnforcement})
	if err != nil {
		w.t.Fatal(err)
	}
	return p.ID
}

// uscc reads the USCC of business id.
func (w *formWorld) uscc(id int64) string {
	w.t.Helper()
	_, uscc, err := w.draws.businessNamed(context.Background(), id)
	if err != nil {
		w.t.Fatal(err)
	}
	return uscc
}

// request sends method path with the posted form (nil for none) as c in lang.
func (w *formWorld) request(c formCaller, lang i18n.Lang, method, path string, form url.Values) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, path, strings.NewReader(form.Encode()))
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	ctx := web.WithLang(access.WithScope(web.WithUser(r.Context(), c.user), c.scope), lang)
	rec := httptest.NewRecorder()
	w.router.ServeHTTP(rec, r.WithContext(ctx))
	return rec
}

// stateQueries read every row a draw form may write.
var stateQueries = []string{
	`SELECT org_unit_id, code, name, basis, ratio_percent, frequency FROM draw_items ORDER BY org_unit_id, code`,
	`SELECT person_id FROM draw_inspectors ORDER BY person_id`,
	`SELECT person_id, business_id, reason FROM draw_conflicts ORDER BY person_id, business_id`,
	`SELECT business_id, credit_class FROM draw_credit_classes ORDER BY business_id`,
	`SELECT id, code, status, beacon, published_at IS NULL FROM draw_tasks ORDER BY id`,
	`SELECT COUNT(*) FROM draw_assignments`,
}

// state is every row a draw form may write, to tell that a refused form wrote nothing.
func (w *formWorld) state() string {
	w.t.Helper()
	var b strings.Builder
	for _, q := range stateQueries {
		rows, err := w.st.ReadDB().QueryContext(context.Background(), q)
		if err != nil {
			w.t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				w.t.Fatal(err)
			}
			fmt.Fprintln(&b, vals...)
		}
		if err := rows.Close(); err != nil {
			w.t.Fatal(err)
		}
	}
	return b.String()
}

// formCase is one request of a form scenario: who sends it, in which language, and what
// comes back: the status with texts of the body, or for a redirect the start of its target.
type formCase struct {
	name         string
	who          formCaller
	lang         i18n.Lang
	method, path string
	form         url.Values
	status       int
	want, absent []string
}

// run sends each case in order and checks its answer; a POST not saved (redirected with a
// draw flash) must leave every row a draw form writes as it was.
func (w *formWorld) run(cases []formCase) {
	w.t.Helper()
	for _, tt := range cases {
		w.t.Run(tt.name, func(t *testing.T) {
			before := w.state()
			rec := w.request(tt.who, cmpLang(tt.lang), tt.method, tt.path, tt.form)
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
			saved := strings.Contains(rec.Header().Get("Location"), "?flash=draw.flash.")
			if after := w.state(); tt.method == http.MethodPost && !saved && after != before {
				t.Errorf("a refused form changed the draw's rows:\nbefore %s\nafter  %s", before, after)
			}
			if key := untranslated.FindString(got); rec.Code < 300 && key != "" {
				t.Errorf("%s %s shows the untranslated key %s", tt.method, tt.path, key)
			}
		})
	}
}

func cmpLang(l i18n.Lang) i18n.Lang {
	if l == "" {
		return i18n.Chinese
	}
	return l
}

// errorOf is the field error span a page shows with id, in Chinese.
func errorOf(id, rule string, params map[string]any) string {
	return `id="` + id + `-error">` + i18n.T(i18n.Chinese, "rule."+rule, params)
}

// itoa is the path segment of an id.
func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// with is form with the fields of kv (field, value, …) set; a value "" removes the field.
func with(form url.Values, kv ...string) url.Values {
	out := url.Values{}
	for k, v := range form {
		out[k] = append([]string(nil), v...)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			out.Del(kv[i])
		} else {
			out.Set(kv[i], kv[i+1])
		}
	}
	return out
}

// loginPage is where the public is sent by a form it may not use.
const loginPage = "/login"
