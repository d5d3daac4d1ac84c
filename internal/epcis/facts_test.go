package epcis

import (
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// The canonical Digital Links below were computed apart from the code under test (see
// epc_test.go for their check digits).
const (
	dlSGTIN400   = "https://id.gs1.org/01/80614141123458/21/400"
	dlLGTINLot   = "https://id.gs1.org/01/80614141123458/10/Lot%2F1"
	dlSGLN400    = "https://id.gs1.org/414/0614141123452/254/400"
	dlSGLN       = "https://id.gs1.org/414/0614141123452"
	dlPGLN       = "https://id.gs1.org/417/0614141123452"
	dlSSCC       = "https://id.gs1.org/00/106141412345678908"
	dlGIAI       = "https://id.gs1.org/8004/061414112345400"
	dlGDTI       = "https://id.gs1.org/253/0614141123452400"
	gs1Context   = `"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"ex": "https://ns.example.cn/trace/"}]`
	exNamespace  = "{https://ns.example.cn/trace/}"
	gs1Namespace = "{https://gs1.org/voc/}"
)

func float(f float64) *float64 { return &f }
func boolean(b bool) *bool     { return &b }

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func TestFactsOfEveryField(t *testing.T) {
	tests := []struct {
		name, doc string
		want      Facts
	}{
		{"ObjectEvent with every field", `{` + gs1Context + `, "type": "ObjectEvent",
			"eventID": " urn:uuid:7f1c ", "eventTime": "2024-05-01T10:00:00.1234+08:00", "eventTimeZoneOffset": "+08:00",
			"recordTime": "2024-05-02T00:00:00Z", "action": " ADD ", "bizStep": "commissioning",
			"disposition": "urn:epcglobal:cbv:disp:active",
			"persistentDisposition": {"set": ["completeness_verified"], "unset": ["urn:epcglobal:cbv:disp:completeness_inferred"]},
			"readPoint": {"id": "urn:epc:id:sgln:0614141.12345.400"}, "bizLocation": {"id": "https://shop.example.cn/gln/0614141123452"},
			"epcList": ["urn:epc:id:sgtin:0614141.812345.400", " https://example.cn/crate/7 ", "urn:epc:id:sscc:0614141.1234567890"],
			"quantityList": [{"epcClass": "urn:epc:class:lgtin:0614141.812345.Lot%2F1", "quantity": 20.50, "uom": "KGM"},
				{"epcClass": "urn:epc:idpat:sgtin:0614141.812345.*"}],
			"bizTransactionList": [{"type": "po", "bizTransaction": "urn:epc:id:gdti:0614141.12345.400"},
				{"type": "urn:epcglobal:cbv:btt:desadv", "bizTransaction": "urn:epcglobal:cbv:bt:0614141123452:88"},
				{"bizTransaction": "https://erp.example.cn/order/9"}],
			"sourceList": [{"type": "owning_party", "source": "urn:epc:id:pgln:0614141.12345"}],
			"destinationList": [{"type": "urn:epcglobal:cbv:sdt:location", "destination": "urn:epc:id:sgln:0614141.12345.0"},
				{"type": "https://example.cn/sdt/canteen", "destination": "https://example.cn/canteen/3"}],
			"sensorElementList": [{"sensorMetadata": {"time": "2024-05-01T09:00:00+08:00", "startTime": "2024-05-01T08:00:00+08:00",
					"endTime": "2024-05-01T09:00:00+08:00", "deviceID": "urn:epc:id:giai:0614141.12345400",
					"dataProcessingMethod": "https://example.cn/method/avg", "bizRules": "https://example.cn/rules/cold"},
				"sensorReport": [
					{"type": "gs1:Temperature", "value": 3.50, "minValue": 2, "maxValue": 5.0, "meanValue": 3.4, "sDev": 0.5,
						"percRank": 50, "percValue": 3.3, "uom": "CEL", "component": "x", "deviceID": "https://example.cn/probe/2",
						"time": "2024-05-01T08:30:00Z"},
					{"type": "Humidity", "exception": "ALARM_CONDITION", "booleanValue": true, "stringValue": " dry ",
						"hexBinaryValue": "F0F0", "uriValue": "urn:epc:id:sgtin:0614141.812345.400", "dataProcessingMethod": "https://example.cn/method/raw",
						"microorganism": "https://www.ncbi.nlm.nih.gov/taxonomy/1126011",
						"chemicalSubstance": "https://identifiers.org/inchikey:CZMRCDWAGMRECN-UGDNZRGBSA-N", "bizRules": "https://example.cn/rules/dry"}]},
				{"sensorReport": [{"type": "gs1:Mass", "booleanValue": "0"}]}],
			"ilmd": {"gs1:bestBeforeDate": "2024-06-01", "ex:harvest": {"ex:field": "F-12", "ex:weight": 20.0}, "ex:origin": ["CN", "AU"]},
			"errorDeclaration": {"declarationTime": "2024-05-03T01:00:00.5Z", "reason": "incorrect_data",
				"correctiveEventIDs": ["urn:uuid:c1", " urn:uuid:c2 "]},
			"ex:inspector": "王芳"}`,
			Facts{
				Type: "ObjectEvent", Action: "ADD", EventID: "urn:uuid:7f1c",
				EventTime: utc("2024-05-01T02:00:00.1234Z"), EventTimeZoneOffset: "+08:00", RecordTime: utc("2024-05-02T00:00:00Z"),
				BizStep: bizStepWeb + "commissioning", Disposition: dispWeb + "active",
				ReadPoint: dlSGLN400, BizLocation: dlSGLN,
				Objects: []Object{
					{ID: dlSGTIN400, Role: RoleEPC},
					{ID: "https://example.cn/crate/7", Role: RoleEPC},
					{ID: dlSSCC, Role: RoleEPC},
					{ID: dlLGTINLot, Role: RoleEPC, Class: true, Quantity: 20.5, HasQuantity: true, UOM: "KGM"},
					{ID: "https://id.gs1.org/01/80614141123458", Role: RoleEPC, Class: true},
				},
				BizTransactions: []Typed{
					{Type: bttWeb + "po", Value: dlGDTI},
					{Type: bttWeb + "desadv", Value: "urn:epcglobal:cbv:bt:0614141123452:88"},
					{Value: "https://erp.example.cn/order/9"},
				},
				Sources: []Typed{{Type: sdtWeb + "owning_party", Value: dlPGLN}},
				Destinations: []Typed{
					{Type: sdtWeb + "location", Value: dlSGLN},
					{Type: "https://example.cn/sdt/canteen", Value: "https://example.cn/canteen/3"},
				},
				PersistentDispositionSet:   []string{dispWeb + "completeness_verified"},
				PersistentDispositionUnset: []string{dispWeb + "completeness_inferred"},
				ErrorDeclaration: &ErrorDeclaration{DeclarationTime: utc("2024-05-03T01:00:00.5Z"), Reason: errReasonWeb + "incorrect_data",
					CorrectiveEventIDs: []string{"urn:uuid:c1", "urn:uuid:c2"}},
				Sensors: []SensorReport{
					{DeviceID: "https://example.cn/probe/2", DataProcessingMethod: "https://example.cn/method/avg",
						BizRules: "https://example.cn/rules/cold", Time: utc("2024-05-01T08:30:00Z"),
						StartTime: utc("2024-05-01T00:00:00Z"), EndTime: utc("2024-05-01T01:00:00Z"),
						Type: gs1Voc + "Temperature", Value: float(3.5), MinValue: float(2), MaxValue: float(5), MeanValue: float(3.4),
						SDev: float(0.5), PercRank: float(50), PercValue: float(3.3), Component: componentWeb + "x", UOM: "CEL"},
					{DeviceID: dlGIAI, DataProcessingMethod: "https://example.cn/method/raw",
						BizRules: "https://example.cn/rules/dry", Time: utc("2024-05-01T01:00:00Z"),
						StartTime: utc("2024-05-01T00:00:00Z"), EndTime: utc("2024-05-01T01:00:00Z"),
						Type: gs1Voc + "Humidity", Exception: gs1Voc + "ALARM_CONDITION", BooleanValue: boolean(true),
						StringValue: "dry", HexBinaryValue: "F0F0", URIValue: dlSGTIN400,
						Microorganism:     "https://www.ncbi.nlm.nih.gov/taxonomy/1126011",
						ChemicalSubstance: "https://identifiers.org/inchikey:CZMRCDWAGMRECN-UGDNZRGBSA-N"},
					{Type: gs1Voc + "Mass", BooleanValue: boolean(false)},
				},
				ILMD: []Field{
					{Name: gs1Namespace + "bestBeforeDate", Value: "2024-06-01"},
					{Name: exNamespace + "field", Value: "F-12", Inner: true},
					{Name: exNamespace + "origin", Value: "AU"},
					{Name: exNamespace + "origin", Value: "CN"},
					{Name: exNamespace + "weight", Value: "20", Inner: true},
				},
				Extensions: []Field{{Name: exNamespace + "inspector", Value: "王芳"}},
			}},
		{"TransformationEvent", `{` + gs1Context + `, "type": "TransformationEvent", "eventTime": "2024-05-01T10:00:00Z",
			"eventTimeZoneOffset": "+00:00", "transformationID": "urn:epc:id:gdti:0614141.12345.400",
			"outputQuantityList": [{"epcClass": "urn:epc:class:lgtin:0614141.812345.Lot%2F1", "quantity": 4, "uom": "KGM"}],
			"inputEPCList": ["urn:epc:id:sgtin:0614141.812345.400"],
			"inputQuantityList": [{"epcClass": "https://id.gs1.org/01/80614141123458/10/Lot%2F1", "quantity": "5.5"}],
			"outputEPCList": ["urn:epc:id:sscc:0614141.1234567890"]}`,
			Facts{
				Type: "TransformationEvent", EventTime: utc("2024-05-01T10:00:00Z"), EventTimeZoneOffset: "+00:00",
				TransformationID: dlGDTI,
				Objects: []Object{
					{ID: dlSGTIN400, Role: RoleInput},
					{ID: dlLGTINLot, Role: RoleInput, Class: true, Quantity: 5.5, HasQuantity: true},
					{ID: dlSSCC, Role: RoleOutput},
					{ID: dlLGTINLot, Role: RoleOutput, Class: true, Quantity: 4, HasQuantity: true, UOM: "KGM"},
				},
			}},
		{"AggregationEvent in XML", `<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"><EPCISBody><EventList>
			<AggregationEvent><eventTime>2024-05-01T10:00:00Z</eventTime><eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
				<childQuantityList><quantityElement><epcClass>urn:epc:class:lgtin:0614141.812345.Lot%2F1</epcClass><quantity>3</quantity></quantityElement></childQuantityList>
				<parentID>urn:epc:id:sscc:0614141.1234567890</parentID><action>ADD</action>
				<childEPCs><epc>urn:epc:id:sgtin:0614141.812345.400</epc></childEPCs>
				<bizStep>urn:epcglobal:cbv:bizstep:packing</bizStep>
				<errorDeclaration><declarationTime>2024-05-02T10:00:00Z</declarationTime><reason>urn:epcglobal:cbv:er:did_not_occur</reason>
					<correctiveEventIDs><correctiveEventID>urn:uuid:c3</correctiveEventID><correctiveEventID>urn:uuid:c4</correctiveEventID></correctiveEventIDs>
				</errorDeclaration>
			</AggregationEvent></EventList></EPCISBody></epcis:EPCISDocument>`,
			Facts{
				Type: "AggregationEvent", Action: "ADD", EventTime: utc("2024-05-01T10:00:00Z"), EventTimeZoneOffset: "+00:00",
				BizStep: bizStepWeb + "packing",
				Objects: []Object{
					{ID: dlSSCC, Role: RoleParent},
					{ID: dlSGTIN400, Role: RoleChild},
					{ID: dlLGTINLot, Role: RoleChild, Class: true, Quantity: 3, HasQuantity: true},
				},
				ErrorDeclaration: &ErrorDeclaration{DeclarationTime: utc("2024-05-02T10:00:00Z"), Reason: errReasonWeb + "did_not_occur",
					CorrectiveEventIDs: []string{"urn:uuid:c3", "urn:uuid:c4"}},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustFacts(t, mustParseOne(t, tt.doc))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("facts differ:\n got %s\nwant %s", describeFacts(got), describeFacts(tt.want))
			}
		})
	}
}

