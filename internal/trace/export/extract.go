package export

import (
	"cmp"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/trace/ticket"
)

// Extract returns the records of an event that is not a transformation: one per lot
// (class-level quantity element) it lists, or none when it records no CTE or lists no
// lot. A pallet's lots are the caller's to list in place of its SSCC (see unpack).
func Extract(e *Event) []Record {
	cte, ok := Classify(&e.Facts)
	if !ok || cte == Transformation {
		return nil
	}
	f := &e.Facts
	base := Record{CTE: cte, EventID: f.EventID, Time: f.EventTime, Location: where(f), References: references(f),
		Certificate: e.Certificate, Origin: cmp.Or(e.Origin, ilmdValue(f, "origin")), Product: cmp.Or(e.Product, ilmdValue(f, "productName"))}
	switch cte {
	case Shipping:
		base.From = cmp.Or(typed(f.Sources, sdtLocation), base.Location, typed(f.Sources, ""))
		base.To = cmp.Or(typed(f.Destinations, sdtLocation), typed(f.Destinations, ""))
	case Receiving:
		base.From = cmp.Or(typed(f.Sources, sdtLocation), typed(f.Sources, ""))
	default:
		base.To = cmp.Or(typed(f.Destinations, sdtLocation), typed(f.Destinations, ""))
	}
	if d := ilmdValue(f, "harvestStartDate", "harvestEndDate"); d != "" {
		base.HarvestDate, _ = time.ParseInLocation(time.DateOnly, d, calendar.China) // a date not of this form is none
	}
	if creates(cte) {
		base.TLCSource = base.Location
	}
	var out []Record
	for _, o := range f.Objects {
		if o.Role != epcis.RoleEPC || !o.Class {
			continue
		}
		r := base
		r.TLC, r.GTIN, r.Batch = o.ID, gtinOf(o.ID), batchOf(o.ID)
		r.Quantity, r.HasQuantity, r.UOM = o.Quantity, o.HasQuantity, unitOf(o.UOM, e.CountUnit)
		out = append(out, r)
	}
	return out
}

// creates reports whether a CTE assigns its lots their TLC (§1.1320(a)): packing, landing
// and transformation, and in this city's data harvesting, a farm's lot (a 合格证's batch)
// being its TLC from the harvest; cooling, shipping and receiving keep the lot's TLC.
func creates(c CTE) bool {
	return c == Harvesting || c == InitialPacking || c == FirstLandBasedReceiving || c == Transformation
}

// Transform returns the records of one transformation: every event of it (those sharing
// its transformationID, or the one event without). A row is one input lot × one output
// lot, FSMA asking for the quantity of each input lot used for each new TLC; a side
// without lots (only the inputs event is stored) gives rows with that side empty.
func Transform(events []*Event) []Record {
	var inputs, outputs []Lot
	var base Record
	base.CTE = Transformation
	for _, e := range events {
		f := &e.Facts
		hasOutputs := false
		for _, o := range f.Objects {
			if !o.Class {
				continue
			}
			l := lotOf(o, e.CountUnit)
			switch o.Role {
			case epcis.RoleInput:
				inputs = append(inputs, l)
			case epcis.RoleOutput:
				l.Product = cmp.Or(ilmdValue(f, "productName"), e.Product)
				outputs = append(outputs, l)
				hasOutputs = true
			}
		}
		if hasOutputs || base.EventID == "" {
			base.EventID, base.Location = f.EventID, where(f)
		}
		if f.EventTime.After(base.Time) {
			base.Time = f.EventTime
		}
		base.TransformationID = f.TransformationID
		for _, ref := range references(f) {
			if !slices.Contains(base.References, ref) {
				base.References = append(base.References, ref)
			}
		}
	}
	base.TLCSource = base.Location
	if len(inputs) == 0 {
		inputs = []Lot{{}}
	}
	if len(outputs) == 0 {
		outputs = []Lot{{}}
	}
	var out []Record
	for _, o := range outputs {
		for _, in := range inputs {
			r := base
			r.TLC, r.GTIN, r.Batch, r.Product = o.TLC, o.GTIN, o.Batch, o.Product
			r.Quantity, r.HasQuantity, r.UOM = o.Quantity, o.HasQuantity, o.UOM
			if in.TLC != "" {
				r.Input = &in
			}
			out = append(out, r)
		}
	}
	return out
}

