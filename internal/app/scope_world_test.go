package app

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/registry/sheets"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/trace"
	"github.com/shejian/shejian/internal/trace/ticket"
)

// scopeWorld is the demo city seen by one account per role, with the records the scope test
// aims its requests at: for each role, one inside its scope and one outside.
type scopeWorld struct {
	t        *testing.T
	st       *store.Store
	app      *App
	accounts map[access.Role]*access.User
	scopes   map[access.Role]access.Scope
	tokens   map[access.Role]string
	units    []unitRow
	places   []placeRow
	serial   int
}

type unitRow struct {
	id         int64
	kind, path string
}

type placeRow struct {
	id, district, station int64
	grid                  *int64
}

func newScopeWorld(t *testing.T, st *store.Store) *scopeWorld {
	if st.Dialect() == store.Postgres {
		// Inspection evidence is stored in the working directory on PostgreSQL
		// (inspect.DefaultEvidenceDir): keep it out of the source tree.
		t.Chdir(t.TempDir())
	}
	a, _, _ := demoApp(t, st)
	w := &scopeWorld{t: t, st: st, app: a, accounts: map[access.Role]*access.User{}, scopes: map[access.Role]access.Scope{},
		tokens: map[access.Role]string{}}
	ctx := context.Background()
	for _, d := range demoAccounts {
		u, err := a.Access.Users.ByLogin(ctx, d.login)
		if err != nil {
			t.Fatal(err)
		}
		if w.scopes[d.role], err = a.Access.Users.ScopeOf(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		w.accounts[d.role], w.tokens[d.role] = u, tokenFor(t, st, d.login)
	}
	w.load()
	return w
}

// load reads every org unit and every business's placement once.
func (w *scopeWorld) load() {
	ctx := context.Background()
	rows, err := w.st.DB().QueryContext(ctx, `SELECT id, kind, path FROM org_units ORDER BY id`)
	if err != nil {
		w.t.Fatal(err)
	}
	for rows.Next() {
		var u unitRow
		if err := rows.Scan(&u.id, &u.kind, &u.path); err != nil {
			w.t.Fatal(err)
		}
		w.units = append(w.units, u)
	}
	rows.Close()
	rows, err = w.st.DB().QueryContext(ctx, `SELECT id, district_id, station_id, grid_id FROM businesses ORDER BY id`)
	if err != nil {
		w.t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var p placeRow
		if err := rows.Scan(&p.id, &p.district, &p.station, &p.grid); err != nil {
			w.t.Fatal(err)
		}
		w.places = append(w.places, p)
	}
}

// business returns a business inside (or outside) role's scope; outside, one of the same
// station comes first, so that an operator is tested against its neighbours.
func (w *scopeWorld) business(role access.Role, inside bool) (int64, bool) {
	s := w.scopes[role]
	var fallback int64
	for _, p := range w.places {
		if s.CoversBusiness(p.id, p.district, p.station, p.grid) != inside {
			continue
		}
		if inside || p.station == s.StationID {
			return p.id, true
		}
		if fallback == 0 {
			fallback = p.id
		}
	}
	return fallback, fallback != 0
}

// unit returns an org unit of kind ("" for any) inside or outside role's scope; inside,
// the role's own unit comes first (it has members, so deleting it is always refused).
func (w *scopeWorld) unit(role access.Role, kind string, inside bool) (int64, bool) {
	s := w.scopes[role]
	own := w.accounts[role].OrgUnitID
	if inside && (kind == "" || w.kindOf(own) == kind) && s.CoversOrgPath(w.pathOf(own)) {
		return own, true
	}
	for _, u := range w.units {
		if (kind == "" || u.kind == kind) && s.CoversOrgPath(u.path) == inside {
			return u.id, true
		}
	}
	return 0, false
}

func (w *scopeWorld) kindOf(id int64) string { return w.find(id).kind }
func (w *scopeWorld) pathOf(id int64) string { return w.find(id).path }

func (w *scopeWorld) find(id int64) unitRow {
	for _, u := range w.units {
		if u.id == id {
			return u
		}
	}
	w.t.Fatalf("no org unit %d", id)
	return unitRow{}
}

// person creates a person in a unit inside or outside role's scope: each call a new one,
// since a request may delete it.
func (w *scopeWorld) person(role access.Role, inside bool) (int64, bool) {
	unit, ok := w.unit(role, "", inside)
	if !ok {
		return 0, false
	}
	w.serial++
	p, err := registry.NewPersonStore(w.st).Create(context.Background(), registry.PersonInput{OrgUnitID: unit,
		Name: fmt.Sprintf("范围测试%d", w.serial), RoleKind: registry.RoleEnforcement, Phone: "13800138000"})
	if err != nil {
		w.t.Fatal(err)
	}
	return p.ID, true
}

// account creates an account in a unit inside or outside role's scope: each call a new one,
// since a request may disable it or reset its password.
func (w *scopeWorld) account(role access.Role, inside bool) (int64, bool) {
	unit, ok := w.unit(role, "", inside)
	if !ok {
		return 0, false
	}
	w.serial++
	u, err := w.app.Access.Users.Create(context.Background(), access.NewUser{Login: fmt.Sprintf("scope-%d", w.serial),
		DisplayName: "范围测试", Roles: access.RoleSet{access.RoleCoordinator}, OrgUnitID: unit, Password: "scope-test-2026"})
	if err != nil {
		w.t.Fatal(err)
	}
	return u.ID, true
}

// token creates an API token of role's own account (inside) or of another account
// (outside), to be revoked.
func (w *scopeWorld) token(role access.Role, inside bool) (int64, bool) {
	owner := w.accounts[role]
	if !inside {
		owner = w.accounts[access.RoleCityAdmin]
		if role == access.RoleCityAdmin {
			owner = w.accounts[access.RoleBusinessOperator]
		}
	}
	_, tok, err := w.app.Access.Tokens.Create(context.Background(), access.NewToken{UserID: owner.ID, Name: "scope", TTL: time.Hour})
	if err != nil {
		w.t.Fatal(err)
	}
	return tok.ID, true
}

// report saves a refused-import report of role's account (inside) or of another account.
func (w *scopeWorld) report(role access.Role, inside bool) (string, bool) {
	owner := w.accounts[role]
	if !inside {
		owner = w.accounts[access.RoleDistrictAdmin]
		if role == access.RoleDistrictAdmin {
			owner = w.accounts[access.RoleCityAdmin]
		}
	}
	res := &sheets.Result{Rows: 1}
	id, err := sheets.NewReportStore(w.st).Save(context.Background(), owner.ID, "scope.xlsx", res)
	if err != nil {
		w.t.Fatal(err)
	}
	return id, true
}

// aimUSCC names the USCC of a business inside or outside role's scope, the party a ticket,
// certificate or ledger line names.
func aimUSCC(w *scopeWorld, role access.Role, inside bool) (string, bool) {
	place, ok := aimPlace(w, role, inside)
	return strings.TrimPrefix(place, trace.LocationPrefix), ok
}

// aimTicket records a ticket of a business inside or outside role's scope, each call a new
// one, and names it.
func aimTicket(w *scopeWorld, role access.Role, inside bool) (string, bool) {
	uscc, ok := aimUSCC(w, role, inside)
	if !ok {
		return "", false
	}
	w.serial++
	return recordTicket(w.t, w.st, uscc, strconv.Itoa(w.serial)), true
}

// recordTicket records, as the system, a 合格证 numbered "C"+n and a 一票通 ticket numbered
// "T"+n of business uscc, which sells from the certificate's batch to an unregistered
// buyer, and returns the ticket's number.
func recordTicket(t testing.TB, st *store.Store, uscc, n string) string {
	t.Helper()
	res, err := ticket.NewRecorder(st, trace.NewStore(st)).Record(access.WithScope(context.Background(), access.Everywhere), []ticket.Entry{
		{Certificate: &ticket.CertificateInput{Number: "C" + n, Date: "2025-12-01", Producer: ticket.PartyInput{USCC: uscc},
			Item: ticket.Item{Product: "菠菜", Batch: "B" + n, Quantity: 10, Unit: "公斤"}}},
		{Ticket: &ticket.TicketInput{Number: "T" + n, Date: "2025-12-01", Seller: ticket.PartyInput{USCC: uscc},
			Buyer: ticket.PartyInput{Name: "张三", IDOrPhone: "13800001234"}, Item: ticket.Item{Product: "菠菜", Batch: "B" + n, Quantity: 1, Unit: "公斤"}}},
	})
	if err != nil || len(res.Problems) > 0 {
		t.Fatalf("record ticket T%s: %v %+v", n, err, res.Problems)
	}
	return "T" + n
}

// call sends a request as role ("" for anonymous) and returns the recorded response.
func (w *scopeWorld) call(role access.Role, method, path, body string) *httptest.ResponseRecorder {
	r := newRequest(method, path, body)
	if role != "" {
		r.Header.Set("Authorization", "Bearer "+w.tokens[role])
	}
	return w.serve(r)
}

// newRequest is a request with a JSON body for the APIs and a form body for pages.
func newRequest(method, path, body string) *http.Request {
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	if apiPath(path) {
		r.Header.Set("Content-Type", "application/json")
	} else if body != "" {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return r
}

// apiPath reports whether path is an API's, answering JSON and 401 to anonymous callers:
// the /api/v1 routes and the EPCIS binding at /epcis.
func apiPath(path string) bool {
	return strings.HasPrefix(path, "/api/") || strings.HasPrefix(path, "/epcis/")
}

// serve runs r through the app and returns the recorded response.
func (w *scopeWorld) serve(r *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	w.app.Handler.ServeHTTP(rec, r)
	return rec
}

// denied reports whether a status refuses the caller: unauthenticated, forbidden or, for a
// record hidden from the caller, not found.
func denied(status int) bool {
	return status == http.StatusUnauthorized || status == http.StatusForbidden || status == http.StatusNotFound
}
