package risk

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// planWorld is a city with two districts: the first with stations S1 and S2, the second
// with S3, and businesses graded and inspected by hand (see newPlanWorld).
type planWorld struct {
	st           *store.Store
	svc          *Service
	city, d1, d2 int64
	s1, s2, s3   int64
}

// planNow is the plan's "now": 1 July 2026, two quarters done.
var planNow = time.Date(2026, 7, 1, 12, 0, 0, 0, calendar.China)

func (w *planWorld) unit(tb testing.TB, parent int64, kind, name string) int64 {
	tb.Helper()
	ctx, now := context.Background(), time.Now().UTC()
	var id int64
	var parentID any
	path := "/"
	if parent != 0 {
		parentID = parent
		if err := w.st.DB().QueryRowContext(ctx, `SELECT path FROM org_units WHERE id = $1`, parent).Scan(&path); err != nil {
			tb.Fatal(err)
		}
	}
	err := w.st.DB().QueryRowContext(ctx, `INSERT INTO org_units (parent_id, kind, code, name, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`, parentID, kind, fmt.Sprintf("P%d", citySeq.Add(1)), name, now).Scan(&id)
	if err == nil {
		_, err = w.st.DB().ExecContext(ctx, `UPDATE org_units SET path = $1 WHERE id = $2`, fmt.Sprintf("%s%d/", path, id), id)
	}
	if err != nil {
		tb.Fatalf("create org unit: %v", err)
	}
	return id
}

// business registers a business of category/kind at station s of district d, operating
// since 2020 unless started says otherwise, and returns its id.
func (w *planWorld) business(tb testing.TB, name, category, kind string, d, s int64, status, started string) int64 {
	tb.Helper()
	var id int64
	err := w.st.DB().QueryRowContext(context.Background(), `INSERT INTO businesses (uscc, name, category, kind, address,
			district_id, station_id, lat, lng, licence_issued, status, created_at, updated_at)
		VALUES ($1, $2, $3, $4, '测试路1号', $5, $6, 30, 120, $7, $8, $9, $9) RETURNING id`,
		fmt.Sprintf("91330100MB%08d", usccSeq.Add(1)), name, category, kind, d, s, day(tb, started), status, time.Now().UTC()).Scan(&id)
	if err != nil {
		tb.Fatalf("create business %s: %v", name, err)
	}
	return id
}

// grade records a grade of business id graded on the day given.
func (w *planWorld) grade(tb testing.TB, id int64, scheme SchemeName, g Grade, priority bool, on string) {
	tb.Helper()
	_, err := w.st.DB().ExecContext(context.Background(), `INSERT INTO risk_grades (business_id, scheme, grade, priority,
			rule_refs, explanation, graded_on, computed_at)
		VALUES ($1, $2, $3, $4, '', '[]', $5, $5)`, id, string(scheme), string(g), boolInt(priority), day(tb, on))
	if err != nil {
		tb.Fatalf("grade business %d: %v", id, err)
	}
}

// inspected records inspections of business id on the days given; a day ending in "!"
// covered the whole checklist.
func (w *planWorld) inspected(tb testing.TB, id int64, days ...string) {
	tb.Helper()
	var events []BusinessEvent
	for _, s := range days {
		full := s[len(s)-1] == '!'
		if full {
			s = s[:len(s)-1]
		}
		events = append(events, BusinessEvent{BusinessID: id, Event: Event{Kind: EventInspection, On: day(tb, s), Result: ResultCompliant, FullChecklist: full}})
	}
	err := w.st.Tx(context.Background(), func(tx *sql.Tx) error { return insertEvents(context.Background(), tx, w.st.Dialect(), events, "test") })
	if err != nil {
		tb.Fatal(err)
	}
}

