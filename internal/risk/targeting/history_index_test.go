package targeting

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"
)

// TestHistoryIndexesGiveTheSameSums: the zip code's and the city's counts of inspections on
// record and the nearby rate, read from the indexes, equal the sums event by event, for
// inspections scored on their own day and in back-test windows, near and far from others.
func TestHistoryIndexesGiveTheSameSums(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	start := time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC)
	var rows []Inspection
	for i := range 3000 {
		in := Inspection{
			ID: strconv.Itoa(i), License: strconv.Itoa(rng.IntN(900)), Date: start.AddDate(0, 0, rng.IntN(1100)),
			Critical: rng.IntN(6) == 0, Zip: strconv.Itoa(60600 + rng.IntN(12)),
			Latitude: 41.7 + rng.Float64()*0.3, Longitude: -87.8 + rng.Float64()*0.3,
			YearsSinceLast: rng.Float64() * 2.5, FirstRecord: rng.IntN(5) == 0, PastCritical: float64(rng.IntN(2)),
		}
		if i%50 == 0 {
			in.Latitude, in.Longitude = math.NaN(), math.NaN()
		}
		if i%7 == 0 {
			in.scoredAt = in.Date.AddDate(0, 0, -rng.IntN(60))
		}
		rows = append(rows, in)
	}
	h := fitHistory(rows[:2000], rows[2000:], rankerHistory)
	if !h.inspectionsAll.finite {
		t.Fatal("the running totals overflowed on three years")
	}
	same := func(what string, in Inspection, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9*max(1, math.Abs(want)) {
			t.Fatalf("%s of inspection %s: %v from the index, %v event by event", what, in.ID, got, want)
		}
	}
	near := 0
	for _, in := range rows {
		today, halfLife := knownBefore(in), h.params.inspectionsHalfLifeDays
		same("city inspections", in, h.inspections(in, h.inspectionsAll, h.all, false), h.inspectionsOneByOne(in, h.all, today, halfLife))
		same("zip inspections", in, h.inspections(in, h.inspectionsByZip[in.Zip], h.byZip[in.Zip], true),
			h.inspectionsOneByOne(in, h.byZip[in.Zip], today, halfLife))
		if math.IsNaN(in.Latitude) {
			continue
		}
		found, total := h.sums(in, h.all, h.nearbyWeight(in), criticalOutcome)
		same("nearby rate", in, h.nearbyVsCity(in), logit(h.pulled(found, total, criticalOutcome))-logit(h.cityRate(in, h.params.nearbyHalfLifeDays, criticalOutcome)))
		if total > 0 {
			near++
		}
	}
	if near < len(rows)/2 {
		t.Fatalf("only %d inspections had earlier events nearby: the test does not reach the grid", near)
	}
}