func TestFactsRejectUnreadableValues(t *testing.T) {
	tests := []struct{ name, event, says string }{
		{"eventTime", `"eventTime": "2024-05-01 10:00"`, "eventTime"},
		{"recordTime", `"eventTime": "2024-05-01T10:00:00Z", "recordTime": "yesterday"`, "recordTime"},
		{"quantity", `"quantityList": [{"epcClass": "urn:epc:class:lgtin:0614141.812345.1", "quantity": "many"}]`, "quantityList: quantity"},
		{"sensor value", `"sensorElementList": [{"sensorReport": [{"type": "gs1:Temperature", "value": "warm"}]}]`, "sensorReport: value"},
		{"sensor time", `"sensorElementList": [{"sensorMetadata": {"time": "noon"}, "sensorReport": [{"value": 1}]}]`, "sensorMetadata: time"},
		{"boolean", `"sensorElementList": [{"sensorReport": [{"booleanValue": "yes"}]}]`, "booleanValue"},
		{"declarationTime", `"errorDeclaration": {"declarationTime": "later"}`, "errorDeclaration: declarationTime"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := mustParseOne(t, `{"type": "ObjectEvent", "action": "OBSERVE", `+tt.event+`}`)
			if _, err := ev.Facts(); err == nil || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("error %v, want one naming %q", err, tt.says)
			}
		})
	}
}

