package journey

import (
	"strings"
	"time"

	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/trace/graph"
)

// The directions of a trace.
const (
	Backward = "backward" // 溯源: where the lot came from and what it was made of
	Forward  = "forward"  // 追踪: where it went and what it became
)

// TraceAnswer is a backward or forward trace of a lot as the caller may see it
// (GET /api/v1/trace).
type TraceAnswer struct {
	ID        string    `json:"id"`
	Direction string    `json:"direction"`
	Steps     []Step    `json:"steps"`   // in time order
	Reached   []Reached `json:"reached"` // every identifier the trace reached, and how
	Gaps      []Gap     `json:"gaps,omitempty"`
	Truncated bool      `json:"truncated"`
}

// Step is one event of a trace, about one identifier.
type Step struct {
	Time    time.Time `json:"time"`
	EventID string    `json:"event_id"`
	Type    string    `json:"type"`
	Action  string    `json:"action,omitempty"`
	// BizStep is the CBV business step as its bare word (shipping), another as its URI.
	BizStep string `json:"biz_step,omitempty"`
	ID      string `json:"id"`   // the identifier the event lists
	Role    string `json:"role"` // epc, parent, child, input or output
	// Carries is the traced lot inside the pallet or case the event is about.
	Carries     string   `json:"carries,omitempty"`
	Quantity    *float64 `json:"quantity,omitempty"`
	UOM         string   `json:"uom,omitempty"` // UN/ECE Rec 20; none for a count of pieces
	Place       *Place   `json:"place,omitempty"`
	Source      *Place   `json:"source,omitempty"`
	Destination *Place   `json:"destination,omitempty"`
	RetailSale  bool     `json:"retail_sale,omitempty"` // a forward trace follows nothing from it
}

// Reached is an identifier a trace reached: the start, or one linked to an identifier it
// had reached.
type Reached struct {
	ID      string    `json:"id"`
	Link    string    `json:"link"` // start, output, input, parent or child
	From    string    `json:"from,omitempty"`
	EventID string    `json:"event_id,omitempty"`
	Time    time.Time `json:"time"`
}

// Gap is where a backward trace ran out of captured events (断链): nothing says how ID
// came to the place.
type Gap struct {
	ID      string    `json:"id"`
	Place   *Place    `json:"place,omitempty"`
	EventID string    `json:"event_id"`
	Time    time.Time `json:"time"`
}

var (
	roleNames = [...]string{epcis.RoleEPC: "epc", epcis.RoleParent: "parent", epcis.RoleChild: "child",
		epcis.RoleInput: "input", epcis.RoleOutput: "output"}
	linkNames = [...]string{graph.LinkStart: "start", graph.LinkOutput: "output", graph.LinkInput: "input",
		graph.LinkParent: "parent", graph.LinkChild: "child"}
)

// bizStepWord is a CBV business step as its bare word, any other as written.
func bizStepWord(uri string) string {
	return strings.TrimPrefix(uri, string(epcis.BizStepWords))
}

// answer is the trace in direction as the caller sees it.
func (l *lotTraces) answer(direction string) TraceAnswer {
	t := l.backward
	if direction == Forward {
		t = l.forward
	}
	v := l.view
	out := TraceAnswer{ID: l.id, Direction: direction, Steps: make([]Step, 0, len(t.Steps)), Reached: l.reached(t),
		Truncated: t.Truncated}
	for _, s := range t.Steps {
		out.Steps = append(out.Steps, l.step(s))
	}
	for _, g := range t.Gaps {
		out.Gaps = append(out.Gaps, Gap{ID: v.lot(g.ID), Place: v.placeRef(g.Place), EventID: l.events[g.Row], Time: g.Time})
	}
	return out
}

// reached is the identifiers t reached, as the caller sees them.
func (l *lotTraces) reached(t graph.Trace) []Reached {
	out := make([]Reached, 0, len(t.Reached))
	for _, r := range t.Reached {
		out = append(out, Reached{ID: l.view.lot(r.ID), Link: linkNames[r.Link], From: l.view.lot(r.From), EventID: l.events[r.Row],
			Time: r.Time})
	}
	return out
}

// step is one step as the caller sees it.
func (l *lotTraces) step(s graph.Step) Step {
	v := l.view
	out := Step{Time: s.Time, EventID: l.events[s.Row], Type: s.Type, Action: s.Action, BizStep: bizStepWord(s.BizStep),
		ID: v.lot(s.ID), Role: roleNames[s.Role], UOM: s.UOM, Place: v.placeRef(s.Location),
		Source: v.placeRef(s.Source), Destination: v.placeRef(s.Destination), RetailSale: s.Leaf}
	if s.Carries != "" {
		out.Carries = v.lot(s.Carries)
	}
	if s.HasQuantity {
		q := s.Quantity
		out.Quantity = &q
	}
	return out
}