// newPlanWorld builds the hand-worked city of the plan tests (plan year 2026, on 1 July):
//
//	S1 b1 shop D (priority): inspected 2026-02-10; full 2024-03-01, due 2026-03-01, 122 days late; 3 required, 1 expected, 1 done
//	   b2 restaurant C: full 2025-05-01, due 2027; 2 required, 1 expected, none done: behind 1
//	   b3 shop A: full 2025-09-01; 1 required, 0 expected
//	   b4 shop B (A before, C graded after the plan's day): full 2026-01-15, done
//	   b5 farm, not graded: outside the plan
//	   b6 shop, not graded: never inspected in full, due 2024-03-15, 838 days late
//	   b7 closed shop D: outside the plan
//	S2 b8 dairy A (2022 draft): full 2025-06-01, nothing required in 2026
//	   b9 dairy D (2022 draft, priority): inspected 2026-01-10 and in full 2026-04-10; 3 required, 1 expected
//	S3 b10 shop D: nothing done, never in full: behind 1, 838 days late
func newPlanWorld(tb testing.TB, st *store.Store) *planWorld {
	c := mustCity(tb, st)
	w := &planWorld{st: st, svc: c.svc}
	w.city = w.unit(tb, 0, "city", "江临市")
	w.d1, w.d2 = w.unit(tb, w.city, "district", "东区"), w.unit(tb, w.city, "district", "西区")
	w.s1, w.s2, w.s3 = w.unit(tb, w.d1, "station", "一站"), w.unit(tb, w.d1, "station", "二站"), w.unit(tb, w.d2, "station", "三站")
	b1 := w.business(tb, "b1", "sales", "supermarket", w.d1, w.s1, "open", "2020-01-01")
	w.grade(tb, b1, Scheme2016, GradeD, true, "2025-12-20")
	w.inspected(tb, b1, "2024-03-01!", "2026-02-10")
	b2 := w.business(tb, "b2", "catering", "restaurant", w.d1, w.s1, "open", "2020-01-01")
	w.grade(tb, b2, Scheme2016, GradeC, false, "2025-12-20")
	w.inspected(tb, b2, "2025-05-01!")
	b3 := w.business(tb, "b3", "sales", "supermarket", w.d1, w.s1, "open", "2020-01-01")
	w.grade(tb, b3, Scheme2016, GradeA, false, "2025-12-20")
	w.inspected(tb, b3, "2025-09-01!")
	b4 := w.business(tb, "b4", "sales", "supermarket", w.d1, w.s1, "suspended", "2020-01-01")
	w.grade(tb, b4, Scheme2016, GradeA, false, "2024-12-20")
	w.grade(tb, b4, Scheme2016, GradeB, false, "2025-12-20")
	w.grade(tb, b4, Scheme2016, GradeC, false, "2026-08-01")
	w.inspected(tb, b4, "2026-01-15!")
	w.business(tb, "b5", "farm", "planting", w.d1, w.s1, "open", "2020-01-01")
	w.business(tb, "b6", "sales", "supermarket", w.d1, w.s1, "open", "2020-01-01")
	b7 := w.business(tb, "b7", "sales", "supermarket", w.d1, w.s1, "closed", "2020-01-01")
	w.grade(tb, b7, Scheme2016, GradeD, false, "2025-12-20")
	b8 := w.business(tb, "b8", "production", "dairy", w.d1, w.s2, "open", "2020-01-01")
	w.grade(tb, b8, Scheme2022Draft, GradeA, false, "2025-12-20")
	w.inspected(tb, b8, "2025-06-01!")
	b9 := w.business(tb, "b9", "production", "dairy", w.d1, w.s2, "open", "2020-01-01")
	w.grade(tb, b9, Scheme2022Draft, GradeD, true, "2025-12-20")
	w.inspected(tb, b9, "2026-01-10", "2026-04-10!")
	b10 := w.business(tb, "b10", "sales", "supermarket", w.d2, w.s3, "open", "2020-01-01")
	w.grade(tb, b10, Scheme2016, GradeD, false, "2025-12-20")
	return w
}

func everywhere(string) bool { return true }

