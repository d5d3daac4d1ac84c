package journey

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/trace"
	"github.com/shejian/shejian/internal/trace/graph"
	"github.com/shejian/shejian/internal/trace/synth"
	"github.com/shejian/shejian/internal/web"
)

// chainKinds registers each kind of business of the synthetic chain under a registry
// category and kind (业态).
var chainKinds = map[synth.Kind][2]string{
	synth.Farm: {"farm", "planting"}, synth.Market: {"market", "wholesale_market"}, synth.Distributor: {"sales", "wholesale"},
	synth.Processor: {"production", "other"}, synth.Retailer: {"sales", "supermarket"}, synth.Restaurant: {"catering", "restaurant"},
	synth.SchoolCanteen: {"catering", "school_canteen"}, synth.CompanyCanteen: {"catering", "unit_canteen"},
}

// world is the small chain of internal/trace/synth captured into a city whose districts
// are the chain's (district i named "第i区"), with the index loaded and the handler routed.
type world struct {
	t          testing.TB
	st         *store.Store
	fix        synth.Fixture
	handler    *Handler
	router     *web.Router
	city       int64
	districts  map[int]int64    // the chain's district index → org unit
	paths      map[int64]string // of the org units
	businesses map[string]int64 // USCC → business id
	ids        map[string]synth.Business
}

func newWorld(t testing.TB, st *store.Store) *world {
	t.Helper()
	fix, err := synth.SmallChain()
	if err != nil {
		t.Fatal(err)
	}
	w := &world{t: t, st: st, fix: fix, districts: map[int]int64{}, paths: map[int64]string{},
		businesses: map[string]int64{}, ids: map[string]synth.Business{}}
	w.city = w.unit("city", "C", 0)
	for _, b := range fix.Businesses {
		w.register(b)
	}
	w.district(7) // a district the chain never reaches
	events := trace.NewStore(w.st)
	for _, doc := range fix.Documents {
		if _, err := events.Capture(context.Background(), doc, trace.System); err != nil {
			t.Fatalf("capture the small chain: %v", err)
		}
	}
	ix := NewIndex(graph.New(), events)
	if err := ix.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	w.handler = NewHandler(w.st, ix)
	w.router = web.NewRouter(nil)
	w.handler.Routes(w.router)
	return w
}

// unit adds an org unit under parent (0 for none) and returns its id.
func (w *world) unit(kind, name string, parent int64) int64 {
	w.t.Helper()
	var id int64
	now := time.Now().UTC()
	var p *int64
	if parent != 0 {
		p = &parent
	}
	err := w.st.DB().QueryRowContext(context.Background(), `INSERT INTO org_units (parent_id, kind, code, name, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`, p, kind, name, name, now).Scan(&id)
	if err != nil {
		w.t.Fatal(err)
	}
	w.paths[id] = w.paths[parent] + fmt.Sprint(id) + "/"
	if parent == 0 {
		w.paths[id] = "/" + fmt.Sprint(id) + "/"
	}
	if _, err := w.st.DB().ExecContext(context.Background(), `UPDATE org_units SET path = $1 WHERE id = $2`, w.paths[id], id); err != nil {
		w.t.Fatal(err)
	}
	return id
}

// district returns the org unit of the chain's district i, made with one station the first
// time.
func (w *world) district(i int) int64 {
	if id, ok := w.districts[i]; ok {
		return id
	}
	id := w.unit("district", districtName(i), w.city)
	w.unit("station", districtName(i)+"站", id)
	w.districts[i] = id
	return id
}

func districtName(i int) string { return fmt.Sprintf("第%d区", i) }

// station is the station of district unit d.
func (w *world) station(d int64) int64 {
	for id, p := range w.paths {
		if strings.HasPrefix(p, w.paths[d]) && id != d {
			return id
		}
	}
	w.t.Fatalf("district %d has no station", d)
	return 0
}

// register registers a business of the chain in its district.
func (w *world) register(b synth.Business) {
	w.t.Helper()
	d := w.district(b.District)
	kind := chainKinds[b.Kind]
	var id int64
	err := w.st.DB().QueryRowContext(context.Background(), `INSERT INTO businesses (uscc, name, category, kind, address,
		district_id, station_id, lat, lng, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 30, 120, $8, $8) RETURNING id`,
		b.USCC, b.Name, kind[0], kind[1], b.Name+"路1号", d, w.station(d), time.Now().UTC()).Scan(&id)
	if err != nil {
		w.t.Fatal(err)
	}
	w.businesses[b.USCC], w.ids[b.Name] = id, b
}

// business returns the chain's business named name.
func (w *world) business(name string) synth.Business {
	b, ok := w.ids[name]
	if !ok {
		w.t.Fatalf("no business %s in the chain", name)
	}
	return b
}

// caller is one user: its scope and what the web layer knows of it.
type caller struct {
	scope access.Scope
	user  *web.User
}

// cityAdmin sees the whole city.
func (w *world) cityAdmin() caller {
	return caller{access.Scope{Path: w.paths[w.city]}, &web.User{ID: 1, Role: "city_admin", OrgUnitID: w.city,
		Permits: func(web.Access) bool { return true }}}
}

// districtAdmin is the admin of the chain's district i.
func (w *world) districtAdmin(i int) caller {
	d := w.district(i)
	return caller{access.Scope{Path: w.paths[d], DistrictID: d}, &web.User{ID: 2, Role: "district_admin", OrgUnitID: d,
		Permits: func(web.Access) bool { return true }}}
}

// operator is the operator of the chain's business named name.
func (w *world) operator(name string) caller {
	b := w.business(name)
	id, station := w.businesses[b.USCC], w.station(w.district(b.District))
	return caller{access.Scope{Path: w.paths[station], BusinessID: id}, &web.User{ID: 3, Role: "business_operator",
		OrgUnitID: station, BusinessID: id, Permits: func(a web.Access) bool { return a != access.AuditRead }}}
}

// context is ctx as c's request would carry it.
func (c caller) context(ctx context.Context) context.Context {
	if c.user == nil {
		return ctx
	}
	return access.WithScope(web.WithUser(ctx, c.user), c.scope)
}

// call sends a request as c (anonymous with a zero caller) and returns the response.
func (w *world) call(c caller, method, path, body string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
		if !strings.HasPrefix(path, "/api/") {
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
	}
	rec := httptest.NewRecorder()
	w.router.ServeHTTP(rec, r.WithContext(c.context(r.Context())))
	return rec
}

// getJSON calls GET path as c, checks the status and decodes the answer into v.
func (w *world) getJSON(c caller, path string, status int, v any) {
	w.t.Helper()
	rec := w.call(c, "GET", path, "")
	if rec.Code != status {
		w.t.Fatalf("GET %s: %d, want %d: %.500s", path, rec.Code, status, rec.Body)
	}
	if v != nil {
		if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
			w.t.Fatalf("GET %s: %v: %.300s", path, err, rec.Body)
		}
	}
}
