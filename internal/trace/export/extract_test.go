package export

import (
	"reflect"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/trace"
)

// eventOfJSON reads one EPCIS event (a JSON object) as the export reads a stored one.
func eventOfJSON(tb testing.TB, object string) *Event {
	tb.Helper()
	doc := `{"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"sj": "urn:shejian:epcis:"}],
		"type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2025-12-01T00:00:00Z",
		"epcisBody": {"eventList": [` + object + `]}}`
	events, err := epcis.Parse([]byte(doc))
	if err != nil || len(events) != 1 {
		tb.Fatalf("parse %s: %v", object, err)
	}
	f, err := events[0].Facts()
	if err != nil {
		tb.Fatal(err)
	}
	raw, err := events[0].JSON()
	if err != nil {
		tb.Fatal(err)
	}
	e, err := eventOf(&trace.StandingEvent{Facts: f, JSON: raw})
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

// The identifiers of the examples: a farm, a market, a kitchen, a farmer, lots.
const (
	farm    = "urn:shejian:uscc:93339911MA008D2D1L"
	market  = "urn:shejian:uscc:91339905MAURNGDT0P"
	kitchen = "urn:shejian:uscc:91339906MAQL5KR7Y6"
	farmer  = "urn:shejian:party:%E5%BC%A0%E4%B8%89:1234"
	lotURN  = "urn:epc:class:lgtin:6901234.000101.251201H0000"
	lotLink = "https://id.gs1.org/01/06901234001013/10/251201H0000"
	ourLot  = "urn:shejian:lot:93339911MA008D2D1L:B%3A01"
	outLot  = "https://id.gs1.org/01/06917072001016/10/251202P0002"
)

// at is a time of December 2025, China time, as Facts give it (UTC).
func at(day, hour int) time.Time {
	return time.Date(2025, 12, day, hour, 0, 0, 0, calendar.China).UTC()
}

func TestClassify(t *testing.T) {
	for _, c := range []struct {
		name, event string
		want        CTE // 0: none
	}{
		{"harvest", `{"type": "ObjectEvent", "action": "ADD", "bizStep": "commissioning"`, Harvesting},
		{"class instance", `{"type": "ObjectEvent", "action": "ADD", "bizStep": "creating_class_instance"`, Harvesting},
		{"packing", `{"type": "ObjectEvent", "action": "ADD", "bizStep": "packing"`, InitialPacking},
		{"catch", `{"type": "ObjectEvent", "action": "ADD", "bizStep": "receiving", "ilmd": {"cbvmda:catchArea": "FAO-61"}`, FirstLandBasedReceiving},
		{"cooling, own word", `{"type": "ObjectEvent", "action": "OBSERVE", "bizStep": "urn:example:bizstep:cooling"`, Cooling},
		{"cooling, web URI", `{"type": "ObjectEvent", "action": "OBSERVE", "bizStep": "https://example.com/BizStep-Cooling"`, Cooling},
		{"shipping", `{"type": "ObjectEvent", "action": "OBSERVE", "bizStep": "shipping"`, Shipping},
		{"shipping transaction", `{"type": "TransactionEvent", "action": "ADD", "bizStep": "shipping",
			"bizTransactionList": [{"type": "po", "bizTransaction": "urn:epcglobal:cbv:bt:6901234000009:PO1"}]`, Shipping},
		{"receiving", `{"type": "ObjectEvent", "action": "OBSERVE", "bizStep": "receiving"`, Receiving},
		{"transformation", `{"type": "TransformationEvent", "bizStep": "commissioning"`, Transformation},
		{"pallet packing", `{"type": "AggregationEvent", "action": "ADD", "bizStep": "packing", "parentID": "urn:epc:id:sscc:6901234.0000000001"`, 0},
		{"association", `{"type": "AssociationEvent", "action": "ADD", "bizStep": "shipping", "parentID": "urn:epc:id:grai:6901234.00001.1"`, 0},
		{"storing", `{"type": "ObjectEvent", "action": "OBSERVE", "bizStep": "storing"`, 0},
		{"retail sale", `{"type": "ObjectEvent", "action": "OBSERVE", "bizStep": "retail_selling"`, 0},
		{"observed commissioning", `{"type": "ObjectEvent", "action": "OBSERVE", "bizStep": "commissioning"`, 0},
		{"packing observed", `{"type": "ObjectEvent", "action": "OBSERVE", "bizStep": "packing"`, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := eventOfJSON(t, c.event+`, "eventTime": "2025-12-01T06:00:00.000+08:00", "eventTimeZoneOffset": "+08:00"}`)
			got, ok := Classify(&e.Facts)
			if ok != (c.want != 0) || got != c.want {
				t.Errorf("Classify = %v %v, want %v", got, ok, c.want)
			}
		})
	}
}