// TestFactsNormaliseIdentifiers: an EPC URN and a Digital Link of the same object, on any
// domain, give the same facts; so do a CBV word, its URN and its web URI.
func TestFactsNormaliseIdentifiers(t *testing.T) {
	event := func(epc, class, location, bizStep, btt string) string {
		return `{"type": "ObjectEvent", "action": "OBSERVE", "eventTime": "2024-05-01T10:00:00Z", "epcList": ["` + epc + `"],
			"quantityList": [{"epcClass": "` + class + `", "quantity": 1}], "bizLocation": {"id": "` + location + `"},
			"bizStep": "` + bizStep + `", "bizTransactionList": [{"type": "` + btt + `", "bizTransaction": "urn:epc:id:gdti:0614141.12345.400"}]}`
	}
	urns := mustFacts(t, mustParseOne(t, event("urn:epc:id:sgtin:0614141.812345.400", "urn:epc:class:lgtin:0614141.812345.Lot%2F1",
		"urn:epc:id:sgln:0614141.12345.400", "urn:epcglobal:cbv:bizstep:shipping", "urn:epcglobal:cbv:btt:po")))
	for _, tt := range []struct{ name, doc string }{
		{"canonical Digital Links and web URIs", event(dlSGTIN400, dlLGTINLot, dlSGLN400, bizStepWeb+"shipping", bttWeb+"po")},
		{"Digital Links elsewhere, bare words", event("https://brand.example.cn/01/80614141123458/21/400?linkType=all",
			"http://example.cn/gtin/80614141123458/lot/Lot%2F1", "https://example.cn/gln/0614141123452/glnx/400", "shipping", "po")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := mustFacts(t, mustParseOne(t, tt.doc)); !reflect.DeepEqual(got, urns) {
				t.Errorf("facts differ from those of the URNs:\n got %s\nwant %s", describeFacts(got), describeFacts(urns))
			}
		})
	}
	if urns.Objects[0].ID != dlSGTIN400 || urns.BizStep != bizStepWeb+"shipping" {
		t.Errorf("URN facts %s", describeFacts(urns))
	}
}

