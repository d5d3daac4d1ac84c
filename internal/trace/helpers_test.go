package trace

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/store"
)

// epcisCorpus holds the GS1 EPCIS 2.0 examples, next to the repository and never copied
// into it (the GS1 licence allows them as test fixtures only).
var epcisCorpus = filepath.Join("..", "..", "..", "shared", "corpus", "epcis")

// mustCorpusDir returns a folder of the corpus, skipping the test when it is absent.
func mustCorpusDir(tb testing.TB, sub string) string {
	tb.Helper()
	dir := filepath.Join(epcisCorpus, sub)
	if _, err := os.Stat(dir); err != nil {
		tb.Skipf("EPCIS corpus not found at %s (../shared/corpus next to the repository): %v", dir, err)
	}
	return dir
}

// example is one of GS1's JSON / JSON-LD examples: its path below the corpus's JSON
// folder, and the document.
type example struct {
	name string
	doc  []byte
}

// corpusExamples reads GS1's 47 JSON / JSON-LD examples (they lie at most one folder
// deep), failing the test when the folder holds another number.
func corpusExamples(tb testing.TB) []example {
	tb.Helper()
	dir := mustCorpusDir(tb, "JSON")
	top, _ := filepath.Glob(filepath.Join(dir, "*.jsonld"))
	nested, _ := filepath.Glob(filepath.Join(dir, "*", "*.jsonld"))
	var out []example
	for _, path := range append(top, nested...) {
		doc, err := os.ReadFile(path)
		if err != nil {
			tb.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, path)
		out = append(out, example{filepath.ToSlash(rel), doc})
	}
	if len(out) != 47 {
		tb.Fatalf("%d examples in %s, want 47", len(out), dir)
	}
	return out
}

// mustCapture captures doc and fails the test when it is refused.
func mustCapture(tb testing.TB, s *Store, doc []byte, by Capturer) Job {
	tb.Helper()
	job, err := s.Capture(context.Background(), doc, by)
	if err != nil {
		tb.Fatalf("capture: %v", err)
	}
	return job
}

// mustRefuse captures doc and returns the refusal, failing the test when it is stored.
func mustRefuse(tb testing.TB, s *Store, doc []byte, by Capturer) *RefusedError {
	tb.Helper()
	_, err := s.Capture(context.Background(), doc, by)
	var refused *RefusedError
	if !errors.As(err, &refused) {
		tb.Fatalf("capture: got %v, want a refusal", err)
	}
	return refused
}

// count returns how many rows of table match where.
func count(tb testing.TB, st *store.Store, table, where string, args ...any) int {
	tb.Helper()
	var n int
	if err := st.DB().QueryRowContext(context.Background(), `SELECT count(*) FROM `+table+` WHERE `+where, args...).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

// document wraps events (JSON objects) in an EPCISDocument with an extension namespace.
func document(events ...string) []byte {
	return []byte(`{"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"ex": "https://ns.example.cn/trace/"}],
		"type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2024-05-01T08:00:00Z",
		"epcisBody": {"eventList": [` + strings.Join(events, ",") + `]}}`)
}

// shipping is an ObjectEvent shipping lot n at location, with eventID id ("" for none) and
// extra fields (",\"key\": …") appended.
func shipping(id string, n int, location, extra string) string {
	eventID := ""
	if id != "" {
		eventID = fmt.Sprintf(`"eventID": %q,`, id)
	}
	return fmt.Sprintf(`{%s "type": "ObjectEvent", "eventTime": "2024-05-01T10:00:00.000+08:00", "eventTimeZoneOffset": "+08:00",
		"epcList": ["urn:epc:id:sgtin:6901234.012345.%d"],
		"quantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.012345.L%d", "quantity": 20.5, "uom": "KGM"}],
		"action": "OBSERVE", "bizStep": "shipping", "disposition": "in_transit",
		"readPoint": {"id": %q}, "bizLocation": {"id": %q},
		"bizTransactionList": [{"type": "po", "bizTransaction": "urn:epcglobal:cbv:bt:6901234000009:PO%d"}],
		"sourceList": [{"type": "owning_party", "source": "urn:epc:id:pgln:6901234.00000"}]%s}`,
		eventID, n, n, location, location, n, extra)
}

// declared is the error declaration of an event: its extra fields.
const declared = `, "errorDeclaration": {"declarationTime": "2024-05-02T08:00:00.000+08:00", "reason": "incorrect_data"}`

// gs1Place is a partner's location, no business of ours.
const gs1Place = "urn:epc:id:sgln:6901234.00001.0"

// world is a store with two businesses, of two stations of one district.
type world struct {
	st       *store.Store
	events   *Store
	district int64
	stations [2]int64
	shops    [2]placedBusiness
	usccs    [2]string
	paths    map[int64]string // of the org units
}

// newWorld puts a city, a district, two stations and a business at each into st.
func newWorld(tb testing.TB, st *store.Store) *world {
	tb.Helper()
	w := &world{st: st, events: NewStore(st), usccs: [2]string{"91330100MA2TEST001", "91330100MA2TEST002"}}
	ctx := context.Background()
	now := time.Now().UTC()
	paths := map[int64]string{}
	unit := func(kind, code string, parent *int64) int64 {
		var id int64
		err := st.DB().QueryRowContext(ctx, `INSERT INTO org_units (parent_id, kind, code, name, created_at, updated_at)
			VALUES ($1, $2, $3, $3, $4, $4) RETURNING id`, parent, kind, code, now).Scan(&id)
		if err != nil {
			tb.Fatal(err)
		}
		paths[id] = fmt.Sprintf("/%d/", id)
		if parent != nil {
			paths[id] = fmt.Sprintf("%s%d/", paths[*parent], id)
		}
		if _, err := st.DB().ExecContext(ctx, `UPDATE org_units SET path = $1 WHERE id = $2`, paths[id], id); err != nil {
			tb.Fatal(err)
		}
		return id
	}
	city := unit("city", "C", nil)
	w.district = unit("district", "D", &city)
	w.paths = paths
	for i := range w.shops {
		w.stations[i] = unit("station", fmt.Sprint("S", i), &w.district)
		b := placedBusiness{district: w.district, station: w.stations[i]}
		err := st.DB().QueryRowContext(ctx, `INSERT INTO businesses (uscc, name, category, address, district_id, station_id,
			lat, lng, created_at, updated_at) VALUES ($1, $1, 'sales', '', $2, $3, 30, 120, $4, $4) RETURNING id`,
			w.usccs[i], b.district, b.station, now).Scan(&b.id)
		if err != nil {
			tb.Fatal(err)
		}
		w.shops[i] = b
	}
	return w
}

// place is the location URI of business i.
func (w *world) place(i int) string { return LocationPrefix + w.usccs[i] }

// operator captures as business i, from an account of its station.
func (w *world) operator(i int) Capturer {
	station := w.stations[i]
	return Capturer{OrgUnitID: station, Scope: access.Scope{Path: w.paths[station], BusinessID: w.shops[i].id}}
}

// inspector captures for the station of business i.
func (w *world) inspector(i int) Capturer {
	station := w.stations[i]
	return Capturer{OrgUnitID: station, Scope: access.Scope{Path: w.paths[station], DistrictID: w.district, StationID: station}}
}

// districtAdmin captures for the district.
func (w *world) districtAdmin() Capturer {
	return Capturer{OrgUnitID: w.district, Scope: access.Scope{Path: w.paths[w.district], DistrictID: w.district}}
}
