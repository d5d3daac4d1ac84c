package journey

import (
	"net/url"
	"strings"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/trace"
	"github.com/shejian/shejian/internal/trace/graph"
	"github.com/shejian/shejian/internal/trace/ticket"
)

// viewer decides what one caller sees of one lot's traces (see the package doc): which
// lots it may trace, and which places it sees in full, by district only, or not at all.
type viewer struct {
	scope      access.Scope
	start      string               // the lot traced, which the caller sees as it is
	businesses map[string]*business // by USCC: every registered business the traces name
	// partners are the places a movement of the traces links directly to a place the
	// scope covers: the sources of its receipts and the destinations of its shipments.
	partners map[string]bool
}

// newViewer is scope's view of the traces of lot start, whose places name businesses.
func newViewer(scope access.Scope, businesses map[string]*business, start string, traces ...graph.Trace) *viewer {
	v := &viewer{scope: scope, start: start, businesses: businesses, partners: map[string]bool{}}
	for _, t := range traces {
		for _, s := range t.Steps {
			from, to := movement(s)
			switch {
			case from == "" || to == "" || from == to:
			case v.covers(from):
				v.partners[to] = true
			case v.covers(to):
				v.partners[from] = true
			}
		}
	}
	return v
}

var (
	shippingStep  = epcis.CanonicalWord("shipping", epcis.BizStepWords)
	receivingStep = epcis.CanonicalWord("receiving", epcis.BizStepWords)
)

// movement returns the places a step moves goods between: a shipping from its source
// (else its location) to its destination, a receiving from its source to its location.
func movement(s graph.Step) (from, to string) {
	switch s.BizStep {
	case shippingStep:
		if s.Source != "" {
			return s.Source, s.Destination
		}
		return s.Location, s.Destination
	case receivingStep:
		return s.Source, s.Location
	}
	return "", ""
}

// business returns the registered business at place, or nil.
func (v *viewer) business(place string) *business {
	uscc, ok := trace.USCCOf(place)
	if !ok {
		return nil
	}
	return v.businesses[uscc]
}

// covers reports whether place is a registered business in the caller's scope.
func (v *viewer) covers(place string) bool {
	b := v.business(place)
	return b != nil && b.covered(v.scope)
}

// full reports whether the caller sees place in full: city-level staff every place; others
// the businesses their scope covers; an operator also its direct partners; other staff
// also the unregistered places (a farmer, a partner's GLN) directly linked to theirs.
func (v *viewer) full(place string) bool {
	switch {
	case v.scope.CityWide() || v.covers(place):
		return true
	case !v.partners[place]:
		return false
	}
	return v.scope.BusinessID != 0 || v.business(place) == nil
}

// mayTrace reports whether the caller may trace lot id, given its backward and forward
// traces: city-level staff any lot; an operator a lot it has handled (a step of the lot
// itself, or of a pallet carrying it, at its business, or a shipment of it there); other
// staff a lot whose traces reach a business in their scope.
func (v *viewer) mayTrace(id string, backward, forward graph.Trace) bool {
	if v.scope.CityWide() {
		return true
	}
	if v.scope.BusinessID != 0 {
		for _, s := range forward.Steps {
			if (s.ID == id || s.Carries == id) && (v.covers(s.Location) || s.BizStep == shippingStep && v.covers(s.Destination)) {
				return true
			}
		}
		return false
	}
	for _, t := range []graph.Trace{backward, forward} {
		for _, s := range t.Steps {
			if v.covers(s.Location) || v.covers(s.Source) || v.covers(s.Destination) {
				return true
			}
		}
	}
	return false
}

// lot returns a lot identifier as the caller may see it: one of ours names who assigned
// its batch number, which is hidden (as "*") unless the caller sees that place in full or
// the lot is the one traced.
func (v *viewer) lot(id string) string {
	assigner, batch, ok := lotAssigner(id)
	if !ok || id == v.start || v.full(assigner) {
		return id
	}
	return ticket.LotPrefix + "*:" + batch
}

// lotAssigner returns the place that assigned the batch number of one of our lot
// identifiers (urn:shejian:lot:<key>:<batch>) and the batch as written in it; ok is false
// for any other identifier.
func lotAssigner(id string) (place, batch string, ok bool) {
	rest, found := strings.CutPrefix(id, ticket.LotPrefix)
	i := strings.LastIndexByte(rest, ':')
	if !found || i <= 0 {
		return "", "", false
	}
	key := rest[:i]
	if strings.Contains(key, ":") { // an unregistered party's key: name and suffix
		return ticket.PartyPrefix + key, rest[i+1:], true
	}
	return trace.LocationPrefix + key, rest[i+1:], true
}

// partyName reads the name of an unregistered party (urn:shejian:party:<name>:<suffix>).
func partyName(place string) (string, bool) {
	rest, found := strings.CutPrefix(place, ticket.PartyPrefix)
	name, _, _ := strings.Cut(rest, ":")
	name, err := url.PathUnescape(name)
	return name, found && err == nil && name != ""
}
