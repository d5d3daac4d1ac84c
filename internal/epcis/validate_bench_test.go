package epcis

import (
	"testing"
	"time"
)

// benchNow is the server's clock for the benchmark document, whose events happen on
// 2024-05-01.
var benchNow = time.Date(2024, 5, 2, 0, 0, 0, 0, time.UTC)

// BenchmarkValidate measures what capture does before it hashes: decode the document once,
// validate it against the schema (envelope, then each event) and the event rules, and
// convert the events.
func BenchmarkValidate(b *testing.B) {
	doc := benchDocument(1000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Validate(doc, benchNow); err != nil {
			b.Fatal(err)
		}
	}
	reportEventsPerSecond(b, 1000)
}

// BenchmarkValidateAndHashID adds the Event Hash ID of every event, as capture computes it
// to fill a missing eventID: capture's whole work on a document before storage.
func BenchmarkValidateAndHashID(b *testing.B) {
	doc := benchDocument(1000)
	b.ReportAllocs()
	for b.Loop() {
		events, err := Validate(doc, benchNow)
		if err != nil {
			b.Fatal(err)
		}
		mustHashAll(b, events)
	}
	reportEventsPerSecond(b, 1000)
}
