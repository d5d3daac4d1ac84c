package draw

import (
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"
)

// cityShape sizes a synthetic city for draws.
type cityShape struct {
	entities, inspectors, regions, stations int // stations per region
	previousShare                           float64
	conflictsPerInspector                   int
	// recusedShare is the share of entities with one to three recused inspectors (回避 of a
	// published draw, reason not given), most of its region and now and then of another.
	recusedShare float64
}

// synthCity builds a deterministic city: entity i and inspector i live in region i mod
// regions; an entity's previous inspectors and an inspector's conflicts are in its region.
// A shape without recused inspectors draws the same city as before they were generated.
func synthCity(seed uint64, s cityShape) Inputs {
	rng := rand.New(rand.NewPCG(seed, 1))
	region := func(i int) string { return fmt.Sprintf("R%03d", i%s.regions) }
	station := func(i, k int) string { return fmt.Sprintf("%s-S%02d", region(i), k) }
	in := Inputs{
		Config: Config{TaskID: "T-2026-001", TaskName: "2026年第一批食品经营双随机抽查", InspectorsPerEntity: 2,
			RatioPercent: map[CreditClass]float64{ClassA: 5, ClassB: 20, ClassC: 60, ClassD: 100}},
		Items: []InspectionItem{{ID: "I-01", Name: "食品销售日常监督检查", Basis: "食品生产经营监督检查管理办法 第十七条", RatioPercent: 20, Frequency: "每年1次"}},
	}
	perRegion := max(s.inspectors/s.regions, 1)
	inspectorIn := func(r int) string { // a random inspector of region r
		return fmt.Sprintf("P%05d", rng.IntN(perRegion)*s.regions+r)
	}
	in.Inspectors = make([]Inspector, s.inspectors)
	for i := range in.Inspectors {
		p := Inspector{ID: fmt.Sprintf("P%05d", i), Region: region(i), OrgUnit: station(i, (i/s.regions)%s.stations)}
		for range s.conflictsPerInspector {
			p.Conflicts = append(p.Conflicts, fmt.Sprintf("E%07d", rng.IntN(max(s.entities/s.regions, 1))*s.regions+i%s.regions))
		}
		in.Inspectors[i] = p
	}
	classes := []CreditClass{ClassA, ClassA, ClassA, ClassA, ClassB, ClassB, ClassB, ClassB, ClassC, ClassD}
	in.Entities = make([]Entity, s.entities)
	for i := range in.Entities {
		e := Entity{ID: fmt.Sprintf("E%07d", i), Region: region(i), OrgUnit: station(i, rng.IntN(s.stations)),
			Credit: classes[rng.IntN(len(classes))]}
		if rng.Float64() < s.previousShare {
			e.PreviousInspectors = []string{inspectorIn(i % s.regions), inspectorIn(i % s.regions)}
		}
		if s.recusedShare > 0 && rng.Float64() < s.recusedShare {
			for range 1 + rng.IntN(3) {
				r := i % s.regions
				if rng.IntN(8) == 0 { // outside a regional pool: no effect there
					r = (i + 1) % s.regions
				}
				e.Recused = append(e.Recused, inspectorIn(r))
			}
		}
		in.Entities[i] = e
	}
	return in
}

// testSeed is a fixed seed named by label.
func testSeed(label string) []byte {
	sum := sha256.Sum256([]byte(label))
	return sum[:]
}

var (
	committedAt = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	drawnAt     = time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)
)

// mustBundle commits to in, draws and returns the bundle.
func mustBundle(tb testing.TB, in Inputs, seed []byte, beacon string) *Bundle {
	tb.Helper()
	c, err := Commit(&in, seed, committedAt)
	if err != nil {
		tb.Fatalf("Commit: %v", err)
	}
	r, err := Run(&in, seed, beacon)
	if err != nil {
		tb.Fatalf("Run: %v", err)
	}
	return NewBundle(in, c, seed, beacon, r, drawnAt)
}

// mustVerify checks b against the commitment published before its draw and verifies it.
func mustVerify(t *testing.T, b *Bundle, published Commitment) Summary {
	t.Helper()
	if err := b.CheckPublished(published.SeedSHA256, published.InputDigest); err != nil {
		t.Fatal(err)
	}
	sum, err := Verify(b)
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	return sum
}

// registryForm renames a synthetic city the way a snapshot names it: by registry IDs in
// decimal (entity E0000041 is business 42, inspector P00007 is person 8), each business
// with a USCC.
func registryForm(in Inputs) Inputs {
	rename := func(ids []string) []string {
		out := make([]string, len(ids))
		for i, id := range ids {
			n, _ := strconv.Atoi(id[1:])
			out[i] = strconv.Itoa(n + 1)
		}
		return out
	}
	out := in
	out.Entities = make([]Entity, len(in.Entities))
	for i, e := range in.Entities {
		e.ID = rename([]string{e.ID})[0]
		e.PreviousInspectors = rename(e.PreviousInspectors)
		e.Recused = rename(e.Recused)
		e.uscc = fmt.Sprintf("91330100MA%08d", i)
		out.Entities[i] = e
	}
	out.Inspectors = make([]Inspector, len(in.Inspectors))
	for i, p := range in.Inspectors {
		p.ID = rename([]string{p.ID})[0]
		p.Conflicts = rename(p.Conflicts)
		out.Inspectors[i] = p
	}
	return out
}

// mustPublishedBundle does what the store does with a snapshot raw: freezes it in its
// published form, commits, draws and returns the bundle with its openings.
func mustPublishedBundle(tb testing.TB, raw Inputs, seed []byte, beacon string) *Bundle {
	tb.Helper()
	f, err := freeze(&raw, seed)
	if err != nil {
		tb.Fatalf("freeze: %v", err)
	}
	return frozenBundle(tb, f, seed, beacon)
}

// frozenBundle commits to the published inputs of f, draws and returns the bundle with its
// openings.
func frozenBundle(tb testing.TB, f *frozenTask, seed []byte, beacon string) *Bundle {
	tb.Helper()
	b := mustBundle(tb, f.Inputs, seed, beacon)
	var err error
	if b.Openings, err = f.openings(b.Result); err != nil {
		tb.Fatalf("openings: %v", err)
	}
	return b
}
