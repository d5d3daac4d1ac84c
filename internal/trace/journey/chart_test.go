package journey

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestChart lays out L1's journey and checks that the places stand left to right in the
// order goods moved, that arrows carry what arrived, that the kitchen is marked as where
// L3 was made and the farm as where L1 started, and that the page draws it.
func TestChart(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		l1 := w.fix.Cases[0].Lot
		ctx := w.cityAdmin().context(context.Background())
		l, err := openLot(ctx, w.st, w.handler.index.graph, l1)
		if err != nil {
			t.Fatal(err)
		}
		c := buildChart(i18n.Chinese, l)
		x := map[string]ChartNode{}
		for _, n := range c.Nodes {
			x[n.Title] = n
			if n.X < 0 || n.Y < 0 || n.X+nodeW > c.Width || n.Y+nodeH > c.Height {
				t.Errorf("node %s at %d,%d outside the %d×%d chart", n.Title, n.X, n.Y, c.Width, c.Height)
			}
		}
		if len(c.Nodes) != 6 {
			t.Errorf("%d nodes, want the six places of L1's journey: %v", len(c.Nodes), x)
		}
		for _, pair := range [][2]string{{farm1, market}, {market, grocer}, {market, kitchen}, {kitchen, store2}, {kitchen, canteen}} {
			if x[pair[0]].X >= x[pair[1]].X {
				t.Errorf("%s (x %d) is not left of %s (x %d)", pair[0], x[pair[0]].X, pair[1], x[pair[1]].X)
			}
		}
		for name, class := range map[string]string{farm1: "start", canteen: "canteen"} {
			if !strings.Contains(x[name].Class, class) {
				t.Errorf("%s has class %q, want %s", name, x[name].Class, class)
			}
		}
		if !x[kitchen].Made || x[market].Made {
			t.Errorf("made: kitchen %v, market %v", x[kitchen].Made, x[market].Made)
		}
		labels := map[string]bool{}
		for _, e := range c.Edges {
			labels[e.Label] = true
		}
		for _, want := range []string{"1000 千克", "300 千克", "600 千克", "1000 件", "600 件"} {
			if !labels[want] {
				t.Errorf("no arrow carries %s: %v", want, labels)
			}
		}
		page := w.call(w.cityAdmin(), "GET", "/trace?id="+url.QueryEscape(l1), "").Body.String()
		if n := len(regexp.MustCompile(`<g class="chart-node`).FindAllString(page, -1)); n != 6 || !strings.Contains(page, `<svg id="trace-graph"`) {
			t.Errorf("the page draws %d nodes", n)
		}
	})
}
