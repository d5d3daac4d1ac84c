package synth

import (
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/shejian/shejian/internal/calendar"
)

// eventType is the EPCIS type of a planned event.
type eventType uint8

const (
	objectEvent eventType = iota
	aggregationEvent
	transformationEvent
)

// none marks an absent index.
const none = -1

// span is a run of quantity elements in the flow's arena.
type span struct{ from, to int32 }

// quantity is one quantity element: a lot, an amount in thousandths of the lot's unit
// (grams of a weighed lot, thousandths of a pack of a counted one), and whether its
// identifier is written as an EPC URN rather than a Digital Link.
type quantity struct {
	lot   int32
	milli int64
	urn   bool
}

// item is an amount of a lot, as the planner hands it to a step.
type item struct {
	lot   int32
	milli int64
}

// txKind is the kind of a business transaction: its CBV type and URI scheme.
type txKind uint8

const (
	noTx       txKind = iota
	ticketTx          // 一票通 ticket, issued at a market: urn:shejian:btt:ticket
	despatchTx        // despatch advice (送货单) of the shipper: desadv
	orderTx           // production order (生产单) of a processor: prodorder
	testTx            // rapid-test result (快检) of a market: testres
)

// bizTx is a business transaction: its kind, the business whose number it is, the number.
type bizTx struct {
	kind   txKind
	issuer int32
	number uint64
}

// event is one planned event. It holds indexes and numbers only; strings are made when
// it is written (render.go), so that planning a flow costs little.
type event struct {
	typ                eventType
	action             string // ADD, OBSERVE, DELETE; empty for a transformation
	bizStep            string
	disposition        string
	at                 int64 // eventTime, Unix milliseconds
	place              int32 // the business at readPoint and bizLocation
	leaving            bool  // shipping: no bizLocation, the goods leave the place
	srcParty, srcPlace int32 // sourceList: owning party and location, or none
	dstParty, dstPlace int32 // destinationList: owning or possessing party and location, or none
	dstPossessing      bool  // the destination party holds goods it does not own
	what, outputs      span  // quantityList, childQuantityList or inputs; outputs
	pallet             int32 // epcList of an ObjectEvent or parentID of an AggregationEvent, or none
	palletURN          bool
	xform              int32 // transformationID: an index in the flow's ids, or none
	txs                [2]bizTx
	cert               uint64 // certificationInfo: a 承诺达标合格证 number, 0 for none
	id                 int32  // eventID: an index in the flow's ids, or none
	declaredAt         int64  // errorDeclaration.declarationTime, 0 for none
	correctiveID       int32  // errorDeclaration.correctiveEventIDs: an index in the ids
}

// lot is a lot created in the flow: a product, and what makes its lot number unique.
type lot struct {
	product *product
	day     int32 // yymmdd of creation
	kind    byte  // H harvested, P processed
	seq     uint64
	created int32 // index of the event that creates it
}

// pallet is an SSCC-numbered pallet of the flow.
type pallet struct {
	packer    int32
	extension byte
	serial    uint64
}

// builder plans one flow at a time into arenas it reuses: events and the lots,
// quantities, pallets and ids they point to.
type builder struct {
	ch      *Chain
	src     *rand.PCG
	r       *rand.Rand
	flow    uint64
	events  []event
	lots    []lot
	qs      []quantity
	pallets []pallet
	ids     [][2]uint64
	serials uint64 // tickets and pallets numbered in the flow
	// forced makes the next correctable event wrong in this way (SmallChain); exact
	// records every event right the first time.
	forced *mistake
	exact  bool
}

func newBuilder(c *Chain) *builder {
	src := rand.NewPCG(0, 0)
	return &builder{ch: c, src: src, r: rand.New(src)}
}

// reset empties the arenas for flow f and seeds its random stream; exact turns
// corrections off.
func (b *builder) reset(f uint64, exact bool) {
	b.flow, b.serials, b.exact = f, 0, exact
	b.src.Seed(b.ch.cfg.Seed, streamFlows+f)
	b.events, b.lots, b.qs, b.pallets, b.ids = b.events[:0], b.lots[:0], b.qs[:0], b.pallets[:0], b.ids[:0]
}

// newEvent returns an event with no optional parts.
func newEvent(typ eventType, action, bizStep, disposition string, at int64, place int32) event {
	return event{
		typ: typ, action: action, bizStep: bizStep, disposition: disposition, at: at, place: place,
		srcParty: none, srcPlace: none, dstParty: none, dstPlace: none,
		pallet: none, xform: none, id: none, correctiveID: none,
	}
}

// newID draws a random (version 4) UUID for an eventID or a transformationID.
func (b *builder) newID() int32 {
	b.ids = append(b.ids, [2]uint64{b.r.Uint64(), b.r.Uint64()})
	return int32(len(b.ids) - 1)
}

// newLot creates a lot of p on day at; its number is made unique by the flow index.
func (b *builder) newLot(p *product, at int64, kind byte) int32 {
	t := time.UnixMilli(at).In(calendar.China)
	day := int32(t.Year()%100*10000 + int(t.Month())*100 + t.Day())
	b.lots = append(b.lots, lot{product: p, day: day, kind: kind, seq: b.flow*8 + uint64(len(b.lots)), created: none})
	return int32(len(b.lots) - 1)
}

// newPallet numbers a pallet of packer.
func (b *builder) newPallet(packer int32) int32 {
	b.pallets = append(b.pallets, pallet{packer: packer, extension: byte(b.r.IntN(10)), serial: b.nextSerial()})
	return int32(len(b.pallets) - 1)
}

// quantities copies items into the arena, each written as a URN or a Digital Link at
// random: the same lot appears in both forms.
func (b *builder) quantities(items ...item) span {
	from := int32(len(b.qs))
	for _, it := range items {
		b.qs = append(b.qs, quantity{lot: it.lot, milli: it.milli, urn: b.r.IntN(5) < 2})
	}
	return span{from, int32(len(b.qs))}
}

// appendLotNumber appends the lot number (批次号) of l: its day, H or P, and its sequence
// in base 36, at least four characters.
func appendLotNumber(dst []byte, l *lot) []byte {
	if l.day < 100000 {
		dst = append(dst, '0')
	}
	dst = strconv.AppendInt(dst, int64(l.day), 10)
	dst = append(dst, l.kind)
	var digits [16]byte
	d := strconv.AppendUint(digits[:0], l.seq, 36)
	for range 4 - len(d) {
		dst = append(dst, '0')
	}
	for _, c := range d {
		if c >= 'a' {
			c -= 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}