// TestFactsSameEventInEverySyntax: the four renderings of one event in parse_test.go give
// the same facts but for eventID and recordTime, which they set differently.
func TestFactsSameEventInEverySyntax(t *testing.T) {
	var first Facts
	for i, tt := range sameEvent {
		t.Run(tt.name, func(t *testing.T) {
			f := mustFacts(t, mustParseOne(t, tt.doc))
			f.EventID, f.RecordTime = "", time.Time{}
			if i == 0 {
				first = f
				if len(f.Objects) != 1 || len(f.Sensors) != 1 || f.Sensors[0].Value == nil || *f.Sensors[0].Value != 3.5 {
					t.Fatalf("facts %s", describeFacts(f))
				}
				return
			}
			if !reflect.DeepEqual(f, first) {
				t.Errorf("facts differ from the first rendering's:\n got %s\nwant %s", describeFacts(f), describeFacts(first))
			}
		})
	}
}

func mustParseOne(tb testing.TB, doc string) Event {
	tb.Helper()
	events, err := Parse([]byte(doc))
	if err != nil || len(events) != 1 {
		tb.Fatalf("%d events, %v", len(events), err)
	}
	return events[0]
}

func mustFacts(tb testing.TB, ev Event) Facts {
	tb.Helper()
	f, err := ev.Facts()
	if err != nil {
		tb.Fatalf("facts: %v", err)
	}
	return f
}

// TestFactsConcurrently: capture computes facts on several goroutines, which share the
// caches of words and identifiers; each gets the facts it would get alone.
func TestFactsConcurrently(t *testing.T) {
	events, err := Parse(benchDocument(40))
	if err != nil {
		t.Fatal(err)
	}
	want := make([]Facts, len(events))
	for i, ev := range events {
		want[i] = mustFacts(t, ev)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for i, ev := range events {
				if got, err := ev.Facts(); err != nil || !reflect.DeepEqual(got, want[i]) {
					t.Errorf("event %d: facts differ on another goroutine (%v)", i, err)
				}
			}
		})
	}
	wg.Wait()
}
