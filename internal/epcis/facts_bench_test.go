package epcis

import "testing"

// BenchmarkFacts measures the facts of the benchmark document's cold-chain receiving events,
// which capture computes for every event it stores.
func BenchmarkFacts(b *testing.B) {
	events := mustBenchEvents(b)
	for b.Loop() {
		for _, ev := range events {
			if _, err := ev.Facts(); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportEventsPerSecond(b, len(events))
}

// BenchmarkEventJSON measures writing an event's JSON for storage, with the eventID and
// recordTime capture adds.
func BenchmarkEventJSON(b *testing.B) {
	events := mustBenchEvents(b)
	for b.Loop() {
		for _, ev := range events {
			if _, err := ev.WithEventID("urn:uuid:1").WithRecordTime(benchNow).JSON(); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportEventsPerSecond(b, len(events))
}

// mustBenchEvents parses the benchmark document of 1,000 events and starts counting
// allocations.
func mustBenchEvents(b *testing.B) []Event {
	events, err := Parse(benchDocument(1000))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	return events
}
