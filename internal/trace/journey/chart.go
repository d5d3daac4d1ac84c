package journey

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/trace/graph"
)

// Chart is the graph view of a lot's journey (流向图), drawn on the server as SVG: places
// are nodes in tiers, left to right in time order; movements are arrows with what arrived;
// a place where a transformation happened is marked. It keeps its natural size, so that a
// phone scrolls it rather than shrinking its text.
type Chart struct {
	Width, Height int
	NodeW, NodeH  int // every node's size
	Nodes         []ChartNode
	Edges         []ChartEdge
}

// ChartNode is a place of the chart.
type ChartNode struct {
	X, Y             int
	Title            string // the whole label, shown on hover
	Label, Sub, Date string
	Class            string // chart-node, and start, canteen, masked
	Made             bool   // a transformation happened here
}

// ChartEdge is a movement between two places, with the quantities that arrived.
type ChartEdge struct {
	Path           string // SVG path data
	LabelX, LabelY int
	Label          string
}

// The chart's geometry, in pixels.
const (
	nodeW, nodeH   = 184, 66
	colGap, rowGap = 72, 22
	chartMargin    = 16
	loopDepth      = 36 // how far below its nodes an arrow to an earlier tier runs
	labelRunes     = 12 // of a place's name on a node
)

// chartPlace is a place while the chart is laid out.
type chartPlace struct {
	uri         string
	first       int64 // Unix ms of its first step
	tier        int
	made, start bool
}

// chartMove is an arrow while the chart is laid out: per traced lot, what was received
// and what was shipped, by unit; receipts count where there are any, as in a recall.
type chartMove struct {
	from, to          string
	first             int64
	received, shipped map[string]map[string]float64 // lot → unit → amount
}

// buildChart lays out the journey of the lot in both directions.
func buildChart(lang i18n.Lang, l *lotTraces) Chart {
	places, moves := chartGraph(l)
	order := slices.SortedFunc(maps.Values(moves), func(a, b *chartMove) int {
		return cmp.Or(cmp.Compare(a.first, b.first), strings.Compare(a.from, b.from), strings.Compare(a.to, b.to))
	})
	for _, m := range order {
		if from, to := places[m.from], places[m.to]; from != to && to.tier <= from.tier && from.tier+1 < len(places) {
			to.tier = from.tier + 1
		}
	}
	c := Chart{NodeW: nodeW, NodeH: nodeH}
	rows, at := map[int]int{}, map[string]ChartNode{}
	for _, p := range slices.SortedFunc(maps.Values(places), func(a, b *chartPlace) int {
		return cmp.Or(cmp.Compare(a.tier, b.tier), cmp.Compare(a.first, b.first), strings.Compare(a.uri, b.uri))
	}) {
		n := chartNode(lang, l.view, p)
		n.X, n.Y = chartMargin+p.tier*(nodeW+colGap), chartMargin+rows[p.tier]*(nodeH+rowGap)
		rows[p.tier]++
		c.Width, c.Height = max(c.Width, n.X+nodeW+chartMargin), max(c.Height, n.Y+nodeH+loopDepth+chartMargin)
		c.Nodes = append(c.Nodes, n)
		at[p.uri] = n
	}
	for _, m := range order {
		c.Edges = append(c.Edges, chartEdge(lang, at[m.from], at[m.to], m))
	}
	return c
}

