package epcis

import (
	"errors"
	"strings"
	"testing"
)

func TestEPCISParseRejects(t *testing.T) {
	tests := []struct {
		name, doc   string
		unsupported bool   // errors.Is(err, ErrUnsupported)
		says        string // part of the message
	}{
		{"empty", "  \n", false, "empty document"},
		{"plain text", "eventTime=now", true, "neither JSON nor XML"},
		{"JSON array", `[{"type": "ObjectEvent"}]`, true, "a JSON array"},
		{"bad JSON", `{"type": "EPCISDocument",`, false, "read JSON"},
		{"two JSON values", `{"type": "ObjectEvent"} {}`, false, "data after the document"},
		{"unknown JSON type", `{"type": "Invoice"}`, true, `type "Invoice"`},
		{"eventList not an array", `{"type": "EPCISDocument", "epcisBody": {"eventList": {}}}`, false, "eventList is not an array"},
		{"event not an object", `{"type": "EPCISDocument", "epcisBody": {"eventList": ["x"]}}`, false, "event 0: not a JSON object"},
		{"unknown event type", `{"type": "EPCISDocument", "epcisBody": {"eventList": [{"type": "QuantityEvent"}]}}`, true, `event 0: unsupported document: event type "QuantityEvent"`},
		{"bad XML", `<EPCISDocument><EPCISBody>`, false, "read XML"},
		{"unknown XML root", `<Invoice/>`, true, `root element "Invoice"`},
		{"unknown XML event", `<EPCISDocument><EPCISBody><EventList><QuantityEvent/></EventList></EPCISBody></EPCISDocument>`, true, `event 0: unsupported document`},
		{"invalid UTF-8", "{\"type\": \"ObjectEvent\", \"x\": \"\xff\"}", false, "not valid UTF-8"},
		{"XML nested too deep", strings.Repeat("<a>", 101) + strings.Repeat("</a>", 101), false, "nested deeper than 100"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.doc))
			if err == nil {
				t.Fatal("parsed, want an error")
			}
			if errors.Is(err, ErrUnsupported) != tt.unsupported || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("error %q: want one saying %q, unsupported %v", err, tt.says, tt.unsupported)
			}
		})
	}
}

// The same event written four ways: JSON-LD with the full context; a single JSON event with
// the simple context, "id" for eventID, a list given as one object and a sensor element
// annotated with its JSON-LD type; EPCIS 2.0 XML; and XML with the 1.2 extension wrappers.
var sameEvent = []struct{ name, doc string }{
	{"JSON document", `{"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"ex": "https://ns.example.cn/trace/"}],
		"type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2024-05-01T08:00:00Z",
		"epcisBody": {"eventList": [{"type": "ObjectEvent", "action": "OBSERVE", "bizStep": "receiving",
			"eventTime": "2024-05-01T10:00:00.5+08:00", "eventTimeZoneOffset": "+08:00", "eventID": "urn:uuid:1",
			"quantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.012345.B240501", "quantity": 20.50, "uom": "KGM"}],
			"readPoint": {"id": "urn:epc:id:sgln:6901234.00001.0"},
			"sourceList": [{"type": "owning_party", "source": "urn:epc:id:pgln:6901234.00000"}],
			"sensorElementList": [{"sensorMetadata": {"time": "2024-05-01T09:55:00+08:00"},
				"sensorReport": [{"type": "Temperature", "value": 3.50, "uom": "CEL"}]}],
			"ex:inspector": {"ex:name": " 王芳 ", "ex:badge": "A-17"}}]}}`},
	{"JSON event", `{"@context": ["https://gs1.github.io/EPCIS/epcis-context-simple.jsonld", {"ex": "https://ns.example.cn/trace/"}],
		"type": "ObjectEvent", "eventTime": "2024-05-01T02:00:00.500Z", "eventTimeZoneOffset": "+08:00",
		"quantityList": [{"epcClass": "https://id.gs1.org/01/06901234123456/10/B240501", "quantity": 20.5, "uom": "KGM"}],
		"action": "OBSERVE", "bizStep": "receiving", "readPoint": {"id": "https://id.gs1.org/414/6901234000016"},
		"sourceList": {"source": "https://id.gs1.org/417/6901234000009", "type": "owning_party"},
		"sensorElementList": [{"type": "epcis:SensorElement", "sensorMetadata": {"time": "2024-05-01T01:55:00Z"},
			"sensorReport": [{"type": "gs1:Temperature", "value": 3.5, "uom": "CEL"}]}],
		"ex:inspector": {"ex:badge": "A-17", "ex:name": "王芳"}, "id": "urn:uuid:3", "recordTime": "2024-05-02T00:00:00Z"}`},
	{"XML 2.0", `<?xml version="1.0"?>
		<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:ex="https://ns.example.cn/trace/" schemaVersion="2.0" creationDate="2024-05-01T08:00:00Z">
		<EPCISBody><EventList><ObjectEvent>
			<eventTime>2024-05-01T10:00:00.500+08:00</eventTime><eventTimeZoneOffset>+08:00</eventTimeZoneOffset>
			<epcList/><action>OBSERVE</action><bizStep>urn:epcglobal:cbv:bizstep:receiving</bizStep>
			<readPoint><id>urn:epc:id:sgln:6901234.00001.0</id></readPoint>
			<sourceList><source type="urn:epcglobal:cbv:sdt:owning_party">urn:epc:id:pgln:6901234.00000</source></sourceList>
			<sensorElementList><sensorElement><sensorMetadata time="2024-05-01T09:55:00+08:00"/>
				<sensorReport type="gs1:Temperature" value="3.5" uom="CEL"/></sensorElement></sensorElementList>
			<quantityList><quantityElement><epcClass>urn:epc:class:lgtin:6901234.012345.B240501</epcClass><quantity>20.5</quantity><uom>KGM</uom></quantityElement></quantityList>
			<ex:inspector><ex:name>王芳</ex:name><ex:badge>A-17</ex:badge></ex:inspector>
		</ObjectEvent></EventList></EPCISBody></epcis:EPCISDocument>`},
	{"XML 1.2 wrappers", `<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:1" xmlns:t="https://ns.example.cn/trace/">
		<EPCISBody><EventList><ObjectEvent>
			<eventTime>2024-05-01T02:00:00.5Z</eventTime><eventTimeZoneOffset>+08:00</eventTimeZoneOffset>
			<baseExtension><eventID>urn:uuid:2</eventID></baseExtension>
			<epcList></epcList><action>OBSERVE</action><bizStep>urn:epcglobal:cbv:bizstep:receiving</bizStep>
			<readPoint><id>urn:epc:id:sgln:6901234.00001.0</id></readPoint>
			<extension>
				<quantityList><quantityElement><epcClass>urn:epc:class:lgtin:6901234.012345.B240501</epcClass><quantity>20.500</quantity><uom>KGM</uom></quantityElement></quantityList>
				<sourceList><source type="urn:epcglobal:cbv:sdt:owning_party">urn:epc:id:pgln:6901234.00000</source></sourceList>
				<sensorElementList><sensorElement><sensorMetadata time="2024-05-01T01:55:00.000Z"/>
					<sensorReport uom="CEL" value="3.50" type="gs1:Temperature"/></sensorElement></sensorElementList>
			</extension>
			<t:inspector><t:badge>A-17</t:badge><t:name>王芳</t:name></t:inspector>
		</ObjectEvent></EventList></EPCISBody></epcis:EPCISDocument>`},
}

