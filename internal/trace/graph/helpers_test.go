package graph

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/epcis"
)

// Identifiers of the hand-built chains: lots are LGTIN Digital Links, pallets SSCCs,
// crates GRAIs, places SGLNs, as capture stores them.
const (
	gs1Lot  = "https://id.gs1.org/01/06901234567892/10/"
	gs1Item = "https://id.gs1.org/01/06901234567892/21/"
	gs1SSCC = "https://id.gs1.org/00/"
	gs1SGLN = "https://id.gs1.org/414/"
	gs1GRAI = "https://id.gs1.org/8003/06901234567892"
)

func lot(name string) string    { return gs1Lot + name }
func sgtin(name string) string  { return gs1Item + name }
func pallet(name string) string { return gs1SSCC + name }
func site(name string) string   { return gs1SGLN + name }

// short writes an identifier without its GS1 prefix, to keep expectations readable.
func short(id string) string {
	for _, p := range []string{gs1Lot, gs1Item, gs1SSCC, gs1SGLN, gs1GRAI} {
		if s, ok := strings.CutPrefix(id, p); ok {
			return s
		}
	}
	return id
}

// at is hour h of 1 May 2025.
func at(h int) time.Time { return time.Date(2025, 5, 1, h, 0, 0, 0, time.UTC) }

// kg is a quantity element of a lot in kilograms.
func kg(name string, amount float64) epcis.Object {
	return epcis.Object{ID: lot(name), Role: epcis.RoleEPC, Class: true, Quantity: amount, HasQuantity: true, UOM: "KGM"}
}

// one is an instance identifier.
func one(id string) epcis.Object { return epcis.Object{ID: id, Role: epcis.RoleEPC} }

func as(role epcis.Role, objs ...epcis.Object) []epcis.Object {
	out := slices.Clone(objs)
	for i := range out {
		out[i].Role = role
	}
	return out
}

func bizStep(word string) string { return epcis.CanonicalWord(word, epcis.BizStepWords) }

func locations(values ...string) []epcis.Typed {
	var out []epcis.Typed
	for _, v := range values {
		out = append(out, epcis.Typed{Type: placeLocation, Value: v})
	}
	return out
}

func observe(row int64, h int, step, where string, objs ...epcis.Object) Event {
	return Event{Row: row, Time: at(h), Type: "ObjectEvent", Action: "OBSERVE", BizStep: bizStep(step), Location: where, Objects: objs}
}

func commission(row int64, h int, where string, objs ...epcis.Object) Event {
	e := observe(row, h, "commissioning", where, objs...)
	e.Action = "ADD"
	return e
}

func ship(row int64, h int, from, to string, objs ...epcis.Object) Event {
	e := observe(row, h, "shipping", from, objs...)
	e.Sources, e.Destinations = locations(from), locations(to)
	return e
}

func receive(row int64, h int, where, from string, objs ...epcis.Object) Event {
	e := observe(row, h, "receiving", where, objs...)
	e.Sources, e.Destinations = locations(from), locations(where)
	return e
}

// tx names a despatch advice as the event's business transaction.
func tx(e Event, number string) Event {
	e.BizTransactions = []epcis.Typed{{Type: epcis.CanonicalWord("desadv", epcis.BizTransactionTypeWords), Value: "urn:shejian:desadv:" + number}}
	return e
}

// untied returns events without their business transactions.
func untied(events []Event) []Event {
	out := slices.Clone(events)
	for i := range out {
		out[i].BizTransactions = nil
	}
	return out
}

func sell(row int64, h int, where string, objs ...epcis.Object) Event {
	return observe(row, h, "retail_selling", where, objs...)
}

func transform(row int64, h int, where, xid string, inputs, outputs []epcis.Object) Event {
	return Event{Row: row, Time: at(h), Type: "TransformationEvent", BizStep: bizStep("commissioning"), Location: where,
		TransformationID: xid, Objects: append(as(epcis.RoleInput, inputs...), as(epcis.RoleOutput, outputs...)...)}
}

func aggregate(row int64, h int, action, where, parent string, children ...epcis.Object) Event {
	step := map[string]string{"ADD": "packing", "DELETE": "unpacking"}[action]
	return Event{Row: row, Time: at(h), Type: "AggregationEvent", Action: action, BizStep: bizStep(step), Location: where,
		Objects: append([]epcis.Object{{ID: parent, Role: epcis.RoleParent}}, as(epcis.RoleChild, children...)...)}
}

// mustIndex builds an index of events and retracts rows.
func mustIndex(tb testing.TB, events []Event, retract ...int64) *Index {
	tb.Helper()
	ix := New()
	if err := ix.AddBatch(events); err != nil {
		tb.Fatal(err)
	}
	for _, row := range retract {
		ix.Retract(row)
	}
	return ix
}

// stepLines writes steps as "row id", adding "carrying X" on a step of a parent.
func stepLines(steps []Step) []string {
	out := make([]string, len(steps))
	for i, s := range steps {
		out[i] = fmt.Sprintf("%d %s", s.Row, short(s.ID))
		if s.Carries != "" {
			out[i] += " carrying " + short(s.Carries)
		}
	}
	return out
}

// gapLines writes gaps as "id "place" row".
func gapLines(gaps []Gap) []string {
	var out []string
	for _, g := range gaps {
		out = append(out, fmt.Sprintf("%s %q %d", short(g.ID), short(g.Place), g.Row))
	}
	return out
}

// reachLines writes reached identifiers as "id link from".
func reachLines(reached []Reach) []string {
	out := make([]string, len(reached))
	for i, r := range reached {
		out[i] = short(r.ID) + " " + r.Link.String()
		if r.From != "" {
			out[i] += " " + short(r.From)
		}
	}
	return out
}
