package risk

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// targetingWorld is the plan tests' city with a record to learn from: 120 more shops at S1
// and 60 at S3, inspected every 4½ months from July 2023, of which every fourth is careless
// (found non-compliant at 45 % of its inspections, against 3 % for the others). Each shop is
// also inspected once after the plan's day, which a ranker trained on that day must not see.
type targetingWorld struct {
	*planWorld
	careless map[int64]bool
	learnt   int // the inspections in the three years before the plan's day
}

func newTargetingWorld(tb testing.TB, st *store.Store) *targetingWorld {
	w := &targetingWorld{planWorld: newPlanWorld(tb, st), careless: map[int64]bool{}}
	rng := rand.New(rand.NewPCG(5, 6))
	var events []BusinessEvent
	for i := range 180 {
		station, district := w.s1, w.d1
		if i >= 120 {
			station, district = w.s3, w.d2
		}
		id := w.business(tb, fmt.Sprintf("商户%d", i), "sales", "supermarket", district, station, "open", "2020-01-01")
		w.careless[id] = i%4 == 0
		for on := day(tb, "2023-07-10"); on.Before(day(tb, "2026-09-01")); on = on.AddDate(0, 4, 15) {
			result := ResultCompliant
			switch n := rng.IntN(100); {
			case w.careless[id] && n < 45, !w.careless[id] && n < 3:
				result = ResultNonCompliant
			case n < 60:
				result = ResultBasic
			}
			events = append(events, BusinessEvent{BusinessID: id, Event: Event{Kind: EventInspection, On: on, Result: result}})
			if on.Before(civilDay(planNow)) {
				w.learnt++
			}
		}
	}
	err := st.Tx(context.Background(), func(tx *sql.Tx) error {
		return insertEvents(context.Background(), tx, st.Dialect(), events, "test")
	})
	if err != nil {
		tb.Fatal(err)
	}
	// The plan city's own shops were inspected within the three years too.
	w.learnt += 8
	return w
}

func (w *targetingWorld) query(unit int64, covers func(string) bool) PlanQuery {
	return PlanQuery{UnitID: unit, Year: 2026, Now: planNow, Covers: covers}
}

func coversAll(string) bool { return true }

// TestTargetsPutTheLikeliestFirst: a station's list holds its businesses in the plan, most
// probable first, or only those still owed an inspection; the careless shops come out far
// ahead of the others; the model learnt from the three years before the plan's day and
// nothing after it; every reason shown is translated.
func TestTargetsPutTheLikeliestFirst(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newTargetingWorld(t, st)
		list, err := w.svc.TargetsFor(context.Background(), w.query(w.s1, coversAll), false)
		if err != nil {
			t.Fatal(err)
		}
		if list.TrainedOn != w.learnt || list.Model == "" || list.CVAUC <= 0.5 {
			t.Fatalf("model %q (AUC %.3f) learnt from %d inspections, want %d and better than chance", list.Model, list.CVAUC, list.TrainedOn, w.learnt)
		}
		if !slices.IsSortedFunc(list.Businesses, func(a, b Target) int { return cmp.Compare(b.Probability, a.Probability) }) {
			t.Fatal("the list is not in order of probability")
		}
		var careless, careful []float64
		for _, b := range list.Businesses {
			if b.StationID != w.s1 {
				t.Fatalf("%s of station %d on the list of station %d", b.Name, b.StationID, w.s1)
			}
			if !strings.HasPrefix(b.Name, "商户") {
				continue
			}
			if w.careless[b.BusinessID] {
				careless = append(careless, b.Probability)
			} else {
				careful = append(careful, b.Probability)
			}
			for _, r := range b.Reasons {
				if !i18n.Has(i18n.Chinese, r.Key()) || !i18n.Has(i18n.English, r.Key()) {
					t.Errorf("reason %q has no translation %s", r.Feature, r.Key())
				}
			}
		}
		if len(careless)+len(careful) != 120 {
			t.Fatalf("%d of the 120 shops listed", len(careless)+len(careful))
		}
		if mean(careless) < 2*mean(careful) {
			t.Fatalf("careless shops at %.3f on average, careful ones at %.3f: want at least twice", mean(careless), mean(careful))
		}
		if first := list.Businesses[0]; !w.careless[first.BusinessID] || len(first.Reasons) == 0 {
			t.Fatalf("first on the list: %s (careless %v) with reasons %v", first.Name, w.careless[first.BusinessID], first.Reasons)
		}

		owed, err := w.svc.TargetsFor(context.Background(), w.query(w.s1, coversAll), true)
		if err != nil {
			t.Fatal(err)
		}
		var want []Target
		for _, b := range list.Businesses {
			if b.Owed > 0 {
				want = append(want, b)
			}
		}
		if len(want) == 0 || len(want) == len(list.Businesses) || !reflect.DeepEqual(owed.Businesses, want) {
			t.Fatalf("only those owed: %d of %d listed, want the %d owed in the same order", len(owed.Businesses), len(list.Businesses), len(want))
		}
	})
}

func mean(xs []float64) float64 {
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}

