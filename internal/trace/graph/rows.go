package graph

// rowIndex finds an event by its database row, for Retract and for ignoring an event added
// twice, without a table entry per event: rows almost always arrive in ascending order (the
// rebuild reads them so, capture appends), so the rows column itself is searched by
// bisection. A row smaller than one already added ("late", when two captures commit out of
// order) is flagged in its kind, skipped by the bisection and kept in a small map instead.
// Only the writer uses it.
type rowIndex struct {
	max     int64
	late    map[int64]uint32
	pending map[int64]struct{} // rows retracted before they were added
}

// place decides how event n with row takes its place: late or not, or a duplicate of an
// event already added.
func (r *rowIndex) place(ix *Index, row int64, n uint32) (late, dup bool) {
	if n == 0 || row > r.max {
		r.max = row
		return false, false
	}
	if _, ok := r.find(ix, row); ok {
		return false, true
	}
	if r.late == nil {
		r.late = map[int64]uint32{}
	}
	r.late[row] = n
	return true, false
}

// find returns the event number of row.
func (r *rowIndex) find(ix *Index, row int64) (uint32, bool) {
	if n, ok := r.late[row]; ok {
		return n, true
	}
	// Invariant: every event before lo that is not late has a smaller row; every one from
	// hi on that is not late has a row at least as large.
	lo, hi := 0, ix.rows.n
	for lo < hi {
		mid := lo + (hi-lo)/2
		j := nextInOrder(ix, mid, hi)
		switch {
		case j == hi:
			hi = mid
		case ix.rows.at(uint32(j)) < row:
			lo = j + 1
		default:
			hi = mid
		}
	}
	j := nextInOrder(ix, lo, ix.rows.n)
	if j < ix.rows.n && ix.rows.at(uint32(j)) == row {
		return uint32(j), true
	}
	return 0, false
}

// nextInOrder returns the first event from i on, before end, that is not late, or end.
func nextInOrder(ix *Index, i, end int) int {
	for i < end && ix.kinds.at(uint32(i)).late() {
		i++
	}
	return i
}

func (r *rowIndex) addPending(row int64) {
	if r.pending == nil {
		r.pending = map[int64]struct{}{}
	}
	r.pending[row] = struct{}{}
}

// takePending reports whether row was retracted before it was added, forgetting it.
func (r *rowIndex) takePending(row int64) bool {
	if _, ok := r.pending[row]; !ok {
		return false
	}
	delete(r.pending, row)
	return true
}
