package epcis

import (
	"fmt"
	"strings"
	"testing"
)

// benchDocument writes a JSON-LD document of n events shaped like a cold-chain receiving:
// EPCs and a lot quantity, business transaction, source and destination, a temperature
// reading and a user extension, so every canonicalisation step is exercised.
func benchDocument(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"ex": "https://ns.example.cn/trace/"}],
		"type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2024-05-01T08:00:00Z", "epcisBody": {"eventList": [`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"type": "ObjectEvent", "eventTime": "2024-05-01T10:%02d:%02d.123+08:00", "eventTimeZoneOffset": "+08:00",
			"epcList": ["urn:epc:id:sgtin:6901234.012345.%d", "urn:epc:id:sscc:6901234.0%09d"],
			"quantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.012345.B%d", "quantity": 20.50, "uom": "KGM"}],
			"action": "OBSERVE", "bizStep": "receiving", "disposition": "in_progress",
			"readPoint": {"id": "urn:epc:id:sgln:6901234.00001.0"}, "bizLocation": {"id": "https://example.cn/414/6901234000016"},
			"bizTransactionList": [{"type": "po", "bizTransaction": "urn:epcglobal:cbv:bt:6901234000009:PO%d"}],
			"sourceList": [{"type": "owning_party", "source": "urn:epc:id:pgln:6901234.00000"}],
			"destinationList": [{"type": "owning_party", "destination": "urn:epc:id:pgln:6901235.00000"}],
			"sensorElementList": [{"sensorMetadata": {"time": "2024-05-01T09:55:00+08:00", "deviceID": "urn:epc:id:giai:6901234.T%d"},
				"sensorReport": [{"type": "Temperature", "value": 3.5, "uom": "CEL"}, {"type": "RelativeHumidity", "value": 81, "uom": "P1"}]}],
			"ex:inspector": {"ex:name": "王芳", "ex:badge": "A-%d"}}`, i/60%60, i%60, i, i, i, i, i, i)
	}
	b.WriteString(`]}}`)
	return []byte(b.String())
}

// BenchmarkHashID measures canonicalisation and SHA-256 of parsed events, the work capture
// adds per event when it fills a missing eventID.
func BenchmarkHashID(b *testing.B) {
	events, err := Parse(benchDocument(1000))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		mustHashAll(b, events)
	}
	reportEventsPerSecond(b, len(events))
}

// BenchmarkParseAndHashID adds reading the JSON document, as `shejian epcis hash` does.
func BenchmarkParseAndHashID(b *testing.B) {
	doc := benchDocument(1000)
	b.ReportAllocs()
	for b.Loop() {
		events, err := Parse(doc)
		if err != nil {
			b.Fatal(err)
		}
		mustHashAll(b, events)
	}
	reportEventsPerSecond(b, 1000)
}

// mustHashAll computes the Event Hash ID of every event.
func mustHashAll(b *testing.B, events []Event) {
	b.Helper()
	for _, ev := range events {
		if _, err := ev.HashID(); err != nil {
			b.Fatal(err)
		}
	}
}

// reportEventsPerSecond adds the rate of a benchmark that handles perLoop events a loop.
func reportEventsPerSecond(b *testing.B, perLoop int) {
	b.ReportMetric(float64(b.N*perLoop)/b.Elapsed().Seconds(), "events/s")
}