// lotOf is a quantity element as a lot.
func lotOf(o epcis.Object, countUnit string) Lot {
	return Lot{TLC: o.ID, GTIN: gtinOf(o.ID), Batch: batchOf(o.ID), Quantity: o.Quantity, HasQuantity: o.HasQuantity,
		UOM: unitOf(o.UOM, countUnit)}
}

// where is the place an event happened: its business location, else its read point.
func where(f *epcis.Facts) string { return cmp.Or(f.BizLocation, f.ReadPoint) }

var sdtLocation = epcis.CanonicalWord("location", epcis.SourceDestTypeWords)

// typed returns the first value of a source or destination list of type t, or of any
// type but location when t is "".
func typed(list []epcis.Typed, t string) string {
	for _, v := range list {
		if v.Type == t || t == "" && v.Type != sdtLocation {
			return v.Value
		}
	}
	return ""
}

// unitOf is a quantity's unit: its UN/ECE code, else the count unit the sender named, else
// none (a count).
func unitOf(uom, countUnit string) string { return cmp.Or(uom, countUnit) }

// gs1Link begins a GTIN's canonical Digital Link; gs1GTINLength is a GTIN-14's.
const (
	gs1Link       = "https://id.gs1.org/01/"
	gs1GTINLength = 14
)

// gtinOf returns the GTIN a class identifier names, or "".
func gtinOf(id string) string {
	rest, ok := strings.CutPrefix(id, gs1Link)
	if !ok || len(rest) < gs1GTINLength {
		return ""
	}
	return rest[:gs1GTINLength]
}

// batchOf returns the batch or lot number (批次号) of a lot identifier: the AI 10 of a
// Digital Link, the last part of one of our lots; "" for a GTIN alone.
func batchOf(id string) string {
	var raw string
	switch {
	case strings.HasPrefix(id, gs1Link):
		_, raw, _ = strings.Cut(id[len(gs1Link):], "/10/")
	case strings.HasPrefix(id, ticket.LotPrefix):
		raw = id[strings.LastIndexByte(id, ':')+1:]
	}
	if b, err := url.PathUnescape(raw); err == nil {
		return b
	}
	return raw
}

var bttPrefix = strings.TrimSuffix(epcis.CanonicalWord("x", epcis.BizTransactionTypeWords), "x")

// ourSchemes name our own reference documents by the URN namespace of their numbers
// (internal/trace/ticket, synth): a 一票通 ticket is "ticket" whatever type it was sent as.
var ourSchemes = []string{"ticket", "desadv", "prodorder", "testres", "cert"}

// references are an event's business transactions as reference documents: the CBV type's
// word (our 一票通 tickets as "ticket"), and the number without our URN namespace.
func references(f *epcis.Facts) []Reference {
	out := make([]Reference, 0, len(f.BizTransactions))
	for _, t := range f.BizTransactions {
		r := Reference{Type: strings.TrimPrefix(t.Type, bttPrefix), Number: t.Value}
		if i := strings.LastIndexByte(r.Type, ':'); i >= 0 && !strings.HasPrefix(t.Type, bttPrefix) {
			r.Type = r.Type[i+1:]
		}
		for _, s := range ourSchemes {
			if rest, ok := strings.CutPrefix(t.Value, "urn:shejian:"+s+":"); ok {
				r.Number = unescaped(rest)
				if s == "ticket" {
					r.Type = "ticket"
				}
			}
		}
		out = append(out, r)
	}
	slices.SortStableFunc(out, func(a, b Reference) int { return strings.Compare(a.Type, b.Type) })
	return out
}

func unescaped(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}
