package risk

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/registry"
)

// mustPack returns the packed form of events.
func mustPack(tb testing.TB, events []Event) []byte {
	tb.Helper()
	packed, err := appendPacked(nil, events)
	if err != nil {
		tb.Fatal(err)
	}
	return packed
}

// TestPackedRecordsUnpackAsPacked: every kind, result and flag, times to the nanosecond
// before 1970 and far ahead, listings ended or running, and the demo records come back
// from their packed form as they were, appended after what the slice held.
func TestPackedRecordsUnpackAsPacked(t *testing.T) {
	ended := time.Date(2025, 2, 28, 23, 59, 59, 999_999_999, time.UTC)
	var every []Event
	for i, k := range eventKinds {
		every = append(every, Event{Kind: k, On: daysAgo(i * 40).Add(time.Duration(i) * time.Nanosecond),
			Result: packedResults[i%len(packedResults)], FullChecklist: i%2 == 0})
	}
	records := map[string][]Event{
		"empty":       nil,
		"every kind":  every,
		"listings":    {{Kind: EventSeriousDishonesty, On: daysAgo(900), Until: &ended}, {Kind: EventAbnormalOperation, On: daysAgo(3)}},
		"before 1970": {{Kind: EventPenalty, On: time.Date(1969, 12, 31, 23, 59, 59, 1, time.UTC)}},
		"far ahead":   {{Kind: EventComplaint, On: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)}},
	}
	for _, in := range demoInputs(300) {
		records["demo records"] = append(records["demo records"], in.Events...)
	}
	head := []Event{{Kind: EventIncident, On: daysAgo(1)}}
	for name, events := range records {
		t.Run(name, func(t *testing.T) {
			got, err := unpack(mustPack(t, events), head[:1:1])
			if err != nil {
				t.Fatal(err)
			}
			if want := append(head[:1:1], events...); !reflect.DeepEqual(got, want) {
				t.Errorf("unpacked %+v, want %+v", got, want)
			}
		})
	}
}

// TestUnpackRefusesMalformedRecords: a record cut short, with trailing bytes, an unknown
// format, kind or flag, or a time out of range is an error, never events made up.
func TestUnpackRefusesMalformedRecords(t *testing.T) {
	good := mustPack(t, []Event{{Kind: EventInspection, On: daysAgo(10), Result: ResultBasic}})
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"another format", append([]byte{packFormat + 1}, good[1:]...)},
		{"no count", []byte{packFormat}},
		{"cut short", good[:len(good)-1]},
		{"more events than bytes", []byte{packFormat, 200, 1}},
		{"trailing bytes", append(good[:len(good):len(good)], 0)},
		{"unknown kind", []byte{packFormat, 1, byte(len(eventKinds)), 0, 2, 0}},
		{"unknown flag", []byte{packFormat, 1, 0, 1 << 4, 2, 0}},
		{"nanoseconds out of range", []byte{packFormat, 1, 0, 0, 2, 0x80, 0x94, 0xeb, 0xdc, 0x03}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got, err := unpack(c.data, nil); !errors.Is(err, errBadPack) {
				t.Errorf("unpack gave %+v, %v; want %v", got, err, errBadPack)
			}
		})
	}
}

func TestPackRefusesUnknownEvents(t *testing.T) {
	for _, e := range []Event{{Kind: "parking_ticket", On: daysAgo(1)}, {Kind: EventInspection, On: daysAgo(1), Result: "excellent"}} {
		if _, err := appendPacked(nil, []Event{e}); err == nil {
			t.Errorf("packed %+v", e)
		}
	}
}

// BenchmarkUnpack unpacks demo records into one reused slice, as a grading worker does.
func BenchmarkUnpack(b *testing.B) {
	var records [][]byte
	events := 0
	for i := range 1000 {
		_, ev, _ := DemoRecord(7, &registry.Business{ID: int64(i + 1), Category: registry.CategorySales, Kind: "supermarket"}, gradingDay)
		records, events = append(records, mustPack(b, ev)), events+len(ev)
	}
	var scratch []Event
	b.ResetTimer()
	for i := range b.N {
		var err error
		if scratch, err = unpack(records[i%len(records)], scratch[:0]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())*float64(len(records))/float64(b.N*events), "ns/event")
}
