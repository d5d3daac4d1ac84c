package trace

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"github.com/shejian/shejian/internal/epcis"
)

// EventTypes are the event types by their stored code (epcis_events.type); 0 is none.
var EventTypes = []string{"", "ObjectEvent", "AggregationEvent", "TransactionEvent", "TransformationEvent", "AssociationEvent"}

// Actions are the actions by their stored code (epcis_events.action); 0 is none, as a
// TransformationEvent has.
var Actions = []string{"", "ADD", "OBSERVE", "DELETE"}

// record is one event of a document made ready to store: its facts in normal form, its
// eventID (filled with the hash ID when it had none) and its JSON as stored. Everything a
// row needs is computed here, on the cores that make records at once, so that the one
// transaction that writes a document does as little as it can.
type record struct {
	index   int // the event's place in the document's event list
	facts   epcis.Facts
	eventID string
	key     int64  // eventKey(eventID)
	hash    []byte // SHA-256 of the Event Hash ID
	zone    int16  // the time zone offset in minutes east of UTC
	json    string
	owner   int64 // the business whose location the event happened at, 0 for none
	// declaredMs is the time the event was declared erroneous (unix ms), 0 when it was not.
	declaredMs int64
	row        int64 // the event's row, once written
}

// newRecord reads ev's facts and hash ID and fills its eventID and recordTime. An event
// that passed validation always has facts and a hash: an error here is a bug.
func newRecord(ev epcis.Event, index int, recorded time.Time) (record, error) {
	f, err := ev.Facts()
	if err != nil {
		return record{}, fmt.Errorf("facts of event %d: %w", index, err)
	}
	hashID, err := ev.HashID()
	if err != nil {
		return record{}, fmt.Errorf("hash of event %d: %w", index, err)
	}
	r := record{index: index, facts: f, eventID: f.EventID}
	if r.hash, err = hashDigest(hashID); err != nil {
		return record{}, fmt.Errorf("event %d: %w", index, err)
	}
	if r.zone, err = zoneMinutes(f.EventTimeZoneOffset); err != nil {
		return record{}, fmt.Errorf("event %d: %w", index, err)
	}
	if r.eventID == "" {
		r.eventID = hashID
		ev = ev.WithEventID(hashID)
	}
	r.key = eventKey(r.eventID)
	data, err := ev.WithRecordTime(recorded).JSON()
	if err != nil {
		return record{}, fmt.Errorf("JSON of event %d: %w", index, err)
	}
	r.json = unsafe.String(unsafe.SliceData(data), len(data)) // data is the record's own, never changed: no copy
	r.declaredMs = r.ownDeclaredMs()
	return r, nil
}

// hashDigest reads the SHA-256 digest out of an Event Hash ID (ni:///sha-256;<hex>?ver=…).
func hashDigest(hashID string) ([]byte, error) {
	hexPart, _, _ := strings.Cut(strings.TrimPrefix(hashID, "ni:///sha-256;"), "?")
	digest, err := hex.DecodeString(hexPart)
	if err != nil || len(digest) != sha256.Size {
		return nil, fmt.Errorf("malformed hash ID %q", hashID)
	}
	return digest, nil
}

// HashID writes a stored hash digest (epcis_events.hash_id) as the Event Hash ID.
func HashID(digest []byte) string {
	return "ni:///sha-256;" + hex.EncodeToString(digest) + "?ver=" + epcis.HashVersion
}

// eventKey is the 64-bit key an eventID is looked up by (epcis_events.event_key): the first
// eight bytes of its SHA-256. Different eventIDs may share a key; the lookup compares
// event_id after it.
func eventKey(eventID string) int64 {
	sum := sha256.Sum256([]byte(eventID))
	return int64(binary.BigEndian.Uint64(sum[:8]))
}

// declaration reports whether the event declares itself erroneous.
func (r *record) declaration() bool { return r.facts.ErrorDeclaration != nil }

// ownDeclaredMs is the declaration time of an error declaration, 0 for any other event:
// its declaredMs before it meets the other events of its eventID (sortOut).
func (r *record) ownDeclaredMs() int64 {
	if !r.declaration() {
		return 0
	}
	return r.facts.ErrorDeclaration.DeclarationTime.UnixMilli()
}

// typeCode and actionCode are the stored codes of the event's type and action.
func (r *record) typeCode() int16   { return int16(slices.Index(EventTypes, r.facts.Type)) }
func (r *record) actionCode() int16 { return int16(slices.Index(Actions, r.facts.Action)) }

// zoneMinutes reads a time zone offset ("+08:00") as minutes east of UTC.
func zoneMinutes(off string) (int16, error) {
	hh, mm, ok := strings.Cut(strings.TrimLeft(off, "+-"), ":")
	h, errH := strconv.Atoi(hh)
	m, errM := strconv.Atoi(mm)
	if !ok || errH != nil || errM != nil || len(off) != 6 {
		return 0, fmt.Errorf("time zone offset %q", off)
	}
	minutes := int16(h*60 + m)
	if off[0] == '-' {
		minutes = -minutes
	}
	return minutes, nil
}