func TestExtract(t *testing.T) {
	harvest, _ := time.ParseInLocation(time.DateOnly, "2025-11-30", calendar.China)
	for _, c := range []struct {
		name, event string
		want        []Record
	}{
		{"harvest with a certificate", `{"type": "ObjectEvent", "action": "ADD", "bizStep": "commissioning", "eventID": "urn:uuid:1",
			"eventTime": "2025-12-01T06:00:00.000+08:00", "eventTimeZoneOffset": "+08:00",
			"certificationInfo": "urn:shejian:cert:93339911MA008D2D1L:20251201001",
			"quantityList": [{"epcClass": "` + lotURN + `", "quantity": 1000, "uom": "KGM"}],
			"readPoint": {"id": "` + farm + `"}, "bizLocation": {"id": "` + farm + `"},
			"ilmd": {"cbvmda:harvestStartDate": "2025-11-30", "sj:productName": "菠菜", "sj:origin": "江临市东乡"}}`,
			[]Record{{CTE: Harvesting, EventID: "urn:uuid:1", Time: at(1, 6), TLC: lotLink, GTIN: "06901234001013", Batch: "251201H0000",
				Product: "菠菜", Quantity: 1000, HasQuantity: true, UOM: "KGM", Location: farm, TLCSource: farm, References: []Reference{},
				HarvestDate: harvest, Origin: "江临市东乡", Certificate: "urn:shejian:cert:93339911MA008D2D1L:20251201001"}}},
		{"ticket shipping, two lots, one in boxes", `{"type": "ObjectEvent", "action": "OBSERVE", "bizStep": "shipping", "eventID": "urn:uuid:2",
			"eventTime": "2025-12-01T11:00:00.000+08:00", "eventTimeZoneOffset": "+08:00",
			"quantityList": [{"epcClass": "` + ourLot + `", "quantity": 30}, {"epcClass": "` + lotLink + `", "quantity": 2.5, "uom": "KGM"}],
			"readPoint": {"id": "` + market + `"},
			"bizTransactionList": [{"type": "inv", "bizTransaction": "urn:shejian:ticket:1201001"}],
			"sourceList": [{"type": "owning_party", "source": "` + farmer + `"}, {"type": "location", "source": "` + market + `"}],
			"destinationList": [{"type": "owning_party", "destination": "` + kitchen + `"}, {"type": "location", "destination": "` + kitchen + `"}],
			"sj:productName": "菠菜", "sj:unit": "箱"}`,
			[]Record{
				{CTE: Shipping, EventID: "urn:uuid:2", Time: at(1, 11), TLC: ourLot, Batch: "B:01", Product: "菠菜", Quantity: 30, HasQuantity: true,
					UOM: "箱", Location: market, From: market, To: kitchen, References: []Reference{{"ticket", "1201001"}}},
				{CTE: Shipping, EventID: "urn:uuid:2", Time: at(1, 11), TLC: lotLink, GTIN: "06901234001013", Batch: "251201H0000", Product: "菠菜",
					Quantity: 2.5, HasQuantity: true, UOM: "KGM", Location: market, From: market, To: kitchen,
					References: []Reference{{"ticket", "1201001"}}},
			}},
		{"receiving from a farmer, on a voucher", `{"type": "ObjectEvent", "action": "OBSERVE", "bizStep": "receiving", "eventID": "urn:uuid:3",
			"eventTime": "2025-12-01T13:00:00.000+08:00", "eventTimeZoneOffset": "+08:00",
			"quantityList": [{"epcClass": "` + ourLot + `", "quantity": 600, "uom": "KGM"}],
			"readPoint": {"id": "` + kitchen + `"}, "bizLocation": {"id": "` + kitchen + `"},
			"bizTransactionList": [{"type": "desadv", "bizTransaction": "urn:shejian:desadv:93339911MA008D2D1L:V%2001"},
				{"type": "bol", "bizTransaction": "urn:epcglobal:cbv:bt:6901234000009:BOL1"}],
			"sourceList": [{"type": "owning_party", "source": "` + farmer + `"}]}`,
			[]Record{{CTE: Receiving, EventID: "urn:uuid:3", Time: at(1, 13), TLC: ourLot, Batch: "B:01", Quantity: 600, HasQuantity: true,
				UOM: "KGM", Location: kitchen, From: farmer,
				References: []Reference{{"bol", "urn:epcglobal:cbv:bt:6901234000009:BOL1"}, {"desadv", "93339911MA008D2D1L:V 01"}}}}},
		{"packing assigns the TLC", `{"type": "ObjectEvent", "action": "ADD", "bizStep": "packing", "eventID": "urn:uuid:4",
			"eventTime": "2025-12-01T09:00:00.000+08:00", "eventTimeZoneOffset": "+08:00",
			"quantityList": [{"epcClass": "` + lotLink + `", "quantity": 100}], "readPoint": {"id": "` + farm + `"}}`,
			[]Record{{CTE: InitialPacking, EventID: "urn:uuid:4", Time: at(1, 9), TLC: lotLink, GTIN: "06901234001013", Batch: "251201H0000",
				Quantity: 100, HasQuantity: true, Location: farm, TLCSource: farm, References: []Reference{}}}},
		{"a pallet alone lists no lot", `{"type": "ObjectEvent", "action": "OBSERVE", "bizStep": "shipping",
			"eventTime": "2025-12-01T09:00:00.000+08:00", "eventTimeZoneOffset": "+08:00",
			"epcList": ["urn:epc:id:sscc:6901234.0000000001"], "readPoint": {"id": "` + farm + `"}}`, nil},
		{"no CTE", `{"type": "ObjectEvent", "action": "OBSERVE", "bizStep": "retail_selling",
			"eventTime": "2025-12-01T09:00:00.000+08:00", "eventTimeZoneOffset": "+08:00",
			"quantityList": [{"epcClass": "` + lotLink + `", "quantity": 1, "uom": "KGM"}], "readPoint": {"id": "` + farm + `"}}`, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Extract(eventOfJSON(t, c.event))
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("Extract =\n%+v\nwant\n%+v", got, c.want)
			}
		})
	}
}