// TestTargetsRefusals: a unit outside the caller's jurisdiction is not found; above a station
// the list offers the stations; a city with too little record says so instead of ranking.
func TestTargetsRefusals(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		w := newTargetingWorld(t, st)
		onlyD2 := func(path string) bool { return strings.Contains(path, fmt.Sprintf("/%d/", w.d2)) }
		if _, err := w.svc.TargetsFor(ctx, w.query(w.s1, onlyD2), false); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("a station of another district: %v, want not found", err)
		}
		list, err := w.svc.TargetsFor(ctx, w.query(w.d1, coversAll), false)
		if err != nil || len(list.Stations) != 2 || list.Businesses != nil {
			t.Fatalf("a district: %+v, %v; want its two stations and no businesses", list, err)
		}

		bare := newPlanWorld(t, storetest.Open(t, st.Dialect()))
		_, err = bare.svc.TargetsFor(ctx, PlanQuery{UnitID: bare.s1, Year: 2026, Now: planNow, Covers: coversAll}, false)
		var e *apperr.Error
		if !errors.As(err, &e) || e.Code != apperr.Conflict || e.Key != "risk.targeting.too_little_record" {
			t.Fatalf("a city without a non-compliant finding: %v, want too little record", err)
		}
	})
}

// TestTargetRowsKnowOnlyThePast: a business's next inspection is described by its last one
// before the scoring day, and the rows learnt from stop before it.
func TestTargetRowsKnowOnlyThePast(t *testing.T) {
	b := targetBusiness{id: 7, station: 3, category: "catering", licensed: day(t, "2020-01-01"), events: []Event{
		{Kind: EventInspection, On: day(t, "2025-01-10"), Result: ResultNonCompliant},
		{Kind: EventComplaint, On: day(t, "2025-03-01")},
		{Kind: EventInspection, On: day(t, "2025-06-10"), Result: ResultBasic},
		{Kind: EventInspection, On: day(t, "2026-02-01"), Result: ResultNonCompliant},
	}}
	scoredOn := day(t, "2026-01-10")
	next := b.next(scoredOn)
	if next.FirstRecord || next.PastCritical != 0 || next.PastMinor != 1 || next.FacilityType != "Restaurant" || next.Zip != "3" {
		t.Fatalf("next inspection: %+v, want the basic one of 2025-06-10 before it", next)
	}
	if want := 214.0 / 365.25; next.YearsSinceLast != want {
		t.Fatalf("years since the last: %v, want %v", next.YearsSinceLast, want)
	}
	rows := b.inspectionRows(nil, day(t, "2025-02-01"), scoredOn)
	if len(rows) != 1 || rows[0].Critical || rows[0].PastCritical != 1 || !rows[0].Date.Equal(day(t, "2025-06-10")) {
		t.Fatalf("rows learnt: %+v, want only the inspection of 2025-06-10 after a non-compliant one", rows)
	}
	if first := b.next(day(t, "2025-01-10")); !first.FirstRecord {
		t.Fatalf("an inspection scored on the day of the first: %+v, want no earlier record", first)
	}
}

// TestTargetingRoutes: the page and the API answer each caller for its own units only.
func TestTargetingRoutes(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newTargetingWorld(t, st)
		h := newPlanHandler(w.planWorld)
		city, district, station, operator := planCallers(w.planWorld)
		checkRoutes(t, h, []routeCheck{
			{"inspector: its station's list", station, "/risk/targeting", 200, `id="targeting-businesses"`},
			{"inspector: reasons in Chinese", station, "/risk/targeting", 200, "上次检查"},
			{"inspector: the API", station, "/api/v1/risk/targeting", 200, `"probability":`},
			{"inspector: a sister station", station, fmt.Sprintf("/api/v1/risk/targeting?unit=%d", w.s2), 404, ""},
			{"district admin: its stations to choose from", district, "/risk/targeting", 200, fmt.Sprintf(`href="/risk/targeting?unit=%d&year=2026"`, w.s1)},
			{"district admin: another district's station", district, fmt.Sprintf("/risk/targeting?unit=%d", w.s3), 404, ""},
			{"city admin: any station", city, fmt.Sprintf("/api/v1/risk/targeting?unit=%d", w.s3), 200, `"reasons":`},
			{"operator: no unit", operator, "/api/v1/risk/targeting", 404, ""},
			{"a year out of range", city, "/api/v1/risk/targeting?year=1999", 400, `"field":"risk_plan_year"`},
			{"only those owed", station, "/api/v1/risk/targeting?owed=1", 200, `"only_owed":true`},
			{"owed neither 0 nor 1", station, "/risk/targeting?owed=yes", 400, "只列仍欠检查的"},
		})
	})
}

// TestRiskHome: the risk entry of the navigation opens the caller's plan, or for a business's
// operator its own grade.
func TestRiskHome(t *testing.T) {
	w := newPlanWorld(t, storetest.Open(t, store.SQLite))
	h := newPlanHandler(w)
	_, _, station, operator := planCallers(w)
	if rec := send(h, station, "GET", "/risk", "", nil); rec.Code != 200 || !strings.Contains(rec.Body.String(), `id="plan-title"`) {
		t.Fatalf("inspector: %d %.300s, want its station's plan", rec.Code, rec.Body)
	}
	rec := send(h, operator, "GET", "/risk", "", nil)
	if loc := rec.Header().Get("Location"); rec.Code != 303 || loc != "/risk/businesses/1" {
		t.Fatalf("operator: %d to %q, want 303 to its own grade", rec.Code, loc)
	}
	if rec := send(h, operator, "GET", fmt.Sprintf("/risk?unit=%d", w.s1), "", nil); rec.Code != 404 {
		t.Fatalf("operator asking for a unit's plan: %d, want 404", rec.Code)
	}
}