// TestLongPathIsNoDigitalLink: a URI whose path runs longer than any Digital Link is hashed
// as written, at once, instead of being tried as a link from each of its segments.
func TestLongPathIsNoDigitalLink(t *testing.T) {
	long := "https://x/" + strings.Repeat("8004/a/", 20000) + "99"
	if _, ok := canonicalDigitalLink(long); ok {
		t.Fatal("a 40,000-segment path read as a Digital Link")
	}
	short := "https://example.com/shop/01/09521234543213/10/LOT1"
	if got, ok := canonicalDigitalLink(short); !ok || got != "https://id.gs1.org/01/09521234543213/10/LOT1" {
		t.Fatalf("a Digital Link below a path: %q %v", got, ok)
	}
}

func TestSameEventHashesSameInEverySyntax(t *testing.T) {
	const want = "eventType=ObjectEventeventTime=2024-05-01T02:00:00.500ZeventTimeZoneOffset=+08:00" +
		"quantityListquantityElementepcClass=https://id.gs1.org/01/06901234123456/10/B240501quantity=20.5uom=KGM" +
		"action=OBSERVEbizStep=https://ref.gs1.org/cbv/BizStep-receivingreadPointid=https://id.gs1.org/414/6901234000016" +
		"sensorElementListsensorElementsensorMetadatatime=2024-05-01T01:55:00.000Z" +
		"sensorReporttype=https://gs1.org/voc/Temperaturevalue=3.5uom=CEL" +
		"sourceListtype=https://ref.gs1.org/cbv/SDT-owning_partysource=https://id.gs1.org/417/6901234000009" +
		"{https://ns.example.cn/trace/}inspector{https://ns.example.cn/trace/}badge=A-17{https://ns.example.cn/trace/}name=王芳"
	for _, tt := range sameEvent {
		t.Run(tt.name, func(t *testing.T) {
			events, err := Parse([]byte(tt.doc))
			if err != nil || len(events) != 1 {
				t.Fatalf("%d events, %v", len(events), err)
			}
			got, err := events[0].PreHash()
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("pre-hash differs:\n%s", firstDifference(got, want, "got", "want"))
			}
		})
	}
}

func TestHashIDReportsBadTimestamp(t *testing.T) {
	events, err := Parse([]byte(`{"type": "ObjectEvent", "eventTime": "2024-05-01 10:00", "action": "OBSERVE"}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := events[0].HashID(); err == nil || !strings.Contains(err.Error(), "eventTime") {
		t.Errorf("HashID error %v, want one naming eventTime", err)
	}
}

func TestHashIDFormat(t *testing.T) {
	events, err := Parse([]byte(sameEvent[0].doc))
	if err != nil {
		t.Fatal(err)
	}
	id, err := events[0].HashID()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(id, "ni:///sha-256;") || !strings.HasSuffix(id, "?ver=CBV2.0") || len(id) != len("ni:///sha-256;?ver=CBV2.0")+64 {
		t.Errorf("hash ID %q is not ni:///sha-256;<64 hex>?ver=CBV2.0", id)
	}
}