// chartGraph collects the places and movements of the lot's steps, both ways, each step once.
func chartGraph(l *lotTraces) (map[string]*chartPlace, map[[2]string]*chartMove) {
	places := map[string]*chartPlace{}
	touch := func(uri string, t time.Time) *chartPlace {
		p := places[uri]
		if p == nil {
			p = &chartPlace{uri: uri, first: t.UnixMilli()}
			places[uri] = p
		}
		p.first = min(p.first, t.UnixMilli())
		return p
	}
	moves := map[[2]string]*chartMove{}
	for _, s := range uniqueSteps(l.backward.Steps, l.forward.Steps) {
		if s.Location != "" {
			p := touch(s.Location, s.Time)
			p.made = p.made || s.Role == epcis.RoleInput || s.Role == epcis.RoleOutput
			p.start = p.start || s.ID == l.id && s.Role != epcis.RoleInput && isMaking(s)
		}
		from, to := movement(s)
		if from == "" || to == "" || from == to {
			continue
		}
		touch(from, s.Time)
		touch(to, s.Time)
		m := moves[[2]string{from, to}]
		if m == nil {
			m = &chartMove{from: from, to: to, first: s.Time.UnixMilli(), received: map[string]map[string]float64{},
				shipped: map[string]map[string]float64{}}
			moves[[2]string{from, to}] = m
		}
		m.add(s)
	}
	return places, moves
}

// isMaking reports whether a step makes its identifier: a commissioning ADD or a
// transformation's output.
func isMaking(s graph.Step) bool {
	return s.Role == epcis.RoleOutput || s.Action == "ADD" && s.Type == "ObjectEvent"
}

// add counts what a movement step moved of its traced lot.
func (m *chartMove) add(s graph.Step) {
	if !s.HasQuantity {
		return
	}
	sums := m.shipped
	if s.BizStep == receivingStep {
		sums = m.received
	}
	lot := cmp.Or(s.Carries, s.ID)
	if sums[lot] == nil {
		sums[lot] = map[string]float64{}
	}
	sums[lot][s.UOM] += s.Quantity
}

// amounts sums, per unit, what arrived of each lot: its receipts, else its shipments.
func (m *chartMove) amounts() map[string]float64 {
	out := map[string]float64{}
	for lot, byUnit := range m.shipped {
		if r, ok := m.received[lot]; ok {
			byUnit = r
		}
		for u, q := range byUnit {
			out[u] += q
		}
	}
	for lot, byUnit := range m.received {
		if _, ok := m.shipped[lot]; !ok {
			for u, q := range byUnit {
				out[u] += q
			}
		}
	}
	return out
}

// chartNode is the node of a place, labelled as the caller sees it.
func chartNode(lang i18n.Lang, v *viewer, p *chartPlace) ChartNode {
	pl := v.place(p.uri)
	label := placeLabel(lang, pl)
	n := ChartNode{Title: label, Label: clipRunes(label, labelRunes), Sub: placeSub(lang, pl),
		Date: chinaTime(time.UnixMilli(p.first)).Format("2006-01-02"), Class: "chart-node", Made: p.made}
	for _, c := range []struct {
		on    bool
		class string
	}{{p.start, "start"}, {pl.Canteen, "canteen"}, {pl.Seen != SeenFull, "masked"}} {
		if c.on {
			n.Class += " " + c.class
		}
	}
	return n
}

// chartEdge is the arrow of a movement between two laid-out nodes.
func chartEdge(lang i18n.Lang, from, to ChartNode, m *chartMove) ChartEdge {
	e := ChartEdge{Label: quantityLabel(lang, m.amounts())}
	if to.X > from.X {
		x1, y1, x2, y2 := from.X+nodeW, from.Y+nodeH/2, to.X, to.Y+nodeH/2
		mid := (x1 + x2) / 2
		e.Path = fmt.Sprintf("M%d,%d C%d,%d %d,%d %d,%d", x1, y1, mid, y1, mid, y2, x2-2, y2)
		e.LabelX, e.LabelY = mid, (y1+y2)/2-6
		return e
	}
	x1, y1, x2, y2 := from.X+nodeW/2, from.Y+nodeH, to.X+nodeW/2, to.Y+nodeH
	low := max(y1, y2) + loopDepth - 8
	e.Path = fmt.Sprintf("M%d,%d C%d,%d %d,%d %d,%d", x1, y1, x1, low, x2, low, x2, y2+2)
	e.LabelX, e.LabelY = (x1+x2)/2, low-4
	return e
}

// clipRunes shortens s to n runes, marking the cut.
func clipRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
