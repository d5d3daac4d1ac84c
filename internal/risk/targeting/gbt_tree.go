package targeting

// treeNode is a node of a regression tree. Every node keeps the value the tree would give if it
// stopped there, so a score can be split into per-feature contributions along its path.
type treeNode struct {
	feature     int     // split feature; -1 for a leaf
	threshold   float64 // value ≤ threshold goes left
	left, right int     // child indices
	value       float64 // shrunken Newton step −G/(H+λ) at this node
}

type tree struct {
	nodes []treeNode
}

// treeParams are the growth limits of one tree.
type treeParams struct {
	maxDepth   int
	minHessian float64 // smallest curvature a leaf may hold (min_child_weight)
	l2         float64 // penalty on leaf values
	shrink     float64 // learning rate
}

// growTree fits one tree to gradients g and curvatures h of the rows in idx.
func growTree(bins [][]uint8, b binning, g, h []float64, idx []int, tp treeParams) tree {
	t := tree{}
	t.grow(bins, b, g, h, idx, tp, 0)
	return t
}

func (t *tree) grow(bins [][]uint8, b binning, g, h []float64, idx []int, tp treeParams, depth int) int {
	var gs, hs float64
	for _, i := range idx {
		gs += g[i]
		hs += h[i]
	}
	at := len(t.nodes)
	t.nodes = append(t.nodes, treeNode{feature: -1, value: -tp.shrink * gs / (hs + tp.l2)})
	if depth == tp.maxDepth {
		return at
	}
	s, ok := bestSplit(bins, b, g, h, idx, gs, hs, tp)
	if !ok {
		return at
	}
	var left, right []int
	for _, i := range idx {
		if int(bins[i][s.feature]) <= s.bin {
			left = append(left, i)
		} else {
			right = append(right, i)
		}
	}
	l := t.grow(bins, b, g, h, left, tp, depth+1)
	r := t.grow(bins, b, g, h, right, tp, depth+1)
	t.nodes[at].feature, t.nodes[at].threshold = s.feature, b.thresholds[s.feature][s.bin]
	t.nodes[at].left, t.nodes[at].right = l, r
	return at
}

// split is a candidate: rows whose bin ≤ bin go left.
type split struct {
	feature, bin int
	gain         float64
}

// bestSplit scans every feature's histogram for the split that most lowers the penalised loss.
func bestSplit(bins [][]uint8, b binning, g, h []float64, idx []int, gs, hs float64, tp treeParams) (split, bool) {
	best := split{gain: 1e-12}
	found := false
	parent := gs * gs / (hs + tp.l2)
	for j, cuts := range b.thresholds {
		var hg, hh [maxBins]float64
		for _, i := range idx {
			hg[bins[i][j]] += g[i]
			hh[bins[i][j]] += h[i]
		}
		var gl, hl float64
		for k := range cuts {
			gl += hg[k]
			hl += hh[k]
			gr, hr := gs-gl, hs-hl
			if hl < tp.minHessian || hr < tp.minHessian {
				continue
			}
			gain := gl*gl/(hl+tp.l2) + gr*gr/(hr+tp.l2) - parent
			if gain > best.gain {
				best, found = split{feature: j, bin: k, gain: gain}, true
			}
		}
	}
	return best, found
}

// path calls visit for each node from the root to the row's leaf.
func (t tree) path(row []float64, visit func(parent, child *treeNode)) {
	n := &t.nodes[0]
	for n.feature >= 0 {
		next := &t.nodes[n.right]
		if row[n.feature] <= n.threshold {
			next = &t.nodes[n.left]
		}
		visit(n, next)
		n = next
	}
}

func (t tree) predict(row []float64) float64 {
	v := t.nodes[0].value
	t.path(row, func(_, child *treeNode) { v = child.value })
	return v
}