func TestPlanTotals(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w, ctx := newPlanWorld(t, st), context.Background()
		p, err := w.svc.PlanFor(ctx, PlanQuery{UnitID: w.city, Year: 2026, Now: planNow, Covers: everywhere})
		if err != nil {
			t.Fatal(err)
		}
		s1 := PlanTally{Businesses: 5, A: 1, B: 1, C: 1, D: 1, Ungraded: 1, Required: 7, RequiredMax: 10, Priority: 1,
			FullThisYear: 3, Done: 2, FullDone: 1, Overdue: 3}
		s2 := PlanTally{Businesses: 2, A: 1, D: 1, Required: 3, RequiredMax: 3, Priority: 1, FullThisYear: 1, Done: 2, FullDone: 1}
		s3 := PlanTally{Businesses: 1, D: 1, Required: 3, RequiredMax: 4, FullThisYear: 1, Overdue: 1}
		d1 := PlanTally{Businesses: 7, A: 2, B: 1, C: 1, D: 2, Ungraded: 1, Required: 10, RequiredMax: 13, Priority: 2,
			FullThisYear: 4, Done: 4, FullDone: 2, Overdue: 3}
		city := PlanTally{Businesses: 8, A: 2, B: 1, C: 1, D: 3, Ungraded: 1, Required: 13, RequiredMax: 17, Priority: 2,
			FullThisYear: 5, Done: 4, FullDone: 2, Overdue: 4}
		wantStations := []PlanArea{{w.s1, "一站", s1}, {w.s3, "三站", s3}, {w.s2, "二站", s2}}
		wantDistricts := []PlanArea{{w.d1, "东区", d1}, {w.d2, "西区", s3}}
		if p.Total != city || !reflect.DeepEqual(p.Stations, wantStations) || !reflect.DeepEqual(p.Districts, wantDistricts) || p.Businesses != nil {
			t.Errorf("city plan:\n total %+v\n want  %+v\n stations %+v\n want     %+v\n districts %+v\n want      %+v\n rows %d",
				p.Total, city, p.Stations, wantStations, p.Districts, wantDistricts, len(p.Businesses))
		}
		if p.Year != 2026 || !p.Day.Equal(day(t, "2026-07-01")) || len(p.RuleRefs) < 2 {
			t.Errorf("plan of %d on %v under %v", p.Year, p.Day, p.RuleRefs)
		}
		district, err := w.svc.PlanFor(ctx, PlanQuery{UnitID: w.d1, Year: 2026, Now: planNow, Covers: everywhere})
		if err != nil || district.Total != d1 || len(district.Stations) != 2 || district.Districts != nil || district.Businesses != nil {
			t.Errorf("district plan: %+v, %v", district, err)
		}
	})
}

func TestPlanRowsOfStation(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newPlanWorld(t, st)
		p, err := w.svc.PlanFor(context.Background(), PlanQuery{UnitID: w.s1, Year: 2026, Now: planNow, Covers: everywhere})
		if err != nil {
			t.Fatal(err)
		}
		type brief struct {
			Grade                            Grade
			Required, Done, Expected, Behind int
			FullThisYear, FullDone           bool
			FullLate                         int
		}
		want := map[string]brief{
			"b1": {GradeD, 3, 1, 1, 0, true, false, 122},
			"b2": {GradeC, 2, 0, 1, 1, false, false, 0},
			"b3": {GradeA, 1, 0, 0, 0, false, false, 0},
			"b4": {GradeB, 1, 1, 0, 0, true, true, 0},
			"b6": {"", 0, 0, 0, 0, true, false, 838},
		}
		if len(p.Businesses) != len(want) {
			t.Fatalf("%d rows, want %d: %+v", len(p.Businesses), len(want), p.Businesses)
		}
		for _, r := range p.Businesses {
			got := brief{r.Grade, r.Required, r.Done, r.Expected, r.Behind, r.FullThisYear, r.FullDone, r.FullLateDays}
			if got != want[r.Name] {
				t.Errorf("%s: %+v, want %+v", r.Name, got, want[r.Name])
			}
		}
	})
}

