package epcis

import (
	"errors"
	"path/filepath"
	"testing"
	"time"
)

// TestXMLToJSONKeepsEvents: every XML document of the corpora, written as JSON, passes
// capture's validation (but for the rules of content a few vectors break) and gives the
// same events: as many, each with the Event Hash ID it has read from the XML.
func TestXMLToJSONKeepsEvents(t *testing.T) {
	var files []string
	for _, dir := range []string{filepath.Join(hashCorpus, "examples"), filepath.Join(epcisCorpus, "XML", "WithEventHashID")} {
		found, _ := filepath.Glob(filepath.Join(mustCorpusDir(t, dir), "*.xml"))
		files = append(files, found...)
	}
	if len(files) == 0 {
		t.Fatal("no XML documents in the corpora")
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			fromXML := mustParseFile(t, path)
			doc, err := XMLToJSON(mustRead(t, path), now)
			if err != nil {
				t.Fatal(err)
			}
			var invalid *InvalidError
			if _, err := Validate(doc, now); errors.As(err, &invalid) {
				for _, p := range invalid.Problems {
					if p.Rule != RuleSensorAfterEvent { // some vectors report readings after their event
						t.Fatalf("the JSON is refused: %+v\n%s", p, doc)
					}
				}
			}
			fromJSON, err := Parse(doc)
			if err != nil || len(fromJSON) != len(fromXML) {
				t.Fatalf("%d events (%v), want %d", len(fromJSON), err, len(fromXML))
			}
			for i := range fromXML {
				want, errX := fromXML[i].HashID()
				got, errJ := fromJSON[i].HashID()
				if errX != nil || errJ != nil || got != want {
					t.Errorf("event %d hashes to %s (%v), want %s (%v)", i, got, errJ, want, errX)
				}
			}
		})
	}
}

// TestXMLToJSONRefuses: a document that is no EPCIS XML is refused with the reason.
func TestXMLToJSONRefuses(t *testing.T) {
	for name, doc := range map[string]string{
		"malformed":    `<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"><EPCISBody>`,
		"not EPCIS":    `<order><id>1</id></order>`,
		"not an event": `<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"><EPCISBody><EventList><Order/></EventList></EPCISBody></epcis:EPCISDocument>`,
	} {
		t.Run(name, func(t *testing.T) {
			if out, err := XMLToJSON([]byte(doc), time.Now()); err == nil {
				t.Errorf("converted to %s, want an error", out)
			}
		})
	}
}
