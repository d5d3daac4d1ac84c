package epcis

import (
	"errors"
	"testing"
	"time"
)

// FuzzDocument: no document, however malformed, makes parsing, hashing or validation panic,
// and validation refuses only with a problem report. The seeds are small documents of each
// syntax; `go test -fuzz FuzzDocument ./internal/epcis` explores from them.
func FuzzDocument(f *testing.F) {
	f.Add(benchDocument(2))
	f.Add([]byte(`{"type": "ObjectEvent", "eventTime": "2024-05-01T10:00:00Z", "eventTimeZoneOffset": "+08:00",
		"action": "OBSERVE", "epcList": ["https://id.gs1.org/01/09521234543213/21/1"], "ex:n": 1e308}`))
	f.Add([]byte(`<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0"><EPCISBody><EventList>
		<ObjectEvent><eventTime>2024-05-01T10:00:00Z</eventTime><eventTimeZoneOffset>+08:00</eventTimeZoneOffset>
		<epcList><epc>urn:epc:id:sgtin:0614141.107346.2017</epc></epcList><action>OBSERVE</action></ObjectEvent>
		</EventList></EPCISBody></epcis:EPCISDocument>`))
	now := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, doc []byte) {
		if events, err := Parse(doc); err == nil {
			for _, e := range events {
				e.HashID() // an error is a fine answer; a panic is not
			}
		}
		_, err := Validate(doc, now)
		var invalid *InvalidError
		if err != nil && !errors.As(err, &invalid) {
			t.Fatalf("Validate refused with %T %v, want a problem report", err, err)
		}
	})
}
