package risk

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// A recompute grades a business from its whole record, and reading ten events a business
// row by row was most of a recompute of a city with a history: each row costs the driver
// far more than its few bytes. So the record of each business is also kept packed in one
// row of risk_records (migration 0032, records_store.go), rewritten from risk_events
// whenever they change, and a recompute reads that row instead.
//
// The packed form is a format byte and the number of events (a varint), then per event,
// oldest first: the kind (its position in eventKinds), a byte of flags (the result's
// position in packedResults in the low two bits, packedFull for a full checklist,
// packedUntil when a listing has ended), the day (appendUnixTime) and Until when there is
// one. Unpacking gives back the events packed, to the nanosecond, in UTC.
const packFormat = 1

// packedResults are the inspection results by their code in the flags.
var packedResults = [...]string{"", ResultCompliant, ResultBasic, ResultNonCompliant}

const (
	packedResultMask = 0b11
	packedFull       = 1 << 2
	packedUntil      = 1 << 3
)

var errBadPack = errors.New("malformed packed record")

// appendPacked appends the packed form of events to b.
func appendPacked(b []byte, events []Event) ([]byte, error) {
	b = binary.AppendUvarint(append(b, packFormat), uint64(len(events)))
	for _, e := range events {
		kind, result := e.Kind.index(), resultCode(e.Result)
		if kind < 0 || result < 0 {
			return nil, fmt.Errorf("pack event %s %q: unknown kind or result", e.Kind, e.Result)
		}
		flags := byte(result)
		if e.FullChecklist {
			flags |= packedFull
		}
		if e.Until != nil {
			flags |= packedUntil
		}
		b = appendUnixTime(append(b, byte(kind), flags), e.On)
		if e.Until != nil {
			b = appendUnixTime(b, *e.Until)
		}
	}
	return b, nil
}

func resultCode(result string) int {
	for i, r := range packedResults {
		if r == result {
			return i
		}
	}
	return -1
}

// unpack appends the events packed in data to events.
func unpack(data []byte, events []Event) ([]Event, error) {
	r := binReader{data: data}
	if format := r.byte(); r.err == nil && format != packFormat {
		return events, fmt.Errorf("%w: format %d", errBadPack, format)
	}
	count := r.uvarint()
	if r.err == nil && count > uint64(len(r.data)) { // an event takes more than a byte
		r.fail(fmt.Errorf("%d events in %d bytes", count, len(r.data)))
	}
	if r.err != nil {
		return events, fmt.Errorf("%w: %w", errBadPack, r.err)
	}
	events = slices.Grow(events, int(count))
	for range count {
		kind, flags := r.byte(), r.byte()
		if r.err == nil && (int(kind) >= len(eventKinds) || flags&^(packedResultMask|packedFull|packedUntil) != 0) {
			r.fail(fmt.Errorf("kind %d, flags %b", kind, flags))
		}
		e := Event{On: r.unixTime()}
		if flags&packedUntil != 0 {
			until := r.unixTime()
			e.Until = &until
		}
		if r.err != nil {
			return events, fmt.Errorf("%w: %w", errBadPack, r.err)
		}
		e.Kind, e.Result, e.FullChecklist = eventKinds[kind], packedResults[flags&packedResultMask], flags&packedFull != 0
		events = append(events, e)
	}
	if len(r.data) > 0 {
		return events, fmt.Errorf("%w: %d bytes after the events", errBadPack, len(r.data))
	}
	return events, nil
}
