package export

import (
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/trace"
	"github.com/shejian/shejian/internal/trace/query"
)

// collection gathers the records of an export from the events read, in three passes:
// the events of the product in the range; the moves of the pallets (SSCC) its lots were
// packed on, whose events name the pallet alone; and every event of the transformations
// found, wherever their other half fell.
type collection struct {
	product Product
	gtin    string // the GTIN the product names alone, every lot of it
	records map[CTE][]Record
	seen    map[string]bool           // eventIDs read
	pallets map[string][]epcis.Object // a pallet's lots of the product, by SSCC
	xforms  map[string][]*Event       // a transformation's events, by transformationID
	order   []string                  // transformations in the order found
	lots    map[string]bool           // lots of the product found (a description asked)
	events  int                       // events read
}

func newCollection(p Product) *collection {
	gtin := gtinOf(p.Class)
	if p.Class != gs1Link+gtin {
		gtin = ""
	}
	return &collection{product: p, gtin: gtin, records: map[CTE][]Record{}, seen: map[string]bool{}, pallets: map[string][]epcis.Object{},
		xforms: map[string][]*Event{}, lots: map[string]bool{}}
}

// idChunk bounds the identifiers one query of the later passes names.
const idChunk = 500

// collect reads the events of req inside scope and makes their records.
func (c *collection) collect(ctx context.Context, events *trace.Store, scope access.Scope, req Request) error {
	from, until := req.From, req.Until()
	q := query.Query{EventTime: query.TimeRange{From: &from, Before: &until}}
	if c.product.Class != "" {
		q.Match = map[query.Match][]string{query.MatchAnyEPCClass: {c.product.Class}}
	}
	if err := events.EachStandingEvent(ctx, scope, q, c.each(c.add)); err != nil {
		return err
	}
	pallets := slices.Sorted(maps.Keys(c.pallets))
	for part := range slices.Chunk(pallets, idChunk) {
		q := query.Query{EventTime: q.EventTime, Match: map[query.Match][]string{query.MatchEPC: part}}
		if err := events.EachStandingEvent(ctx, scope, q, c.each(c.addMove)); err != nil {
			return err
		}
	}
	var ids []string
	for _, key := range c.order {
		if id := c.xforms[key][0].Facts.TransformationID; id != "" {
			ids = append(ids, id)
		}
	}
	for part := range slices.Chunk(ids, idChunk) {
		if err := events.EachStandingEvent(ctx, scope, query.Query{TransformationIDs: part}, c.each(c.add)); err != nil {
			return err
		}
	}
	c.transformations()
	return nil
}

// each reads each event not read before into add.
func (c *collection) each(add func(*Event)) func(*trace.StandingEvent) error {
	return func(se *trace.StandingEvent) error {
		if c.seen[se.Facts.EventID] {
			return nil
		}
		c.seen[se.Facts.EventID] = true
		c.events++
		e, err := eventOf(se)
		if err == nil {
			add(e)
		}
		return err
	}
}

// add takes an event of the first pass: a transformation is kept for its group, a pallet
// packed with the product remembered, any other event's records of the product kept.
func (c *collection) add(e *Event) {
	f := &e.Facts
	switch {
	case f.Type == "TransformationEvent":
		key := f.TransformationID
		if key == "" {
			key = "event " + f.EventID
		}
		if _, ok := c.xforms[key]; !ok {
			c.order = append(c.order, key)
		}
		c.xforms[key] = append(c.xforms[key], e)
	case f.Type == "AggregationEvent" && f.Action == "ADD":
		c.addPallet(e)
	default:
		c.addMove(e)
	}
}

// addPallet remembers the lots of the product an aggregation packs on its parent.
func (c *collection) addPallet(e *Event) {
	var parent string
	var lots []epcis.Object
	for _, o := range e.Facts.Objects {
		switch {
		case o.Role == epcis.RoleParent:
			parent = o.ID
		case o.Role == epcis.RoleChild && o.Class && c.matches(o.ID, e.Product):
			o.Role = epcis.RoleEPC
			lots = append(lots, o)
		}
	}
	if parent != "" && len(lots) > 0 {
		c.pallets[parent] = lots
	}
}

// addMove keeps the records of the product an event makes, a pallet it moves counted as
// the lots on it.
func (c *collection) addMove(e *Event) {
	if e.Facts.Type == "AggregationEvent" {
		return // packing and unpacking: the lots keep their TLCs
	}
	for _, r := range Extract(c.unpack(e)) {
		if c.matches(r.TLC, r.Product) {
			c.records[r.CTE] = append(c.records[r.CTE], r)
		}
	}
}

// unpack returns e with the lots of the pallets it moves listed as its own.
func (c *collection) unpack(e *Event) *Event {
	var lots []epcis.Object
	for _, o := range e.Facts.Objects {
		if o.Role == epcis.RoleEPC && !o.Class {
			lots = append(lots, c.pallets[o.ID]...)
		}
	}
	if len(lots) == 0 {
		return e
	}
	u := *e
	u.Facts.Objects = append(slices.Clip(e.Facts.Objects), lots...)
	return &u
}

// matches reports whether a lot, described so, is of the product: any lot for every
// product, of its GTIN, the lot named, or, for a description, a lot described so or
// found so before.
func (c *collection) matches(lot, description string) bool {
	p := c.product
	switch {
	case p.All:
		return true
	case p.Class == "":
		if c.lots[lot] {
			return true
		}
		if description != "" && strings.Contains(description, p.Name) {
			c.lots[lot] = true
			return true
		}
		return false
	case c.gtin != "":
		return gtinOf(lot) == c.gtin
	}
	return lot == p.Class
}

// transformations keeps the rows of every transformation an input or an output of which
// is of the product: all its rows, since FSMA asks for every input of a new lot.
func (c *collection) transformations() {
	for _, key := range c.order {
		rows := Transform(c.xforms[key])
		if slices.ContainsFunc(rows, func(r Record) bool {
			return r.TLC != "" && c.matches(r.TLC, r.Product) || r.Input != nil && c.matches(r.Input.TLC, r.Input.Product)
		}) {
			c.records[Transformation] = append(c.records[Transformation], rows...)
		}
	}
}
