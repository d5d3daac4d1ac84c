package synth

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/epcis"
)

// decoded is an event read back from a generated document, with its identifiers in
// canonical Digital Link form and its ID as capture stores it.
type decoded struct {
	ID               string
	Type             string    `json:"type"`
	EventTime        time.Time `json:"eventTime"`
	EventID          string    `json:"eventID"`
	Action           string    `json:"action"`
	BizStep          string    `json:"bizStep"`
	ErrorDeclaration *struct {
		DeclarationTime    time.Time `json:"declarationTime"`
		CorrectiveEventIDs []string  `json:"correctiveEventIDs"`
	} `json:"errorDeclaration"`
	EPCList            []string                             `json:"epcList"`
	ParentID           string                               `json:"parentID"`
	QuantityList       []decodedQuantity                    `json:"quantityList"`
	ChildQuantityList  []decodedQuantity                    `json:"childQuantityList"`
	InputQuantityList  []decodedQuantity                    `json:"inputQuantityList"`
	OutputQuantityList []decodedQuantity                    `json:"outputQuantityList"`
	TransformationID   string                               `json:"transformationID"`
	ReadPoint          struct{ ID string }                  `json:"readPoint"`
	SourceList         []struct{ Type, Source string }      `json:"sourceList"`
	DestinationList    []struct{ Type, Destination string } `json:"destinationList"`
}

type decodedQuantity struct {
	EPCClass string  `json:"epcClass"`
	Quantity float64 `json:"quantity"`
	UOM      string  `json:"uom"`
}

// place is where the event happened: its readPoint, which every generated event has.
func (e *decoded) place() string { return e.ReadPoint.ID }

// source and destination return the location of the source or destination list.
func (e *decoded) source() string {
	for _, s := range e.SourceList {
		if s.Type == "location" {
			return s.Source
		}
	}
	return ""
}

func (e *decoded) destination() string {
	for _, d := range e.DestinationList {
		if d.Type == "location" {
			return d.Destination
		}
	}
	return ""
}

// pallet returns the SSCC an event moves or packs, canonical, or "".
func (e *decoded) pallet() string {
	switch {
	case e.ParentID != "":
		return canonicalTest(e.ParentID)
	case len(e.EPCList) > 0:
		return canonicalTest(e.EPCList[0])
	}
	return ""
}

// generate writes the chain of cfg in documents of perDoc events and returns them.
func generate(t testing.TB, cfg Config, perDoc int) [][]byte {
	t.Helper()
	var docs [][]byte
	err := New(cfg).Documents(perDoc, func(doc []byte) error {
		docs = append(docs, bytes.Clone(doc))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// decodeAll validates every document as capture would at now and decodes its events,
// naming each by its eventID or its Event Hash ID.
func decodeAll(t testing.TB, docs [][]byte, now time.Time) []decoded {
	t.Helper()
	var out []decoded
	for i, doc := range docs {
		events, err := epcis.Validate(doc, now)
		if err != nil {
			t.Fatalf("document %d does not validate: %v", i, err)
		}
		var body struct {
			EPCISBody struct{ EventList []decoded } `json:"epcisBody"`
		}
		if err := json.Unmarshal(doc, &body); err != nil {
			t.Fatal(err)
		}
		for j, e := range body.EPCISBody.EventList {
			e.ID = e.EventID
			if e.ID == "" {
				if e.ID, err = events[j].HashID(); err != nil {
					t.Fatal(err)
				}
			}
			for _, list := range [][]decodedQuantity{e.QuantityList, e.ChildQuantityList, e.InputQuantityList, e.OutputQuantityList} {
				for k := range list {
					list[k].EPCClass = canonicalTest(list[k].EPCClass)
				}
			}
			out = append(out, e)
		}
	}
	return out
}

// canonicalTest writes an LGTIN or SSCC URN as the generator's Digital Link; the URN ↔
// Digital Link test checks the generator agrees with epcis on this.
func canonicalTest(id string) string {
	switch {
	case strings.HasPrefix(id, lgtinURNPrefix):
		f := strings.SplitN(strings.TrimPrefix(id, lgtinURNPrefix), ".", 3)
		body := f[1][:1] + f[0] + f[1][1:]
		return gtinLinkPrefix + body + string(epcis.GS1CheckDigit(body)) + lotLinkAI + f[2]
	case strings.HasPrefix(id, ssccURNPrefix):
		f := strings.SplitN(strings.TrimPrefix(id, ssccURNPrefix), ".", 2)
		body := f[1][:1] + f[0] + f[1][1:]
		return ssccLinkPrefix + body + string(epcis.GS1CheckDigit(body))
	}
	return id
}

// withdrawn returns the IDs error declarations name, and the declarations' positions.
func withdrawn(events []decoded) (ids map[string]bool, declarations map[int]bool) {
	ids, declarations = map[string]bool{}, map[int]bool{}
	for i, e := range events {
		if e.ErrorDeclaration != nil {
			ids[e.ID], declarations[i] = true, true
		}
	}
	return ids, declarations
}
