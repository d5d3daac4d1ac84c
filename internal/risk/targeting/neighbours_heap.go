package targeting

import "container/heap"

type nearPoint struct {
	d2       float64 // squared distance in km²
	order    int     // position in the training table, to break ties the same way every run
	critical bool
}

// farther orders points by distance, then by table position.
func (a nearPoint) farther(b nearPoint) bool {
	if a.d2 != b.d2 {
		return a.d2 > b.d2
	}
	return a.order > b.order
}

// farthestFirst is a max-heap of the k nearest points seen so far: the root is the one to drop
// when a nearer point turns up, so each offer costs log k instead of a sort.
type farthestFirst []nearPoint

func (h farthestFirst) Len() int           { return len(h) }
func (h farthestFirst) Less(i, j int) bool { return h[i].farther(h[j]) }
func (h farthestFirst) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *farthestFirst) Push(x any)        { *h = append(*h, x.(nearPoint)) }
func (h *farthestFirst) Pop() any {
	old := *h
	p := old[len(old)-1]
	*h = old[:len(old)-1]
	return p
}

// offer keeps p if it is among the k nearest so far.
func (h *farthestFirst) offer(p nearPoint, k int) {
	switch {
	case len(*h) < k:
		heap.Push(h, p)
	case (*h)[0].farther(p):
		(*h)[0] = p
		heap.Fix(h, 0)
	}
}
