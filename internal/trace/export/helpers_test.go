package export

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/trace"
	"github.com/shejian/shejian/internal/trace/synth"
)

// world is a city whose districts are a synthetic chain's (district i named "第i区", one
// station each), its businesses registered there and its documents captured.
type world struct {
	tb         testing.TB
	st         *store.Store
	events     *trace.Store
	exporter   *Exporter
	city       int64
	districts  map[int]int64    // the chain's district index → org unit
	stations   map[int64]int64  // district → its station
	paths      map[int64]string // of the org units
	businesses map[string]int64 // USCC → business id
	byName     map[string]synth.Business
}

// newWorld registers businesses and captures docs.
func newWorld(tb testing.TB, st *store.Store, businesses []synth.Business, docs [][]byte) *world {
	tb.Helper()
	w := &world{tb: tb, st: st, events: trace.NewStore(st), districts: map[int]int64{}, stations: map[int64]int64{},
		paths: map[int64]string{}, businesses: map[string]int64{}, byName: map[string]synth.Business{}}
	w.exporter = NewExporter(st, w.events)
	w.city = w.unit("city", "C", 0)
	for _, b := range businesses {
		w.register(b)
	}
	for _, doc := range docs {
		if _, err := w.events.Capture(context.Background(), doc, trace.System); err != nil {
			tb.Fatalf("capture: %v", err)
		}
	}
	return w
}

// smallWorld is the small chain of internal/trace/synth, captured.
func smallWorld(tb testing.TB, st *store.Store) (*world, synth.Fixture) {
	tb.Helper()
	fix, err := synth.SmallChain()
	if err != nil {
		tb.Fatal(err)
	}
	return newWorld(tb, st, fix.Businesses, fix.Documents), fix
}

// unit adds an org unit under parent (0 for none).
func (w *world) unit(kind, name string, parent int64) int64 {
	w.tb.Helper()
	var p *int64
	if parent != 0 {
		p = &parent
	}
	var id int64
	err := w.st.DB().QueryRowContext(context.Background(), `INSERT INTO org_units (parent_id, kind, code, name, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`, p, kind, name, name, time.Now().UTC()).Scan(&id)
	if err != nil {
		w.tb.Fatal(err)
	}
	w.paths[id] = w.paths[parent] + fmt.Sprint(id) + "/"
	if parent == 0 {
		w.paths[id] = "/" + fmt.Sprint(id) + "/"
	}
	if _, err := w.st.DB().ExecContext(context.Background(), `UPDATE org_units SET path = $1 WHERE id = $2`, w.paths[id], id); err != nil {
		w.tb.Fatal(err)
	}
	return id
}

// district returns the org unit of the chain's district i, made with a station at first.
func (w *world) district(i int) int64 {
	if id, ok := w.districts[i]; ok {
		return id
	}
	name := fmt.Sprintf("第%d区", i)
	id := w.unit("district", name, w.city)
	w.stations[id] = w.unit("station", name+"站", id)
	w.districts[i] = id
	return id
}

// register registers a business of the chain in its district, with a phone number.
func (w *world) register(b synth.Business) {
	w.tb.Helper()
	d := w.district(b.District)
	var id int64
	err := w.st.DB().QueryRowContext(context.Background(), `INSERT INTO businesses (uscc, name, category, kind, address, phone,
		district_id, station_id, lat, lng, created_at, updated_at) VALUES ($1, $2, 'sales', 'supermarket', $3, '13812345678',
		$4, $5, 30, 120, $6, $6) RETURNING id`,
		b.USCC, b.Name, b.Name+"路1号", d, w.stations[d], time.Now().UTC()).Scan(&id)
	if err != nil {
		w.tb.Fatal(err)
	}
	w.businesses[b.USCC], w.byName[b.Name] = id, b
}

// cityScope sees the whole city.
func (w *world) cityScope() access.Scope { return access.Scope{Path: w.paths[w.city]} }

// districtScope is the scope of the chain's district i.
func (w *world) districtScope(i int) access.Scope {
	d := w.district(i)
	return access.Scope{Path: w.paths[d], DistrictID: d}
}

// operatorScope is the scope of the operator of the business named name.
func (w *world) operatorScope(name string) access.Scope {
	b, ok := w.byName[name]
	if !ok {
		w.tb.Fatalf("no business %s", name)
	}
	return access.Scope{Path: w.paths[w.stations[w.district(b.District)]], BusinessID: w.businesses[b.USCC]}
}

// mustExport exports req as scope and reads the workbook back.
func (w *world) mustExport(req Request, scope access.Scope) *excelize.File {
	w.tb.Helper()
	wb, err := w.exporter.Export(context.Background(), req, Options{Scope: scope, Now: time.Date(2026, 1, 2, 9, 0, 0, 0, calendar.China)})
	if err != nil {
		w.tb.Fatalf("export: %v", err)
	}
	defer wb.Close()
	return mustReadBack(w.tb, wb)
}

// mustReadBack writes a workbook and opens what was written.
func mustReadBack(tb testing.TB, wb *Workbook) *excelize.File {
	tb.Helper()
	var buf bytes.Buffer
	if _, err := wb.WriteTo(&buf); err != nil {
		tb.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		tb.Fatalf("read the workbook back: %v", err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

// mustRequest parses export parameters.
func mustRequest(tb testing.TB, product, from, to string) Request {
	tb.Helper()
	r, err := ParseRequest(map[string][]string{"product": {product}, "from": {from}, "to": {to}})
	if err != nil {
		tb.Fatalf("request %s %s..%s: %v", product, from, to, err)
	}
	return r
}

// sheetRows returns a sheet's rows below the header, each as a map from the English
// part of the header to the cell's text.
func sheetRows(tb testing.TB, f *excelize.File, cte CTE) []map[string]string {
	tb.Helper()
	rows, err := f.GetRows(cte.Sheet())
	if err != nil {
		tb.Fatalf("sheet %s: %v", cte.Sheet(), err)
	}
	if len(rows) == 0 {
		tb.Fatalf("sheet %s has no header", cte.Sheet())
	}
	cols := sheetColumns[cte]
	var out []map[string]string
	for _, row := range rows[1:] {
		m := map[string]string{}
		for i, c := range cols {
			if i < len(row) {
				m[c.en] = row[i]
			}
		}
		out = append(out, m)
	}
	return out
}
