package risk

import (
	"net/url"
	"strconv"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/web"
	"github.com/shejian/shejian/internal/web/webtest"
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
const csrfToken = webtest.CSRFToken

func newFormWorld(t *testing.T, st *store.Store) *formWorld {
	w := &formWorld{t: t, st: st, city: mustCity(t, st), router: web.NewRouter(access.NewService(st).Guard)}
	other := mustCity(t, st)
	w.shop, w.shopUSCC = w.city.mustBusiness(t, "sales", "supermarket", 800, 3000)
	w.restaurant, _ = w.city.mustBusiness(t, "catering", "restaurant", 200, 0)
	w.foreign, w.foreignUSCC = other.mustBusiness(t, "catering", "restaurant", 200, 0)
	NewHandler(w.city.svc).Routes(w.router)
	staff := func(role access.Role, scope access.Scope) caller {
		c := webtest.Staff(role, scope)
		return caller{c.User, c.Scope}
	}
	district := func(id int64) access.Scope { return access.Scope{Path: "/x/", DistrictID: id} }
	w.bureau, w.foreignBureau = staff(access.RoleDistrictAdmin, district(w.city.district)), staff(access.RoleDistrictAdmin, district(other.district))
	w.operator = staff(access.RoleBusinessOperator, access.Scope{Path: "/x/", BusinessID: w.shop})
	w.nobody = staff(access.RoleCoordinator, district(w.city.district)) // holds no risk permission at all
	w.anonymous = caller{nil, access.ScopeFrom(t.Context())}
	return w
}

// written is what the risk tables hold: every business's recorded factors and latest grade,
// and how many grades and events are kept, to tell that a refused request wrote nothing.
func (w *formWorld) written(tb testing.TB) string {
	tb.Helper()
	return webtest.Rows(tb, w.st.ReadDB(), `SELECT business_id, factors FROM risk_static_factors ORDER BY business_id`,
		`SELECT business_id, grade FROM risk_grades_current ORDER BY business_id`,
		`SELECT COUNT(*) FROM risk_grades`, `SELECT COUNT(*) FROM risk_events`)
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
	forms := webtest.Forms{Router: w.router, Written: w.written}
	for _, tt := range cases {
		writes := webtest.WritesNothing
		if tt.saves {
			writes = webtest.WritesSomething
		}
		who := webtest.Caller{User: tt.who.user, Scope: tt.who.scope}
		forms.Run(w.t, webtest.Case{Name: tt.name, Request: webtest.Request{Who: who, Lang: tt.lang, Method: tt.method, Path: tt.path, ContentType: tt.contentType, Body: tt.body},
			Status: tt.status, Want: tt.want, Absent: tt.absent, Writes: writes})
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
var errorOf = webtest.FieldError
