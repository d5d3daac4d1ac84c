package journey

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/trace/synth"
)

// TestTraceAndRecallAPI captures the worked small chain and checks, on both engines, that
// the API's backward and forward traces hold exactly the worked events of each lot and
// that its recall scope holds exactly the worked places with what arrived there and when
// the first of it did, grouped by district with the school canteen first.
func TestTraceAndRecallAPI(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		city := w.cityAdmin()
		for _, c := range w.fix.Cases {
			t.Run(c.Name, func(t *testing.T) {
				for _, dir := range []struct {
					name string
					want []synth.EventRef
				}{{Backward, c.Backward}, {Forward, c.Forward}} {
					var got TraceAnswer
					w.getJSON(city, "/api/v1/trace?direction="+dir.name+"&id="+url.QueryEscape(c.Lot), 200, &got)
					assertEvents(t, dir.name, dir.want, got.Steps)
					if got.ID != c.Lot || got.Direction != dir.name || got.Truncated {
						t.Errorf("%s: id %q, direction %q, truncated %v", dir.name, got.ID, got.Direction, got.Truncated)
					}
				}
				var recall RecallAnswer
				w.getJSON(city, "/api/v1/recall?id="+url.QueryEscape(c.Lot), 200, &recall)
				assertRecall(t, w, c, recall)
			})
		}
	})
}

// assertEvents checks that steps are exactly the events of want.
func assertEvents(t *testing.T, what string, want []synth.EventRef, steps []Step) {
	t.Helper()
	got := map[string]bool{}
	for _, s := range steps {
		got[s.EventID] = true
	}
	wanted := map[string]bool{}
	for _, e := range want {
		wanted[e.ID] = true
		if !got[e.ID] {
			t.Errorf("%s misses %s", what, e.What)
		}
	}
	for id := range got {
		if !wanted[id] {
			t.Errorf("%s has event %s, which it should not", what, id)
		}
	}
}

// assertRecall checks a recall against the worked places: per business, what arrived and
// was made there per unit, and no step there before the first of it; each place in its
// district's group; canteens first.
func assertRecall(t *testing.T, w *world, c synth.TraceCase, got RecallAnswer) {
	t.Helper()
	want := map[string]string{}
	firsts := map[string]time.Time{} // the first arrival or making; the first step there may come before it
	amounts := map[string]map[string]float64{}
	for _, r := range c.Recall {
		if amounts[r.Business.USCC] == nil {
			amounts[r.Business.USCC] = map[string]float64{}
		}
		amounts[r.Business.USCC][r.UOM] += r.Quantity
		if f, ok := firsts[r.Business.USCC]; !ok || r.First.Before(f) {
			firsts[r.Business.USCC] = r.First
		}
	}
	for uscc, byUnit := range amounts {
		want[uscc] = fmt.Sprint(sortedAmounts(byUnit))
	}
	have := map[string]string{}
	for _, g := range got.Districts {
		for i, p := range g.Places {
			byUnit := map[string]float64{}
			for _, q := range slices.Concat(p.Quantities, p.Made) {
				byUnit[q.UOM] += q.Amount
			}
			have[p.Place.USCC] = fmt.Sprint(sortedAmounts(byUnit))
			if first := firsts[p.Place.USCC]; p.First.After(first) {
				t.Errorf("%s: first step %s, after the first arrival %s", p.Place.Name, p.First, first)
			}
			b := w.business(p.Place.Name)
			if p.Place.DistrictID != w.district(b.District) || g.DistrictID != p.Place.DistrictID || g.District != districtName(b.District) {
				t.Errorf("%s is in group %q, its place says district %d", p.Place.Name, g.District, p.Place.DistrictID)
			}
			if p.Place.Canteen != (b.Kind == synth.SchoolCanteen) || i > 0 && p.Place.Canteen && !g.Places[i-1].Place.Canteen {
				t.Errorf("%s: canteen %v at %d in its district", p.Place.Name, p.Place.Canteen, i)
			}
		}
	}
	if !maps.Equal(have, want) || len(got.Unregistered) != 0 {
		t.Errorf("recall of %s:\n got %v\nwant %v\n(and %d unregistered places)", c.Name, have, want, len(got.Unregistered))
	}
}

func sortedAmounts(m map[string]float64) []string {
	var out []string
	for u, q := range m {
		out = append(out, fmt.Sprintf("%v%s", q, u))
	}
	slices.Sort(out)
	return out
}

// TestLookupForms traces L1 typed as a user may type it.
func TestLookupForms(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) { testLookupForms(t, newWorld(t, st)) })
}

func testLookupForms(t *testing.T, w *world) {
	lot := w.fix.Cases[0].Lot
	gtin, batch := lotNumbers(lot)
	for _, typed := range []string{lot, " " + lot + " ", "(01)" + gtin + "(10)" + batch, gtin + " " + batch,
		strings.Replace(lot, "https://id.gs1.org/", "https://example.cn/shop/", 1), batch} {
		var got TraceAnswer
		w.getJSON(w.cityAdmin(), "/api/v1/trace?id="+url.QueryEscape(typed), 200, &got)
		if got.ID != lot || got.Direction != Backward {
			t.Errorf("%q traced %q %s, want %q backward", typed, got.ID, got.Direction, lot)
		}
	}
	for _, tt := range []struct{ path, want string }{
		{"/api/v1/trace?id=", `"field":"id"`},
		{"/api/v1/trace?id=" + url.QueryEscape(lot) + "&direction=sideways", `"field":"direction"`},
		{"/api/v1/trace?id=NOSUCHBATCH", `"status":404`},
		{"/api/v1/recall?id=" + url.QueryEscape("urn:epc:class:lgtin:6901234.000101.NONE"), `"status":404`},
	} {
		rec := w.call(w.cityAdmin(), "GET", tt.path, "")
		if rec.Code < 400 || !strings.Contains(rec.Body.String(), tt.want) {
			t.Errorf("GET %s: %d %.300s, want %s", tt.path, rec.Code, rec.Body, tt.want)
		}
	}
}