func TestOverdueByStation(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newPlanWorld(t, st)
		o, err := w.svc.OverdueFor(context.Background(), PlanQuery{UnitID: w.city, Year: 2026, Now: planNow, Covers: everywhere})
		if err != nil {
			t.Fatal(err)
		}
		var got [][]string
		for _, s := range o.Stations {
			var names []string
			for _, r := range s.Businesses {
				names = append(names, r.Name)
			}
			got = append(got, append([]string{s.Name}, names...))
		}
		want := [][]string{{"一站", "b6", "b1", "b2"}, {"三站", "b10"}}
		if o.Total != 4 || !reflect.DeepEqual(got, want) {
			t.Errorf("overdue %d: %v, want 4: %v", o.Total, got, want)
		}
		station, err := w.svc.OverdueFor(context.Background(), PlanQuery{UnitID: w.s2, Year: 2026, Now: planNow, Covers: everywhere})
		if err != nil || station.Total != 0 || len(station.Stations) != 0 {
			t.Errorf("station S2 is on pace: %+v %v", station, err)
		}
	})
}

// TestPlanDayInBeijing: the plan's day ends at midnight Beijing time, whatever the clock of
// the stored instant.
func TestPlanDayInBeijing(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newPlanWorld(t, st)
		var b10 int64
		if err := st.DB().QueryRowContext(context.Background(), `SELECT id FROM businesses WHERE name = 'b10'`).Scan(&b10); err != nil {
			t.Fatal(err)
		}
		lateOnTheDay, nextDay := time.Date(2026, 7, 1, 23, 30, 0, 0, calendar.China), time.Date(2026, 7, 2, 0, 30, 0, 0, calendar.China)
		events := []BusinessEvent{
			{BusinessID: b10, Event: Event{Kind: EventInspection, On: lateOnTheDay, Result: ResultCompliant}},
			{BusinessID: b10, Event: Event{Kind: EventInspection, On: nextDay, Result: ResultCompliant, FullChecklist: true}},
		}
		if err := st.Tx(context.Background(), func(tx *sql.Tx) error {
			return insertEvents(context.Background(), tx, st.Dialect(), events, "test")
		}); err != nil {
			t.Fatal(err)
		}
		p, err := w.svc.PlanFor(context.Background(), PlanQuery{UnitID: w.s3, Year: 2026, Now: planNow, Covers: everywhere})
		if err != nil || len(p.Businesses) != 1 || p.Businesses[0].Done != 1 || p.Businesses[0].FullDone || p.Businesses[0].Owed != 1 {
			t.Errorf("b10 on 1 July: %+v %v, want the inspection of 23:30 counted and the one after midnight not", p.Businesses, err)
		}
	})
}

// TestPlanNextYear: next year's plan, drawn up in the summer, takes every grade computed for
// up to next year's first day (b4's C of August), has nothing done yet, and owes only what
// is late today (b1 and b6, past their full-checklist due day).
func TestPlanNextYear(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newPlanWorld(t, st)
		p, err := w.svc.PlanFor(context.Background(), PlanQuery{UnitID: w.s1, Year: 2027, Now: planNow, Covers: everywhere})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, r := range p.Businesses {
			got[r.Name] = fmt.Sprintf("%s %d %v %d", r.Grade, r.Required, r.FullThisYear, r.Done+r.Owed)
		}
		want := map[string]string{"b1": "D 3 true 1", "b2": "C 2 true 0", "b3": "A 1 true 0", "b4": "C 2 false 0", "b6": " 0 true 1"}
		if !reflect.DeepEqual(got, want) || !p.Day.Equal(day(t, "2026-07-01")) {
			t.Errorf("plan for 2027 on %v: %v, want %v", p.Day, got, want)
		}
	})
}
