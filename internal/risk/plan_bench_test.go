package risk

import (
	"context"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/store/storetest"
)

// BenchmarkPlanCity draws up the plan of a city of SHEJIAN_RISK_PLAN_BENCH_N businesses
// (default 1,000,000) in process, from their grades and inspections: 8 districts of 10
// stations, grades A–D under both schemes, up to three inspections each over two years
// (inputs cycle through 4,096 so that the measure is planning, not generating). It counts
// and tallies every business as the city's planning sheet and overdue count need.
func BenchmarkPlanCity(b *testing.B) {
	n := benchSize("SHEJIAN_RISK_PLAN_BENCH_N", 1_000_000)
	y := newPlanYear(2026, planNow)
	r := mustPlanRules(b, y.RulesDay)
	pool := make([]planInput, 4096)
	for i := range pool {
		in := planInput{Scheme: Scheme2016, Grade: Grades[i%4], Priority: i%7 == 0, Start: time.Date(2015+i%10, 3, 1, 0, 0, 0, 0, time.UTC)}
		if i%5 == 0 {
			in.Scheme = Scheme2022Draft
		}
		if i%9 == 0 {
			in.Grade = ""
		}
		for v := range i % 4 {
			in.Visits = append(in.Visits, visit{On: y.Day.AddDate(0, 0, -170*v-i%90), Full: (i+v)%3 == 0})
		}
		pool[i] = in
	}
	unit := PlanUnit{ID: 1, Kind: "city", Name: "江临市"}
	b.ResetTimer()
	var overdue int
	for range b.N {
		builder := newPlanBuilder(r, y, unit, func(*PlanRow) bool { return false })
		for i := range n {
			in := pool[i%len(pool)]
			in.BusinessID, in.DistrictID, in.StationID = int64(i+1), int64(2+i%8), int64(10+i%80)
			if err := builder.add(in); err != nil {
				b.Fatal(err)
			}
		}
		overdue = builder.finish(map[int64]string{}).Total.Overdue
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/business")
	b.ReportMetric(float64(overdue), "overdue")
}

// BenchmarkPlanStore draws up the plan of a district of SHEJIAN_RISK_BENCH_DB_N businesses
// (default 20,000), every one listed, through the database on each engine: each inspected
// twice (in full in 2023, partly in 2024) and graded first; the plan reads the grades in
// force and the inspections, plans and tallies.
func BenchmarkPlanStore(b *testing.B) {
	n := benchSize("SHEJIAN_RISK_BENCH_DB_N", 20_000)
	for _, d := range storetest.Engines {
		b.Run(string(d), func(b *testing.B) {
			st := storetest.Open(b, d)
			c := mustCity(b, st)
			mustBenchBusinesses(b, c, n)
			ctx := context.Background()
			for _, visit := range []struct {
				on   time.Time
				full int
			}{{gradingDay.AddDate(-1, 0, 0), 1}, {gradingDay.AddDate(0, -2, 0), 0}} {
				if _, err := st.DB().ExecContext(ctx, `INSERT INTO risk_events (business_id, kind, occurred_at, result,
					full_checklist, source, created_at) SELECT id, 'inspection', $1, 'compliant', $2, 'bench', $1 FROM businesses`,
					visit.on, visit.full); err != nil {
					b.Fatal(err)
				}
			}
			if _, err := c.svc.RecomputeAll(ctx, gradingDay, false, nil); err != nil {
				b.Fatal(err)
			}
			if _, err := st.DB().ExecContext(ctx, `UPDATE org_units SET path = '/' || id || '/'`); err != nil {
				b.Fatal(err)
			}
			q := PlanQuery{UnitID: c.district, Year: 2024, Now: gradingDay, Covers: everywhere, AllRows: true}
			b.ResetTimer()
			for range b.N {
				p, err := c.svc.PlanFor(ctx, q)
				if err != nil || p.Total.Businesses == 0 {
					b.Fatal(p, err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/business")
		})
	}
}
