package draw

import (
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// TestRecusalNeverViolated draws many random cities with random rules and checks every
// result against the rules from scratch: each drawn entity once, with exactly the configured
// number of distinct inspectors, none recused (declared conflict, previous inspector,
// recused without a reason as in a published draw, own station when excluded), all from its
// region unless any region will do; and a draw that fails names an entity that really lacks
// eligible inspectors, draws nothing and leaves its inputs as they were (in canonical order).
func TestRecusalNeverViolated(t *testing.T) {
	rng := rand.New(rand.NewPCG(2026, 5))
	var drawn, failed, failedOnRecused, seatedBesideRecused int
	for round := range 300 {
		shape := cityShape{entities: 50 + rng.IntN(400), inspectors: 4 + rng.IntN(40), regions: 1 + rng.IntN(4),
			stations: 1 + rng.IntN(3), previousShare: rng.Float64(), conflictsPerInspector: rng.IntN(30), recusedShare: rng.Float64()}
		in := synthCity(uint64(round), shape)
		in.Config.InspectorsPerEntity = 2 + rng.IntN(2)
		in.Config.AnyRegion = rng.IntN(3) == 0
		in.Config.ExcludeOwnStation = rng.IntN(2) == 0
		for _, c := range Classes {
			in.Config.RatioPercent[c] = float64(rng.IntN(10001)) / 100
		}
		before := cloneInputs(in)
		before.normalize()
		r, err := Run(&in, testSeed(fmt.Sprint(round)), "")
		var why *InfeasibleError
		switch {
		case errors.As(err, &why):
			failed++
			if why.Recused > 0 {
				failedOnRecused++
			}
			if n := len(eligible(&in, entityByID(&in, why.Entity))); n >= in.Config.InspectorsPerEntity {
				t.Fatalf("round %d: %s refused with %d eligible inspectors", round, why.Entity, n)
			}
			if r.Strata != nil || r.Assignments != nil || !reflect.DeepEqual(in, before) {
				t.Fatalf("round %d: a refused draw returned %+v or changed its inputs", round, r)
			}
		case err != nil:
			t.Fatalf("round %d: %v", round, err)
		default:
			drawn++
			seatedBesideRecused += checkAssignments(t, round, &in, r)
		}
	}
	if drawn < 100 || failed < 10 || failedOnRecused < 5 || seatedBesideRecused < 1000 {
		t.Errorf("%d draws succeeded and %d failed (%d with recused inspectors among the causes), %d entities seated beside recused inspectors: "+
			"the random cities do not cover every case", drawn, failed, failedOnRecused, seatedBesideRecused)
	}
}

// cloneInputs copies in down to its lists of IDs, so that a draw's changes to in show.
func cloneInputs(in Inputs) Inputs {
	out := in
	out.Config.RatioPercent = maps.Clone(in.Config.RatioPercent)
	out.Items = slices.Clone(in.Items)
	out.Entities = slices.Clone(in.Entities)
	for i := range out.Entities {
		e := &out.Entities[i]
		e.PreviousInspectors, e.Recused = slices.Clone(e.PreviousInspectors), slices.Clone(e.Recused)
	}
	out.Inspectors = slices.Clone(in.Inspectors)
	for i := range out.Inspectors {
		out.Inspectors[i].Conflicts = slices.Clone(out.Inspectors[i].Conflicts)
	}
	return out
}

// checkAssignments checks r against the rules and returns how many of its entities had a
// recused inspector in their pool: the cases where seating one would show.
func checkAssignments(t *testing.T, round int, in *Inputs, r Result) int {
	t.Helper()
	seen := map[string]bool{}
	besideRecused := 0
	for _, a := range r.Assignments {
		if seen[a.Entity] {
			t.Fatalf("round %d: %s drawn twice", round, a.Entity)
		}
		seen[a.Entity] = true
		e := entityByID(in, a.Entity)
		ok := eligible(in, e)
		if len(a.Inspectors) != in.Config.InspectorsPerEntity || len(slices.Compact(slices.Sorted(slices.Values(a.Inspectors)))) != len(a.Inspectors) {
			t.Fatalf("round %d: %s got inspectors %v, want %d distinct", round, a.Entity, a.Inspectors, in.Config.InspectorsPerEntity)
		}
		for _, p := range a.Inspectors {
			if !slices.Contains(ok, p) {
				t.Fatalf("round %d: %s got %s, who must step aside (eligible %v)", round, a.Entity, p, ok)
			}
		}
		if slices.ContainsFunc(e.Recused, func(p string) bool { return inPool(in, e, p) }) {
			besideRecused++
		}
	}
	return besideRecused
}

// inPool reports whether inspector id is one e may draw from before recusals.
func inPool(in *Inputs, e *Entity, id string) bool {
	return slices.ContainsFunc(in.Inspectors, func(p Inspector) bool { return p.ID == id && (in.Config.AnyRegion || p.Region == e.Region) })
}

// eligible lists the inspectors who may inspect e, straight from the rules.
func eligible(in *Inputs, e *Entity) []string {
	var ok []string
	for _, p := range in.Inspectors {
		switch {
		case !in.Config.AnyRegion && p.Region != e.Region,
			in.Config.ExcludeOwnStation && p.OrgUnit == e.OrgUnit,
			slices.Contains(p.Conflicts, e.ID),
			slices.Contains(e.PreviousInspectors, p.ID),
			slices.Contains(e.Recused, p.ID):
			continue
		}
		ok = append(ok, p.ID)
	}
	return ok
}

func entityByID(in *Inputs, id string) *Entity {
	for i := range in.Entities {
		if in.Entities[i].ID == id {
			return &in.Entities[i]
		}
	}
	return nil
}

// TestWorkloadBalanced: without recusals every inspector of a pool ends within one seat of
// the others.
func TestWorkloadBalanced(t *testing.T) {
	in := synthCity(6, cityShape{entities: 5000, inspectors: 97, regions: 3, stations: 4})
	r, err := Run(&in, testSeed("balance"), "")
	if err != nil {
		t.Fatal(err)
	}
	load := map[string]int{}
	for _, a := range r.Assignments {
		for _, p := range a.Inspectors {
			load[p]++
		}
	}
	byRegion := map[string][]int{}
	for _, p := range in.Inspectors {
		byRegion[p.Region] = append(byRegion[p.Region], load[p.ID])
	}
	for region, loads := range byRegion {
		if lo, hi := slices.Min(loads), slices.Max(loads); hi-lo > 1 {
			t.Errorf("region %s: seats per inspector from %d to %d", region, lo, hi)
		}
	}
}
