package risk

import (
	"context"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// BenchmarkRecompute grades SHEJIAN_RISK_BENCH_N businesses (default 100,000) in process:
// the rules are resolved once, inputs cycle through 4,096 demo businesses (so that the
// measure is grading, not generating), results are counted by grade as a writer would
// receive them. The target is 1,000,000 businesses in 10 s.
func BenchmarkRecompute(b *testing.B) {
	n := benchSize("SHEJIAN_RISK_BENCH_N", 100_000)
	schemes := Schemes{Default: mustScheme(b, Scheme2016), Producers: mustScheme(b, Scheme2022Draft)}
	pool := demoInputs(4096)
	input := func(i int) Input {
		in := pool[i%len(pool)]
		in.BusinessID = int64(i + 1)
		return in
	}
	b.ResetTimer()
	for range b.N {
		grades := map[Grade]int{}
		err := Recompute(context.Background(), schemes, n, input, func(_ int, graded []Graded) error {
			for _, g := range graded {
				if g.Err != nil {
					return g.Err
				}
				grades[g.Result.Grade]++
			}
			return nil
		}, nil)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/business")
}

// BenchmarkRecomputeStore grades SHEJIAN_RISK_BENCH_DB_N businesses (default 20,000), with
// demo factors and five years of record (DemoRecord, about ten events each), through the
// database on each engine: read a page, grade it, write its grades. "first" grades a city
// with no grades yet, so that every grade is inserted and appended to the history (the
// first recompute of a city); "changed" grades a graded city whose every grade changes (as
// after a rule change for all), so that every grade replaces the latest and is appended to
// the history: it grades for the day before the latest grading, which changes the grade
// either way; "again" grades it once more with nothing changed, so that every grade
// replaces the current one.
func BenchmarkRecomputeStore(b *testing.B) {
	n := benchSize("SHEJIAN_RISK_BENCH_DB_N", 20_000)
	ctx := context.Background()
	for _, d := range storetest.Engines {
		b.Run(string(d), func(b *testing.B) {
			c := mustCity(b, storetest.Open(b, d))
			mustBenchBusinesses(b, c, n)
			if _, err := c.svc.SeedDemo(ctx, 1, gradingDay, nil); err != nil {
				b.Fatal(err)
			}
			recomputeOn := func(b *testing.B, day time.Time) {
				if _, err := c.svc.RecomputeAll(ctx, day, false, nil); err != nil {
					b.Fatal(err)
				}
			}
			recompute := func(b *testing.B) { recomputeOn(b, gradingDay) }
			b.Run("first", func(b *testing.B) {
				for range b.N {
					b.StopTimer()
					mustEmptyGrades(b, c.st)
					mustSettle(b, c.st)
					b.StartTimer()
					recompute(b)
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/business")
			})
			b.Run("changed", func(b *testing.B) {
				for range b.N {
					b.StopTimer()
					recomputeOn(b, gradingDay.AddDate(0, 0, 1))
					mustSettle(b, c.st)
					b.StartTimer()
					recompute(b)
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/business")
			})
			b.Run("again", func(b *testing.B) {
				recompute(b)
				mustSettle(b, c.st)
				b.ResetTimer()
				for range b.N {
					recompute(b)
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/business")
			})
		})
	}
}

// mustEmptyGrades empties both grade tables as a city that was never graded has them. On
// PostgreSQL that takes TRUNCATE: after a DELETE the rows are only dead, so that the next
// insert of each business would check the dead row the index of the latest gradings still
// holds for it, and take no room they left, until a vacuum. SQLite empties a table deleted
// from without a condition.
func mustEmptyGrades(b testing.TB, st *store.Store) {
	b.Helper()
	empty := `DELETE FROM risk_grades_current; DELETE FROM risk_grades`
	if st.Dialect() == store.Postgres {
		empty = `TRUNCATE risk_grades_current, risk_grades`
	}
	if _, err := st.DB().ExecContext(context.Background(), empty); err != nil {
		b.Fatal(err)
	}
}

// mustSettle writes out what the set-up left to write, so that a timed recompute does not
// share the disk with the writing back of a million businesses just registered or of the
// grades just emptied: on SQLite the log is copied into the database file, which is synced;
// PostgreSQL checkpoints.
func mustSettle(b testing.TB, st *store.Store) {
	b.Helper()
	ctx := context.Background()
	if st.Dialect() == store.Postgres {
		if _, err := st.DB().ExecContext(ctx, `CHECKPOINT`); err != nil {
			b.Fatal(err)
		}
		return
	}
	if _, err := st.DB().ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		b.Fatal(err)
	}
	f, err := os.Open(strings.TrimPrefix(st.DSN(), "sqlite:"))
	if err == nil {
		err = errors.Join(f.Sync(), f.Close())
	}
	if err != nil {
		b.Fatal(err)
	}
}

// benchSize is the positive integer in the environment variable key, or def.
func benchSize(key string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(key)); err == nil && v > 0 {
		return v
	}
	return def
}

// mustBenchBusinesses registers n shops, restaurants and dairies in one statement.
func mustBenchBusinesses(b testing.TB, c *testCity, n int) {
	b.Helper()
	_, err := c.st.DB().ExecContext(context.Background(), `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < $1)
		INSERT INTO businesses (uscc, name, category, kind, address, district_id, station_id, lat, lng, floor_area,
			product_count, daily_diners, supplier_count, created_at, updated_at)
		SELECT 'B' || i, '商户' || i, CASE i % 3 WHEN 0 THEN 'sales' WHEN 1 THEN 'catering' ELSE 'production' END,
			CASE i % 3 WHEN 0 THEN 'supermarket' WHEN 1 THEN 'restaurant' ELSE 'dairy' END, '路' || i, $2, $3, 30, 120,
			i % 3000, i % 5000, i % 900, i % 400, $4, $4 FROM seq`, n, c.district, c.station, time.Now().UTC())
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkGradeAndEncode unpacks the records of demo businesses, grades them and encodes
// each grading as a recompute stores it, on one core: the work of the grading stage of a
// recompute per business.
func BenchmarkGradeAndEncode(b *testing.B) {
	schemes := Schemes{Default: mustScheme(b, Scheme2016), Producers: mustScheme(b, Scheme2022Draft)}
	run := &gradingRun{at: gradingDay, schemes: schemes, cite: citations{}}
	for i, src := range citedBy(schemes) {
		run.cite[src] = int64(i + 1)
	}
	pool := demoInputs(4096)
	inputs := make([]gradeInput, len(pool))
	for i, in := range pool {
		inputs[i].record = mustPack(b, in.Events)
		in.Events = nil
		inputs[i].Input = in
	}
	var scratch gradeScratch
	b.ResetTimer()
	for i := range b.N {
		if _, _, err := run.grade(&inputs[i%len(inputs)], &scratch); err != nil {
			b.Fatal(err)
		}
	}
}
