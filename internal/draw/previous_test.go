package draw

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestNextDrawRecusesTheLastInspection: the inspectors of a business's previous inspection
// step aside in the next draw, whether the bureau drew it or a station signed it outside
// any draw, the later of the two counting alone; an inspection not yet signed counts for
// nothing; and the task's bundle still reproduces the draw.
func TestNextDrawRecusesTheLastInspection(t *testing.T) {
	ctx := context.Background()
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		f := newCityFixture(t, st)
		if err := f.draws.SaveItem(ctx, f.city, InspectionItem{ID: "I-01", Name: "日常检查", Basis: "第49号令", RatioPercent: 20}); err != nil {
			t.Fatal(err)
		}
		// Businesses of district D1; the inspections outside draws are by officers of D2,
		// whom no draw seats in D1, so that whose inspection counts shows.
		drawnThenSigned, signedThenDrawn, onlySigned, underWay := f.businesses[0], f.businesses[1], f.businesses[2], f.businesses[3]
		template := f.inspectTemplate(t)
		drawn := f.drawOnly(t, "2026-001", drawnThenSigned, signedThenDrawn)
		drawnAt := *drawn.DrawnAt
		f.inspection(t, template, signedThenDrawn, "signed", drawnAt.Add(-time.Hour), f.inspectors[10], f.inspectors[11])
		f.inspection(t, template, drawnThenSigned, "signed", drawnAt.Add(time.Hour), f.inspectors[8], f.inspectors[9])
		f.inspection(t, template, onlySigned, "signed", drawnAt.Add(-time.Hour), f.inspectors[12], f.inspectors[13])
		f.inspection(t, template, underWay, "checked_in", time.Time{}, f.inspectors[14], f.inspectors[15])

		first, err := f.draws.Bundle(ctx, drawn.ID)
		if err != nil {
			t.Fatal(err)
		}
		drawnBusinesses, drawnPeople := f.registryResult(t, drawn.ID, first.Result)
		next, err := f.draws.CreateTask(ctx, f.newTask(t, "2026-002", f.city))
		if err != nil {
			t.Fatal(err)
		}
		recused := f.recusedByBusiness(t, next.ID)
		for _, tt := range []struct {
			name     string
			business int64
			want     []int64
		}{
			{"signed after its draw", drawnThenSigned, []int64{f.inspectors[8], f.inspectors[9]}},
			{"drawn after its inspection", signedThenDrawn, drawnPeople[slices.Index(drawnBusinesses, signedThenDrawn)]},
			{"signed outside any draw", onlySigned, []int64{f.inspectors[12], f.inspectors[13]}},
			{"inspection under way", underWay, nil},
		} {
			if got, want := recused[tt.business], slices.Sorted(slices.Values(tt.want)); !slices.Equal(got, want) {
				t.Errorf("%s: business %d recuses %v, want %v", tt.name, tt.business, got, want)
			}
		}
		if _, err := f.draws.Draw(ctx, next.ID, ""); err != nil {
			t.Fatal(err)
		}
		b, err := f.draws.Bundle(ctx, next.ID)
		if err != nil {
			t.Fatal(err)
		}
		mustVerify(t, b, next.Commitment)
	})
}

// drawOnly draws a task of the city that draws exactly businesses (set to class D, every
// other class at 0 %) and returns it.
func (f *cityFixture) drawOnly(t *testing.T, code string, businesses ...int64) Task {
	t.Helper()
	ctx := context.Background()
	for _, b := range businesses {
		if err := f.draws.SetCreditClass(ctx, b, ClassD); err != nil {
			t.Fatal(err)
		}
	}
	nt := f.newTask(t, code, f.city)
	nt.Config.RatioPercent = map[CreditClass]float64{ClassA: 0, ClassB: 0, ClassC: 0, ClassD: 100}
	task, err := f.draws.CreateTask(ctx, nt)
	if err == nil {
		task, err = f.draws.Draw(ctx, task.ID, "")
	}
	if err != nil {
		t.Fatal(err)
	}
	return task
}

// inspectTemplate inserts a checklist template for the inspections of the fixture: the
// draw reads only who inspected and when.
func (f *cityFixture) inspectTemplate(t *testing.T) int64 {
	t.Helper()
	var id int64
	err := f.st.DB().QueryRowContext(context.Background(), `INSERT INTO inspect_templates (sector, region, version, status, title, max_general_failures, created_at, created_by)
		VALUES ('catering', 'draw-test', 1, 'published', '餐饮服务日常监督检查要点表', 8, $1, 'test') RETURNING id`, time.Now().UTC()).Scan(&id)
	if err != nil {
		t.Fatalf("insert template: %v", err)
	}
	return id
}

// inspection inserts an inspection of business outside any draw, in status, signed at
// signed when it is signed, by inspectors in seat order, as internal/inspect keeps it.
func (f *cityFixture) inspection(t *testing.T, template, business int64, status string, signed time.Time, inspectors ...int64) {
	t.Helper()
	ctx := context.Background()
	var signedAt any
	if status == "signed" {
		signedAt = signed.UTC()
	}
	var id int64
	err := f.st.DB().QueryRowContext(ctx, `INSERT INTO inspections (uuid, source, kind, business_id, district_id, station_id, template_id, status, signed_at, created_at, created_by)
		SELECT $1, 'ad_hoc', 'daily', b.id, b.district_id, b.station_id, $2, $3, $4, $5, 'test' FROM businesses b WHERE b.id = $6 RETURNING id`,
		fmt.Sprintf("test-%d-%s", business, status), template, status, signedAt, time.Now().UTC(), business).Scan(&id)
	if err != nil {
		t.Fatalf("insert inspection of %d: %v", business, err)
	}
	for seat, p := range inspectors {
		if _, err := f.st.DB().ExecContext(ctx, `INSERT INTO inspection_inspectors (inspection_id, person_id, seat) VALUES ($1, $2, $3)`, id, p, seat+1); err != nil {
			t.Fatalf("seat inspector %d: %v", p, err)
		}
	}
}

func TestVisitKeepsTheLatest(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		rows []time.Time // one inspector a row, P0, P1, … in turn
		want []string
	}{
		{"one inspection", []time.Time{at, at}, []string{"P0", "P1"}},
		{"a later one replaces it", []time.Time{at, at, at.Add(time.Second), at.Add(time.Second)}, []string{"P2", "P3"}},
		{"an earlier one is ignored", []time.Time{at, at, at.Add(-time.Second)}, []string{"P0", "P1"}},
		{"a tie counts both", []time.Time{at, at.Add(-time.Second), at}, []string{"P0", "P2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v visit
			for i, row := range tt.rows {
				v = v.keepLatest(row, fmt.Sprintf("P%d", i))
			}
			if !slices.Equal(v.inspectors, tt.want) {
				t.Errorf("inspectors %v, want %v", v.inspectors, tt.want)
			}
		})
	}
}
