package risk

import (
	"math/rand/v2"
	"time"

	"github.com/shejian/shejian/internal/registry"
)

// demoYears is how many years of record a demo business gets.
const demoYears = 5

// DemoRecord makes plausible static factors and five years of record up to at for a
// generated business, the same for the same seed and business id, so that the demo city
// has grades of every kind. ok is false for a business without a static table (a farm).
func DemoRecord(seed uint64, b *registry.Business, at time.Time) (StaticFactors, []Event, bool) {
	f, ok := RegistryFactors(b)
	if !ok {
		return f, nil, false
	}
	rng := rand.New(rand.NewPCG(seed, uint64(b.ID)))
	demoFactors(rng, &f)
	return f, demoEvents(rng, at), true
}

// demoFactors fills in what the registry does not know: how a shop's goods are kept, a
// health food's make-up, a second licence category now and then.
func demoFactors(rng *rand.Rand, f *StaticFactors) {
	switch f.Sector {
	case SectorSales:
		f.PrepackedChilled = rng.IntN(f.PrepackedAmbient/4 + 1)
		f.PrepackedFrozen = rng.IntN(f.PrepackedAmbient/8 + 1)
		f.BulkAmbient += rng.IntN(60)
		if f.skus() == 0 {
			f.BulkAmbient = 1 // a market the registry lists without goods: its stalls sell some
		}
	case SectorCatering:
		if rng.IntN(5) == 0 {
			f.CateringClasses = append(f.CateringClasses[:len(f.CateringClasses):len(f.CateringClasses)], "raw")
		}
	case SectorHealthFood:
		f.HealthMaterial = HealthMaterials[rng.IntN(len(HealthMaterials))]
		f.HealthFormula = HealthFormulas[rng.IntN(len(HealthFormulas))]
		f.HealthFunction = HealthFunctions[rng.IntN(len(HealthFunctions))]
		f.HealthStorage = HealthStorages[rng.IntN(len(HealthStorages))]
		f.UnsuitableGroups = rng.IntN(5)
	case SectorProduction:
		if rng.IntN(4) == 0 {
			f.ProductCategories = append(f.ProductCategories[:len(f.ProductCategories):len(f.ProductCategories)],
				ProductionCategories[rng.IntN(len(ProductionCategories))])
		}
	}
}

// demoEvents draws a record: one to three inspections a year, mostly compliant, a full
// checklist every other year, and rarer failures, penalties, complaints and triggers. One
// business in five is careless and found non-compliant far more often than the others (25 % of
// its inspections against 2 %), as real businesses differ: a city's record then holds
// something for predictive targeting to learn (targeting_list.go).
func demoEvents(rng *rand.Rand, at time.Time) []Event {
	var out []Event
	careless := rng.IntN(5) == 0
	start := at.AddDate(-demoYears, 0, 0)
	day := func() time.Time { return start.AddDate(0, 0, rng.IntN(demoYears*365)) }
	for y := range demoYears {
		for i := range 1 + rng.IntN(3) {
			out = append(out, Event{Kind: EventInspection, Result: demoResult(rng, careless), FullChecklist: i == 0 && y%2 == 0,
				On: start.AddDate(y, 0, rng.IntN(365))})
		}
	}
	for _, r := range []struct {
		kind  EventKind
		per   int // one in per businesses has one
		count int
	}{
		{EventComplaint, 3, 3}, {EventSamplingFailure, 12, 1}, {EventPenalty, 15, 2}, {EventAbnormalOperation, 80, 1},
		{EventIntentionalViolation, 300, 1}, {EventIncident, 500, 1}, {EventRecallFailure, 500, 1},
		{EventObstruction, 400, 1}, {EventSeriousDishonesty, 1000, 1},
	} {
		if rng.IntN(r.per) == 0 {
			for range 1 + rng.IntN(r.count) {
				out = append(out, Event{Kind: r.kind, On: day()})
			}
		}
	}
	return out
}

func demoResult(rng *rand.Rand, careless bool) string {
	nonCompliant, basic := 2, 18 // percentiles: 2 % non-compliant, 16 % basically compliant
	if careless {
		nonCompliant, basic = 25, 55
	}
	switch n := rng.IntN(100); {
	case n < nonCompliant:
		return ResultNonCompliant
	case n < basic:
		return ResultBasic
	}
	return ResultCompliant
}