func TestTransform(t *testing.T) {
	inputs := eventOfJSON(t, `{"type": "TransformationEvent", "eventID": "urn:uuid:in", "transformationID": "urn:uuid:x",
		"eventTime": "2025-12-02T08:00:00.000+08:00", "eventTimeZoneOffset": "+08:00",
		"inputQuantityList": [{"epcClass": "`+lotLink+`", "quantity": 600, "uom": "KGM"}, {"epcClass": "`+ourLot+`", "quantity": 400, "uom": "KGM"}],
		"readPoint": {"id": "`+kitchen+`"}, "bizTransactionList": [{"type": "prodorder", "bizTransaction": "urn:shejian:prodorder:K:7"}]}`)
	outputs := eventOfJSON(t, `{"type": "TransformationEvent", "eventID": "urn:uuid:out", "transformationID": "urn:uuid:x",
		"eventTime": "2025-12-02T10:00:00.000+08:00", "eventTimeZoneOffset": "+08:00",
		"outputQuantityList": [{"epcClass": "`+outLot+`", "quantity": 1800}],
		"readPoint": {"id": "`+kitchen+`"}, "bizLocation": {"id": "`+kitchen+`"},
		"bizTransactionList": [{"type": "prodorder", "bizTransaction": "urn:shejian:prodorder:K:7"}],
		"ilmd": {"sj:productName": "什锦净菜"}}`)
	base := Record{CTE: Transformation, EventID: "urn:uuid:out", Time: at(2, 10), TLC: outLot, GTIN: "06917072001016", Batch: "251202P0002",
		Product: "什锦净菜", Quantity: 1800, HasQuantity: true, Location: kitchen, TLCSource: kitchen,
		References: []Reference{{"prodorder", "K:7"}}, TransformationID: "urn:uuid:x"}
	first, second := base, base
	first.Input = &Lot{TLC: lotLink, GTIN: "06901234001013", Batch: "251201H0000", Quantity: 600, HasQuantity: true, UOM: "KGM"}
	second.Input = &Lot{TLC: ourLot, Batch: "B:01", Quantity: 400, HasQuantity: true, UOM: "KGM"}

	for _, c := range []struct {
		name   string
		events []*Event
		want   []Record
	}{
		{"inputs, then outputs", []*Event{inputs, outputs}, []Record{first, second}},
		{"outputs, then inputs", []*Event{outputs, inputs}, []Record{first, second}},
		{"inputs alone", []*Event{inputs}, func() []Record {
			a, b := first, second
			for _, r := range []*Record{&a, &b} {
				r.EventID, r.Time, r.TLC, r.GTIN, r.Batch, r.Product, r.Quantity, r.HasQuantity = "urn:uuid:in", at(2, 8), "", "", "", "", 0, false
			}
			return []Record{a, b}
		}()},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Transform(c.events); !reflect.DeepEqual(got, c.want) {
				t.Errorf("Transform =\n%+v\nwant\n%+v", got, c.want)
			}
		})
	}
}
