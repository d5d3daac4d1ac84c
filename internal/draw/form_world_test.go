package draw

import (
	"context"
	"fmt"
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
	"github.com/shejian/shejian/internal/web/webtest"
)

// formWorld is the city fixture seen through the pages' routes behind the real access
// guard, with a caller for each side: the admin of district D1 (who manages its draws), the
// admin of D2, a station inspector of D1 (who reads draws but may not manage them) and the
// public. Two enforcement officers are not yet admitted: one of station S11, one of S21.
type formWorld struct {
	*cityFixture
	t                        *testing.T
	router                   *web.Router
	d1, d2, reader, public   webtest.Caller
	newcomer, foreignOfficer int64
}

// csrfToken is the session token the pages' forms must carry.
const csrfToken = webtest.CSRFToken

func newFormWorld(t *testing.T, st *store.Store) *formWorld {
	t.Helper()
	w := &formWorld{cityFixture: newCityFixture(t, st), t: t, router: web.NewRouter(access.NewService(st).Guard)}
	NewHandler(w.draws).Routes(w.router)
	if err := w.draws.SaveItem(context.Background(), w.city, InspectionItem{ID: "I-01", Name: "餐饮服务日常监督检查", Basis: "食品生产经营监督检查管理办法 第二十条", RatioPercent: 20, Frequency: "每年1次"}); err != nil {
		t.Fatal(err)
	}
	staff := func(role access.Role, path string, district, station int64) webtest.Caller {
		return webtest.Staff(role, access.Scope{Path: path, DistrictID: district, StationID: station})
	}
	w.d1 = staff(access.RoleDistrictAdmin, fmt.Sprintf("/%d/%d/", w.city, w.districts[0]), w.districts[0], 0)
	w.d2 = staff(access.RoleDistrictAdmin, fmt.Sprintf("/%d/%d/", w.city, w.districts[1]), w.districts[1], 0)
	w.reader = staff(access.RoleStationInspector, fmt.Sprintf("/%d/%d/%d/", w.city, w.districts[0], w.stations[0]), w.districts[0], w.stations[0])
	w.public = webtest.Caller{}
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
func (w *formWorld) state(tb testing.TB) string {
	tb.Helper()
	return webtest.Rows(tb, w.st.ReadDB(), stateQueries...)
}

// formCase is one request of a form scenario: who sends it, in which language, and what
// comes back: the status with texts of the body, or for a redirect the start of its target.
type formCase struct {
	name         string
	who          webtest.Caller
	lang         i18n.Lang
	method, path string
	form         url.Values
	status       int
	want, absent []string
}

// run sends each case in order and checks its answer; a POST not saved (redirected with a
// draw flash) must leave every row a draw form writes as it was, and a page it answers shows
// no untranslated key.
func (w *formWorld) run(cases []formCase) {
	w.t.Helper()
	forms := webtest.Forms{Router: w.router, Written: w.state, Saved: func(location string) bool {
		return strings.Contains(location, "flash=draw.flash.")
	}, Check: func(t *testing.T, c webtest.Case, answer *httptest.ResponseRecorder, got string) {
		if key := untranslated.FindString(got); answer.Code < 300 && key != "" {
			t.Errorf("%s %s shows the untranslated key %s", c.Method, c.Path, key)
		}
	}}
	for _, tt := range cases {
		forms.Run(w.t, webtest.Case{Name: tt.name, Request: webtest.Request{Who: tt.who, Lang: tt.lang, Method: tt.method, Path: tt.path, Form: tt.form},
			Status: tt.status, Want: tt.want, Absent: tt.absent})
	}
}

// errorOf is the field error span a page shows with id, in Chinese.
var errorOf = webtest.FieldError

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
