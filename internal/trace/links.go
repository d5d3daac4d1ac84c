package trace

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/trace/graph"
)

// Every event row carries its links (epcis_events.links): what the trace index keeps of the
// event — its time, type, action, step, place and transformation, its objects with their
// quantities, its business transactions, sources and destinations — in one compact record
// with URIs as their epcis_uris ids. The index is rebuilt at start from that one column read
// in row order: joining the event, object and value tables row by row cost ten times as
// much, most of it in the driver's column calls.
//
// The record (version 1), integers as unsigned varints unless marked:
//
//	version byte (1) · event_ms (signed varint) · type byte · action byte
//	· biz_step · read_point · biz_location · transformation (URI ids, 0 for none)
//	· object count · per object: role byte · flags byte (1 class, 2 quantity) · URI id
//	  [· quantity as float64 bits, 8 bytes big-endian] · uom length · uom bytes
//	· value count · per value: kind byte · type URI id · value URI id

// linksVersion is the first byte of every links record.
const linksVersion = 1

const (
	linkClass    = 1
	linkQuantity = 2
)

// appendLinks appends the links record of an event with facts f, type and action codes,
// its URIs interned as uris.
func appendLinks(b []byte, f *epcis.Facts, typ, action int16, uris map[string]int64) []byte {
	b = appendLinksHead(b, f.EventTime.UnixMilli(), typ, action,
		uris[f.BizStep], uris[f.ReadPoint], uris[f.BizLocation], uris[f.TransformationID])
	b = binary.AppendUvarint(b, uint64(len(f.Objects)))
	for _, o := range f.Objects {
		b = appendLinksObject(b, o.Role, o.Class, uris[o.ID], o.HasQuantity, o.Quantity, o.UOM)
	}
	b = binary.AppendUvarint(b, uint64(len(f.BizTransactions)+len(f.Sources)+len(f.Destinations)))
	for _, list := range [...]struct {
		kind  int16
		items []epcis.Typed
	}{{KindBizTransaction, f.BizTransactions}, {KindSource, f.Sources}, {KindDestination, f.Destinations}} {
		for _, v := range list.items {
			b = appendLinksValue(b, list.kind, uris[v.Type], uris[v.Value])
		}
	}
	return b
}

// appendLinksHead appends the start of a links record, up to its object count.
func appendLinksHead(b []byte, ms int64, typ, action int16, step, point, location, transformation int64) []byte {
	b = append(b, linksVersion)
	b = binary.AppendVarint(b, ms)
	b = append(b, byte(typ), byte(action))
	for _, id := range [...]int64{step, point, location, transformation} {
		b = binary.AppendUvarint(b, uint64(id))
	}
	return b
}

// appendLinksObject appends one object of a links record.
func appendLinksObject(b []byte, role epcis.Role, class bool, uri int64, hasQuantity bool, quantity float64, uom string) []byte {
	var flags byte
	if class {
		flags |= linkClass
	}
	if hasQuantity {
		flags |= linkQuantity
	}
	b = append(b, byte(role), flags)
	b = binary.AppendUvarint(b, uint64(uri))
	if hasQuantity {
		b = binary.BigEndian.AppendUint64(b, math.Float64bits(quantity))
	}
	b = binary.AppendUvarint(b, uint64(len(uom)))
	return append(b, uom...)
}

// appendLinksValue appends one business transaction, source or destination of a links
// record.
func appendLinksValue(b []byte, kind int16, typ, value int64) []byte {
	b = append(b, byte(kind))
	b = binary.AppendUvarint(b, uint64(typ))
	return binary.AppendUvarint(b, uint64(value))
}

// errLinks is a links record that does not decode: a stored row was damaged or written by
// another version.
var errLinks = errors.New("malformed links record")

// linksReader decodes one links record.
type linksReader struct {
	b    []byte
	uris []string
	err  error
}

func (r *linksReader) byte() byte {
	if r.err != nil || len(r.b) == 0 {
		r.err = errLinks
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *linksReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if r.err != nil || n <= 0 {
		r.err = errLinks
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *linksReader) uri() string {
	id := r.uvarint()
	if id >= uint64(len(r.uris)) {
		r.err = errLinks
		return ""
	}
	return r.uris[id]
}

func (r *linksReader) bytes(n uint64) []byte {
	if r.err != nil || n > uint64(len(r.b)) {
		r.err = errLinks
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

// decodeLinks is the index's view of the event stored at row with links record b, its URIs
// looked up in uris (indexed by id, "" at 0).
func decodeLinks(row int64, b []byte, uris []string) (graph.Event, error) {
	r := linksReader{b: b, uris: uris}
	if r.byte() != linksVersion {
		return graph.Event{}, fmt.Errorf("event row %d: %w", row, errLinks)
	}
	ms, n := binary.Varint(r.b)
	if n <= 0 {
		return graph.Event{}, fmt.Errorf("event row %d: %w", row, errLinks)
	}
	r.b = r.b[n:]
	typ, action := int(r.byte()), int(r.byte())
	if typ == 0 || typ >= len(epcis.EventTypes) || action >= len(epcis.Actions) {
		return graph.Event{}, fmt.Errorf("event row %d: type %d, action %d: %w", row, typ, action, errLinks)
	}
	e := graph.Event{Row: row, Time: time.UnixMilli(ms).UTC(), Type: epcis.EventTypes[typ], Action: epcis.Actions[action]}
	e.BizStep = r.uri()
	point, location := r.uri(), r.uri()
	e.Location = cmp.Or(location, point)
	e.TransformationID = r.uri()
	if n := r.uvarint(); n > 0 && r.err == nil {
		e.Objects = make([]epcis.Object, 0, min(n, uint64(len(r.b))))
		for range n {
			if e.Objects = append(e.Objects, r.object()); r.err != nil {
				break
			}
		}
	}
	for range r.uvarint() {
		kind := r.byte()
		v := epcis.Typed{Type: r.uri(), Value: r.uri()}
		switch kind {
		case KindBizTransaction:
			e.BizTransactions = append(e.BizTransactions, v)
		case KindSource:
			e.Sources = append(e.Sources, v)
		case KindDestination:
			e.Destinations = append(e.Destinations, v)
		default:
			r.err = errLinks
		}
		if r.err != nil {
			break
		}
	}
	if r.err == nil && len(r.b) > 0 {
		r.err = errLinks
	}
	if r.err != nil {
		return graph.Event{}, fmt.Errorf("event row %d: %w", row, r.err)
	}
	return e, nil
}

// object decodes one object of a links record.
func (r *linksReader) object() epcis.Object {
	o := epcis.Object{Role: epcis.Role(r.byte())}
	flags := r.byte()
	o.Class, o.HasQuantity = flags&linkClass != 0, flags&linkQuantity != 0
	o.ID = r.uri()
	if o.HasQuantity {
		if q := r.bytes(8); q != nil {
			o.Quantity = math.Float64frombits(binary.BigEndian.Uint64(q))
		}
	}
	o.UOM = string(r.bytes(r.uvarint()))
	return o
}
