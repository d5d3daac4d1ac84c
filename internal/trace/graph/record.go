package graph

import (
	"math"

	"github.com/shejian/shejian/internal/epcis"
)

// An event's record in the word arena:
//
//	header     number of objects (24 bits) and flags for the optional words below
//	per object identifier number; meta (role, class, has-quantity, unit number);
//	           the quantity's float64 bits in two words when it has one
//	[xform]    transformationID number
//	[source]   the place of the source list
//	[dest]     the place of the destination list
//	[txs]      a 32-bit hash of each business transaction's identifier, as many as the
//	           header's top five bits say: the walk compares them and never shows them
//
// A lot shipped with a quantity, a source, a destination and a despatch advice takes 8
// words.
const (
	maxObjects             = 1<<24 - 1
	recXform        uint32 = 1 << 24
	recSource       uint32 = 1 << 25
	recDest         uint32 = 1 << 26
	recTxShift             = 27
	maxTransactions        = 1<<(32-recTxShift) - 1

	metaRoleMask uint32 = 7
	metaClass    uint32 = 1 << 3
	metaQuantity uint32 = 1 << 4
	metaUOMShift        = 5
)

// object is one decoded object of an event.
type object struct {
	id, uom uint32
	qty     float64
	role    epcis.Role
	class   bool
	hasQty  bool
}

// record is one decoded event record; the walk reuses one to decode event after event.
type record struct {
	objs             []object
	xform, src, dest uint32
	txs              []uint32 // hashes of the business transactions
}

// encode interns the event's strings and writes its record, returning its position; it
// leaves in ix.posting the identifiers the event is posted under. The caller holds the write
// lock.
func (ix *Index) encode(e Event) uint32 {
	n, head := 1, uint32(len(e.Objects))
	for _, o := range e.Objects {
		n += 2
		if o.HasQuantity {
			n += 2
		}
	}
	optional := []struct {
		flag uint32
		s    string
	}{{recXform, e.TransformationID}, {recSource, place(e.Sources)}, {recDest, place(e.Destinations)}}
	for _, opt := range optional {
		if opt.s != "" {
			head |= opt.flag
			n++
		}
	}
	txs := 0
	for _, tx := range e.BizTransactions {
		if tx.Value != "" && txs < maxTransactions {
			txs++
		}
	}
	head |= uint32(txs) << recTxShift
	n += txs
	pos, w := ix.words.alloc(n)
	w[0], w = head, w[1:]
	ix.posting = ix.posting[:0]
	for _, o := range e.Objects {
		w[0], w[1] = ix.ids.intern(o.ID), objectMeta(o, ix.vocab.intern(o.UOM))
		ix.posting = append(ix.posting, w[0])
		w = w[2:]
		if o.HasQuantity {
			bits := math.Float64bits(o.Quantity)
			w[0], w[1], w = uint32(bits), uint32(bits>>32), w[2:]
		}
	}
	for _, opt := range optional {
		if opt.s == "" {
			continue
		}
		id := ix.ids.intern(opt.s)
		w[0], w = id, w[1:]
		if opt.flag == recXform {
			ix.posting = append(ix.posting, id)
		}
	}
	for _, tx := range e.BizTransactions {
		if tx.Value != "" && txs > 0 {
			w[0], w, txs = ix.ids.tag(tx.Value), w[1:], txs-1
		}
	}
	return pos
}

func objectMeta(o epcis.Object, uom uint32) uint32 {
	meta := uint32(o.Role)&metaRoleMask | uom<<metaUOMShift
	if o.Class {
		meta |= metaClass
	}
	if o.HasQuantity {
		meta |= metaQuantity
	}
	return meta
}

// decode reads the record at pos into r.
func (ix *Index) decode(pos uint32, r *record) {
	w := ix.words.from(pos)
	head := w[0]
	w = w[1:]
	r.objs = r.objs[:0]
	for range head & maxObjects {
		meta := w[1]
		o := object{id: w[0], uom: meta >> metaUOMShift, role: epcis.Role(meta & metaRoleMask),
			class: meta&metaClass != 0, hasQty: meta&metaQuantity != 0}
		w = w[2:]
		if o.hasQty {
			o.qty = math.Float64frombits(uint64(w[0]) | uint64(w[1])<<32)
			w = w[2:]
		}
		r.objs = append(r.objs, o)
	}
	r.xform, r.src, r.dest = 0, 0, 0
	for _, f := range []struct {
		flag uint32
		to   *uint32
	}{{recXform, &r.xform}, {recSource, &r.src}, {recDest, &r.dest}} {
		if head&f.flag != 0 {
			*f.to, w = w[0], w[1:]
		}
	}
	r.txs = append(r.txs[:0], w[:head>>recTxShift]...)
}
