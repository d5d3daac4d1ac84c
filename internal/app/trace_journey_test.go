package app

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/trace"
	"github.com/shejian/shejian/internal/trace/synth"
)

// aimLot commissions a new lot at a business inside or outside role's scope, loads it into
// the trace index and names it: the lot of a trace, a recall or a trace code.
func aimLot(w *scopeWorld, role access.Role, inside bool) (string, bool) {
	place, ok := aimPlace(w, role, inside)
	if !ok {
		return "", false
	}
	w.serial++
	lot := fmt.Sprintf("urn:epc:class:lgtin:6901234.012345.J%d", w.serial)
	doc := epcisDocument(fmt.Sprintf(`{"type": "ObjectEvent", "action": "ADD", "bizStep": "commissioning", "disposition": "active",
		"eventTime": "2024-05-01T08:00:00+08:00", "eventTimeZoneOffset": "+08:00",
		"quantityList": [{"epcClass": %q, "quantity": 5, "uom": "KGM"}], "readPoint": {"id": %q}, "bizLocation": {"id": %q}}`, lot, place, place))
	ctx := context.Background()
	if _, err := trace.NewStore(w.st).Capture(ctx, []byte(doc), trace.System); err != nil {
		w.t.Fatalf("commission lot %s: %v", lot, err)
	}
	w.app.LoadTraceIndex(ctx)
	return epcis.CanonicalURI(lot), true
}

// traceCodeOf gives lot a trace code, as if issued, and loads the trace index, so that the
// code's public pages answer.
func traceCodeOf(t testing.TB, a *App, lot string) string {
	t.Helper()
	const code = "testcase23"
	if _, err := a.Store.DB().ExecContext(context.Background(), `INSERT INTO trace_codes (code, lot, created_at) VALUES ($1, $2, $3)`,
		code, lot, time.Now().UTC()); err != nil {
		t.Fatal(err)
	}
	a.LoadTraceIndex(context.Background())
	return code
}

// lotQuery is the query naming a lot.
func lotQuery(id string) string { return "id=" + url.QueryEscape(id) }

// TestBrowserTraceGraph captures the worked small chain into the demo city, opens /trace for
// its first lot as the city admin on a phone-sized screen and sees the graph: a node for
// each place of the lot's journey, arrows with what arrived, at its natural size in a
// frame that scrolls sideways rather than shrinking the text; and the recall scope with the
// school canteen.
func TestBrowserTraceGraph(t *testing.T) {
	chrome := chromiumPath(t)
	srv := startDemoServer(t)
	fix, err := synth.SmallChain()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := registerChain(ctx, srv.store, fix.Businesses); err != nil {
		t.Fatal(err)
	}
	for _, doc := range fix.Documents {
		if _, err := trace.NewStore(srv.store).Capture(ctx, doc, trace.System); err != nil {
			t.Fatal(err)
		}
	}
	srv.app.LoadTraceIndex(ctx)
	b := newBrowser(t, chrome, srv.url)
	b.login("admin", DemoPassword, http.StatusOK)
	b.do("use a phone's screen", chromedp.EmulateViewport(390, 844))
	b.open("/trace?id="+url.QueryEscape(fix.Cases[0].Lot), "trace-graph")

	nodes := run(b, "count the nodes", chromedp.Evaluate[int](`document.querySelectorAll("#trace-graph g.chart-node").length`))
	arrows := run(b, "count the arrows", chromedp.Evaluate[int](`document.querySelectorAll("#trace-graph g.chart-edge path").length`))
	if nodes != 6 || arrows < 5 {
		t.Errorf("the graph of L1 has %d nodes and %d arrows, want its 6 places and at least 5 movements", nodes, arrows)
	}
	graph := run(b, "read the graph", chromedp.Evaluate[string](`document.getElementById("trace-graph").textContent`))
	for _, want := range []string{"佳味中央厨房有限公司", "临江区实验小学食堂", "600 千克"} {
		if !strings.Contains(graph, want) {
			t.Errorf("the graph lacks %q: %s", want, graph)
		}
	}
	natural := run(b, "measure the graph", chromedp.Evaluate[[]float64](`(() => {
		const svg = document.getElementById("trace-graph"), wrap = svg.parentElement;
		return [svg.getBoundingClientRect().width, svg.width.baseVal.value, wrap.scrollWidth, wrap.clientWidth];
	})()`))
	if len(natural) != 4 || natural[0] != natural[1] || natural[2] <= natural[3] {
		t.Errorf("on a phone the graph is %v (drawn width, natural width, frame's scroll and client width): want it at its natural size in a frame that scrolls", natural)
	}
	if recall := run(b, "read the recall scope", chromedp.Text(chromedp.ID("trace-recall"))); !strings.Contains(recall, "临江区实验小学食堂") {
		t.Errorf("the recall scope lacks the school canteen: %s", recall)
	}
}
