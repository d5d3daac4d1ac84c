package draw

import (
	"cmp"
	"errors"
	"slices"
	"strings"
)

// assigner seats inspectors on the selected entities ("Assignment" in the package doc).
type assigner struct {
	in        *Inputs
	pools     map[string]*pool  // by region; one pool under "" when any region will do
	poolOf    []*pool           // inspector index → its pool
	pos       []int32           // inspector index → position in its pool
	byID      map[string]int32  // inspector ID → index
	conflicts map[int32][]int32 // entity index → inspectors who declared a conflict with it
	rng       *stream
}

func newAssigner(in *Inputs, seed []byte, beacon string) *assigner {
	a := &assigner{
		in:        in,
		pools:     map[string]*pool{},
		poolOf:    make([]*pool, len(in.Inspectors)),
		pos:       make([]int32, len(in.Inspectors)),
		byID:      make(map[string]int32, len(in.Inspectors)),
		conflicts: map[int32][]int32{},
		rng:       newStream(seed, beacon, in.Config.TaskID, "assign"),
	}
	members := map[string][]int32{}
	for i, p := range in.Inspectors {
		key := a.poolKey(p.Region)
		a.pos[i] = int32(len(members[key]))
		members[key] = append(members[key], int32(i))
		a.byID[p.ID] = int32(i)
		for _, b := range p.Conflicts {
			if e, ok := slices.BinarySearchFunc(in.Entities, b, func(e Entity, id string) int { return strings.Compare(e.ID, id) }); ok {
				a.conflicts[int32(e)] = append(a.conflicts[int32(e)], int32(i))
			}
		}
	}
	for key, m := range members {
		p := newPool(m)
		a.pools[key] = p
		for _, i := range m {
			a.poolOf[i] = p
		}
		if in.Config.ExcludeOwnStation {
			p.stations = map[string][]int32{}
			for pos, i := range m {
				unit := in.Inspectors[i].OrgUnit
				p.stations[unit] = append(p.stations[unit], int32(pos))
			}
		}
	}
	return a
}

func (a *assigner) poolKey(region string) string {
	if a.in.Config.AnyRegion {
		return ""
	}
	return region
}

// assign seats inspectors on every selected entity in order, or fails on the first entity
// that has too few eligible inspectors.
func (a *assigner) assign(selected []int32) ([]Assignment, error) {
	seats := a.in.Config.InspectorsPerEntity
	targets := a.targets(selected)
	ids := make([]string, len(selected)*seats)
	out := make([]Assignment, len(selected))
	var masked []int32
	for k, t := range targets {
		if t.eligible < seats {
			_, why := a.recusals(selected[k], t.pool, nil)
			return nil, infeasible(&a.in.Entities[selected[k]], seats, why)
		}
		masked = append(masked[:0], t.masked...)
		seated := ids[k*seats : (k+1)*seats : (k+1)*seats]
		for s := range seated {
			pos, err := a.pick(t.pool, masked)
			if err != nil {
				return nil, err
			}
			masked = insertSorted(masked, pos)
			seated[s] = a.in.Inspectors[t.pool.members[pos]].ID
		}
		out[k] = Assignment{Entity: t.id, Inspectors: seated}
	}
	return out, nil
}

// checkFeasible fails on the first entity, in canonical order, that could not get enough
// inspectors were it drawn: a task is refused before its commitment rather than failing
// at the draw depending on which entities the seed selects.
func checkFeasible(in *Inputs) error {
	a := newAssigner(in, nil, "")
	var masked []int32
	for i := range in.Entities {
		p := a.pools[a.poolKey(in.Entities[i].Region)]
		var why recusal
		masked, why = a.recusals(int32(i), p, masked[:0])
		if why.eligible < in.Config.InspectorsPerEntity {
			return infeasible(&in.Entities[i], in.Config.InspectorsPerEntity, why)
		}
	}
	return nil
}

// target is a selected entity with what seating it needs: its pool, the positions recused
// in it and how many remain eligible.
type target struct {
	id       string
	pool     *pool
	masked   []int32
	eligible int
}

// targets gathers the targets of the selected entities, visiting them in directory order:
// draw order is random, and looking them up in it would miss the cache at every entity.
func (a *assigner) targets(selected []int32) []target {
	order := make([]int, len(selected))
	for k := range order {
		order[k] = k
	}
	slices.SortFunc(order, func(x, y int) int { return cmp.Compare(selected[x], selected[y]) })
	out := make([]target, len(selected))
	var masked []int32 // each target's positions are a window of one buffer, filled in turn
	for _, k := range order {
		e := &a.in.Entities[selected[k]]
		p := a.pools[a.poolKey(e.Region)]
		var why recusal
		masked, why = a.recusals(selected[k], p, masked[len(masked):])
		out[k] = target{id: e.ID, pool: p, masked: masked, eligible: why.eligible}
	}
	return out
}

// recusal counts an entity's pool and who in it must step aside (回避).
type recusal struct {
	pool, conflicts, previous, recused, ownStation, eligible int
}

// recusals returns the sorted positions of e's pool that may not inspect it (回避), with
// the counts for an error.
func (a *assigner) recusals(ei int32, p *pool, buf []int32) ([]int32, recusal) {
	var why recusal
	if p == nil {
		return buf, why
	}
	e := &a.in.Entities[ei]
	buf = append(buf, p.stations[e.OrgUnit]...)
	why.ownStation = len(buf)
	add := func(i int32, n *int) {
		if a.poolOf[i] != p {
			return
		}
		if at, found := slices.BinarySearch(buf, a.pos[i]); !found {
			buf = slices.Insert(buf, at, a.pos[i])
			*n++
		}
	}
	for _, i := range a.conflicts[ei] {
		add(i, &why.conflicts)
	}
	addIDs := func(ids []string, n *int) {
		for _, id := range ids {
			if i, ok := a.byID[id]; ok {
				add(i, n)
			}
		}
	}
	addIDs(e.PreviousInspectors, &why.previous)
	addIDs(e.Recused, &why.recused)
	why.pool = len(p.members)
	why.eligible = why.pool - len(buf)
	return buf, why
}

// errNoneLeft would mean the eligibility count and the pool disagree: a bug, not bad input.
var errNoneLeft = errors.New("draw: no eligible inspector left although enough were counted")

// pick seats the least-loaded eligible inspector chosen by the stream and returns its position.
func (a *assigner) pick(p *pool, masked []int32) (int32, error) {
	for level := p.min; level < len(p.levels); level++ {
		if c := p.countAt(level, masked); c > 0 {
			pos := p.nthAt(level, masked, int(a.rng.below(uint64(c))))
			p.seat(pos, level)
			return pos, nil
		}
	}
	return 0, errNoneLeft
}

func insertSorted(s []int32, v int32) []int32 {
	i, _ := slices.BinarySearch(s, v)
	return slices.Insert(s, i, v)
}
