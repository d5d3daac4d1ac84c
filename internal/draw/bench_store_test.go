package draw

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/rules"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// BenchmarkTaskStore times a task's life in the database: freezing and committing the
// directories (CreateTask), then drawing and storing the result (Draw), on SQLite with
// SHEJIAN_DRAW_BENCH_BUSINESSES businesses (default 100,000) in 10 districts of 10
// stations, and one inspector per 100 businesses.
func BenchmarkTaskStore(b *testing.B) {
	n := benchBusinesses()
	st := storetest.Open(b, store.SQLite)
	book, err := rules.New(st)
	if err != nil {
		b.Fatal(err)
	}
	draws := NewStore(st, book, calendar.Default())
	city := benchCity(b, st, draws, n)
	ctx := context.Background()
	cfg, err := DefaultConfig(ctx, book, time.Now(), "", "bench")
	if err != nil {
		b.Fatal(err)
	}
	cfg.ExcludeOwnStation = true
	i := 0
	for b.Loop() {
		i++
		cfg.TaskID = fmt.Sprintf("B-%d", i)
		t, err := draws.CreateTask(ctx, NewTask{OrgUnitID: city, Config: cfg})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := draws.Draw(ctx, t.ID, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// benchBusinesses is the number of businesses of the store benchmarks' city:
// SHEJIAN_DRAW_BENCH_BUSINESSES, 100,000 when unset.
func benchBusinesses() int {
	if n, err := strconv.Atoi(os.Getenv("SHEJIAN_DRAW_BENCH_BUSINESSES")); err == nil {
		return n
	}
	return 100_000
}

// benchCity makes the org tree, n businesses and n/100 admitted inspectors.
func benchCity(b *testing.B, st *store.Store, draws *Store, n int) int64 {
	b.Helper()
	ctx := context.Background()
	orgs := registry.NewOrgStore(st)
	unit := func(parent *int64, kind registry.OrgKind, code string) int64 {
		lat, lng, radius := 30.25, 120.15, 10.0
		o, err := orgs.Create(ctx, registry.OrgUnitInput{ParentID: parent, Kind: kind, Code: code, Name: code, Township: code, CenterLat: &lat, CenterLng: &lng, RadiusKm: &radius})
		if err != nil {
			b.Fatal(err)
		}
		return o.ID
	}
	city := unit(nil, registry.OrgCity, "C")
	type place struct{ district, station int64 }
	var places []place
	for d := range 10 {
		district := unit(&city, registry.OrgDistrict, fmt.Sprintf("D%d", d))
		for s := range 10 {
			places = append(places, place{district, unit(&district, registry.OrgStation, fmt.Sprintf("S%d-%d", d, s))})
		}
	}
	now := time.Now().UTC()
	err := st.Tx(ctx, func(tx *sql.Tx) error {
		for i := range n {
			p := places[i%len(places)]
			if _, err := tx.ExecContext(ctx, `INSERT INTO businesses (uscc, name, category, address, district_id, station_id, lat, lng, created_at, updated_at)
				VALUES ($1, 'b', 'catering', 'a', $2, $3, 30.25, 120.15, $4, $4)`, fmt.Sprintf("B%09d", i), p.district, p.station, now); err != nil {
				return err
			}
			if i%100 == 0 {
				var person int64
				if err := tx.QueryRowContext(ctx, `INSERT INTO people (org_unit_id, name, role_kind, created_at, updated_at) VALUES ($1, 'p', 'enforcement', $2, $2) RETURNING id`,
					places[(i/100)%len(places)].station, now).Scan(&person); err != nil {
					return err
				}
				if _, err := tx.ExecContext(ctx, `INSERT INTO draw_inspectors (person_id, admitted_at) VALUES ($1, $2)`, person, now); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return city
}
