package draw

import "math/bits"

// pool is the inspectors an entity may draw from (its region's, or everyone's), with the
// seats each holds so far. Members are kept by position, which is ID order; levels[L] is the
// bitset of positions holding L seats, so the least-loaded eligible inspectors are found
// word by word rather than inspector by inspector.
type pool struct {
	members  []int32            // inspector indices, ascending
	levels   [][]uint64         // levels[L]: positions with L seats
	counts   []int              // counts[L]: how many positions hold L seats
	min      int                // lowest level with a position on it
	stations map[string][]int32 // positions per org unit, ascending, when own stations are excluded
}

func newPool(members []int32) *pool {
	all := make([]uint64, (len(members)+63)/64)
	for i := range members {
		all[i>>6] |= 1 << (i & 63)
	}
	return &pool{members: members, levels: [][]uint64{all}, counts: []int{len(members)}}
}

// countAt counts the positions holding level seats that are not masked (sorted).
func (p *pool) countAt(level int, masked []int32) int {
	n := p.counts[level]
	set := p.levels[level]
	for _, x := range masked {
		if set[x>>6]&(1<<(x&63)) != 0 {
			n--
		}
	}
	return n
}

// nthAt returns the r-th (from 0, in ID order) position counted by countAt.
func (p *pool) nthAt(level int, masked []int32, r int) int32 {
	x := 0
	for w, word := range p.levels[level] {
		for ; x < len(masked) && int(masked[x]>>6) == w; x++ {
			word &^= 1 << (masked[x] & 63)
		}
		if c := bits.OnesCount64(word); r >= c {
			r -= c
			continue
		}
		for ; r > 0; r-- {
			word &= word - 1
		}
		return int32(w<<6 + bits.TrailingZeros64(word))
	}
	return -1
}

// seat gives the inspector at pos, holding level seats, one more.
func (p *pool) seat(pos int32, level int) {
	p.levels[level][pos>>6] &^= 1 << (pos & 63)
	p.counts[level]--
	if level+1 == len(p.levels) {
		p.levels = append(p.levels, make([]uint64, len(p.levels[0])))
		p.counts = append(p.counts, 0)
	}
	p.levels[level+1][pos>>6] |= 1 << (pos & 63)
	p.counts[level+1]++
	for p.counts[p.min] == 0 {
		p.min++
	}
}
