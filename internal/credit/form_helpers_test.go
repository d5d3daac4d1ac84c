package credit

import (
	"context"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/web"
	"github.com/shejian/shejian/internal/web/webtest"
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
const csrfToken = webtest.CSRFToken

func newFormWorld(t *testing.T, st *store.Store) *formWorld {
	w := &formWorld{t: t, st: st, city: mustCity(t, st, "2026-06-01"), router: web.NewRouter(access.NewService(st).Guard)}
	other := mustCity(t, st, "2026-06-01")
	w.shop, _ = w.city.mustBusiness(t)
	w.neighbour, _ = w.city.mustBusiness(t)
	w.foreign, _ = other.mustBusiness(t)
	NewHandler(w.city.svc).Routes(w.router)
	staff := func(role access.Role, district int64) caller {
		c := webtest.Staff(role, access.Scope{Path: "/x/", DistrictID: district})
		return caller{c.User, c.Scope}
	}
	operatorOf := func(business int64) caller {
		c := webtest.Staff(access.RoleBusinessOperator, access.Scope{Path: "/x/", BusinessID: business})
		return caller{c.User, c.Scope}
	}
	w.bureau, w.foreignBureau = staff(access.RoleDistrictAdmin, w.city.district), staff(access.RoleDistrictAdmin, other.district)
	w.operator, w.neighbourOperator = operatorOf(w.shop), operatorOf(w.neighbour)
	w.nobody = staff(access.RoleCoordinator, w.city.district) // holds no credit permission at all
	w.anonymous = caller{nil, access.ScopeFrom(t.Context())}
	return w
}

// files is the state of every credit record and repair request of the world's businesses,
// to tell that a refused form wrote nothing.
func (w *formWorld) files(tb testing.TB) string {
	tb.Helper()
	ctx, db := context.Background(), w.st.ReadDB()
	var all []any
	for _, b := range []int64{w.shop, w.neighbour, w.foreign} {
		records, err := recordsOf(ctx, db, b)
		if err != nil {
			tb.Fatal(err)
		}
		repairs, err := repairsOf(ctx, db, b)
		if err != nil {
			tb.Fatal(err)
		}
		all = append(all, records, repairs)
	}
	out, err := json.Marshal(all)
	if err != nil {
		tb.Fatal(err)
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
	forms := webtest.Forms{Router: w.router, Written: w.files, Saved: func(location string) bool {
		return strings.HasSuffix(location, "?flash=credit.saved")
	}}
	for _, tt := range cases {
		who := webtest.Caller{User: tt.who.user, Scope: tt.who.scope}
		forms.Run(w.t, webtest.Case{Name: tt.name, Request: webtest.Request{Who: who, Lang: tt.lang, Method: tt.method, Path: tt.path, Form: tt.form},
			Status: tt.status, Want: tt.want, Absent: tt.absent})
	}
}

// itoa is the path segment of an id.
func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// errorOf is the field error span a page shows beside field, in Chinese.
var errorOf = webtest.FieldError
