package trace

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/trace/query"
)

// extensions declares the prefix of the test documents' extension fields, as a caller's
// GS1-Extensions header does.
var extensions = map[string]string{"ex": "https://ns.example.cn/trace/"}

// queryEvent is an event of the query tests, eventID urn:shejian:test:<name>, at day of May
// 2024, with fields (JSON members) after its time.
func queryEvent(name, typ string, day int, fields string) string {
	return fmt.Sprintf(`{"eventID": "urn:shejian:test:%s", "type": %q, "eventTime": "2024-05-%02dT10:00:00.000+08:00",
		"eventTimeZoneOffset": "+08:00", %s}`, name, typ, day, fields)
}

// The identifiers of the query tests.
const (
	item1   = "urn:epc:id:sgtin:6901234.012345.1"
	item2   = "urn:epc:id:sgtin:6901234.012345.2"
	pallet  = "urn:epc:id:sscc:6901234.0000000001"
	lot1    = "urn:epc:class:lgtin:6901234.012345.L1"
	lot2    = "urn:epc:class:lgtin:6901234.012345.L2"
	product = "urn:epc:idpat:sgtin:6901234.012345.*"
	party   = "urn:epc:id:pgln:6901234.00000"
)

// queryEvents are six events at the two businesses of a world and at a partner's place:
// e1 ships item1 and lot1 from business 0, e2 receives them at business 1, e3 packs item2
// on a pallet at the partner's, e4 transforms lot1 into lot2 at business 0, e5 reads a
// temperature at a cold room of business 1, e6 sells at business 0 (declared erroneous
// later by declaredE6).
func queryEvents(w *world) []string {
	at := func(place string) string {
		return fmt.Sprintf(`"readPoint": {"id": "%s:dock"}, "bizLocation": {"id": %q}`, place, place)
	}
	return []string{
		queryEvent("e1", "ObjectEvent", 1, `"action": "OBSERVE", "bizStep": "shipping", "disposition": "in_transit",
			"epcList": ["`+item1+`"], "quantityList": [{"epcClass": "`+lot1+`", "quantity": 20.5, "uom": "KGM"}],
			"bizTransactionList": [{"type": "po", "bizTransaction": "urn:epcglobal:cbv:bt:6901234000009:PO1"}],
			"sourceList": [{"type": "owning_party", "source": "`+party+`"}], `+at(w.place(0))),
		queryEvent("e2", "ObjectEvent", 2, `"action": "OBSERVE", "bizStep": "receiving", "disposition": "in_progress",
			"epcList": ["`+item1+`"], "quantityList": [{"epcClass": "`+lot1+`", "quantity": 20.5, "uom": "KGM"}],
			"persistentDisposition": {"set": ["completeness_verified"]}, `+at(w.place(1))),
		queryEvent("e3", "AggregationEvent", 3, `"action": "ADD", "bizStep": "packing", "parentID": "`+pallet+`",
			"childEPCs": ["`+item2+`"], "readPoint": {"id": "`+gs1Place+`"}, "bizLocation": {"id": "`+gs1Place+`"}`),
		queryEvent("e4", "TransformationEvent", 4, `"bizStep": "commissioning", "transformationID": "urn:shejian:transformation:1",
			"inputQuantityList": [{"epcClass": "`+lot1+`", "quantity": 10, "uom": "KGM"}],
			"outputQuantityList": [{"epcClass": "`+lot2+`", "quantity": 8, "uom": "KGM"}],
			"ilmd": {"ex:origin": "福建", "ex:grade": 3}, `+at(w.place(0))),
		queryEvent("e5", "ObjectEvent", 5, `"action": "OBSERVE", "bizStep": "sensor_reporting", "epcList": ["`+item1+`"],
			"sensorElementList": [{"sensorMetadata": {"deviceID": "urn:epc:id:giai:6901234.T1", "time": "2024-05-05T09:00:00.000+08:00"},
				"sensorReport": [{"type": "Temperature", "value": 4.5, "uom": "CEL"}, {"type": "RelativeHumidity", "value": 80, "uom": "A93"}]}],
			"readPoint": {"id": "`+w.place(1)+`:coldroom"}, "bizLocation": {"id": "`+w.place(1)+`:coldroom"}`),
		queryEvent("e6", "ObjectEvent", 6, `"action": "OBSERVE", "bizStep": "retail_selling", "epcList": ["`+item1+`"], `+at(w.place(0))),
	}
}

// declaredE6 is the error declaration of e6: e6 again, with its errorDeclaration.
func declaredE6(w *world) string {
	e6 := queryEvents(w)[5]
	return strings.TrimSuffix(e6, "}") + `, "errorDeclaration": {"declarationTime": "2024-05-07T08:00:00.000+08:00",
		"reason": "incorrect_data", "correctiveEventIDs": ["urn:shejian:test:e7"]}}`
}

// newQueryWorld captures the query events and the declaration of e6 into a world.
func newQueryWorld(t *testing.T, st *store.Store) *world {
	t.Helper()
	w := newWorld(t, st)
	mustCapture(t, w.events, document(queryEvents(w)...), System)
	mustCapture(t, w.events, document(declaredE6(w)), System)
	return w
}

// mustQuery parses params and answers them in scope, failing the test on an error.
func mustQuery(t *testing.T, s *Store, scope access.Scope, params string) EventPage {
	t.Helper()
	page, err := queryOf(s, scope, params)
	if err != nil {
		t.Fatalf("?%s: %v", params, err)
	}
	return page
}

func queryOf(s *Store, scope access.Scope, params string) (EventPage, error) {
	values, err := url.ParseQuery(params)
	if err != nil {
		return EventPage{}, err
	}
	q, err := query.Parse(values, extensions)
	if err != nil {
		return EventPage{}, err
	}
	return s.Events(context.Background(), scope, q)
}

// names returns the test names of a page's events (e1 for urn:shejian:test:e1), in order.
func names(t *testing.T, page EventPage) []string {
	t.Helper()
	out := []string{}
	for _, raw := range page.Events {
		var e struct {
			EventID string `json:"eventID"`
		}
		if err := json.Unmarshal(raw, &e); err != nil {
			t.Fatal(err)
		}
		out = append(out, strings.TrimPrefix(e.EventID, "urn:shejian:test:"))
	}
	return out
}

// TestEventsByParameter answers one query per parameter family over the query events and
// compares the events answered, in order.
func TestEventsByParameter(t *testing.T) {
	enc := url.QueryEscape
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newQueryWorld(t, st)
		tests := []struct {
			params string
			want   []string
		}{
			{"", []string{"e1", "e2", "e3", "e4", "e5", "e6"}},
			{"eventType=ObjectEvent", []string{"e1", "e2", "e5", "e6"}},
			{"eventType=AggregationEvent|TransformationEvent", []string{"e3", "e4"}},
			{"EQ_action=ADD", []string{"e3"}},
			{"EQ_bizStep=shipping", []string{"e1"}},
			{"EQ_bizStep=receiving|urn:epcglobal:cbv:bizstep:packing", []string{"e2", "e3"}},
			{"EQ_bizStep=destroying", []string{}},
			{"EQ_disposition=in_transit", []string{"e1"}},
			{"GE_eventTime=" + enc("2024-05-02T10:00:00+08:00") + "&LT_eventTime=" + enc("2024-05-04T10:00:00+08:00"), []string{"e2", "e3"}},
			{"GE_eventTime=" + enc("2024-05-02T02:00:00Z"), []string{"e2", "e3", "e4", "e5", "e6"}},
			{"GE_recordTime=2000-01-01T00:00:00Z", []string{"e1", "e2", "e3", "e4", "e5", "e6"}},
			{"LT_recordTime=2000-01-01T00:00:00Z", []string{}},
			{"EQ_bizLocation=" + enc(w.place(0)), []string{"e1", "e4", "e6"}},
			{"EQ_bizLocation=" + enc(w.place(1)), []string{"e2"}},
			{"WD_bizLocation=" + enc(w.place(1)), []string{"e2", "e5"}},
			{"WD_bizLocation=" + enc(w.place(1)+":coldroom"), []string{"e5"}},
			{"EQ_readPoint=" + enc(w.place(0)+":dock"), []string{"e1", "e4", "e6"}},
			{"EQ_readPoint=" + enc(w.place(0)), []string{}},
			{"WD_readPoint=" + enc(w.place(0)), []string{"e1", "e4", "e6"}},
			{"WD_bizLocation=urn:epc:id:sgln:6901234.00001.0", []string{"e3"}},
			{"EQ_bizLocation=urn:epc:id:sgln:6901234.00002.0", []string{}},
			{"EQ_transformationID=urn:shejian:transformation:1", []string{"e4"}},
			{"MATCH_epc=" + item1, []string{"e1", "e2", "e5", "e6"}},
			{"MATCH_epc=" + item2, []string{"e3"}},
			{"MATCH_epc=" + pallet, []string{}},
			{"MATCH_parentID=" + pallet, []string{"e3"}},
			{"MATCH_anyEPC=" + pallet, []string{"e3"}},
			{"MATCH_epc=" + enc(product), []string{"e1", "e2", "e3", "e5", "e6"}},
			{"MATCH_epcClass=" + lot1, []string{"e1", "e2"}},
			{"MATCH_epcClass=" + enc("https://id.gs1.org/01/06901234123456/10/L1"), []string{"e1", "e2"}},
			{"MATCH_epcClass=" + enc(product), []string{"e1", "e2"}},
			{"MATCH_inputEPCClass=" + lot1, []string{"e4"}},
			{"MATCH_outputEPCClass=" + lot2, []string{"e4"}},
			{"MATCH_outputEPCClass=" + lot1, []string{}},
			{"MATCH_anyEPCClass=" + lot1, []string{"e1", "e2", "e4"}},
			{"MATCH_anyEPCClass=" + lot1 + "&MATCH_epc=" + item1, []string{"e1", "e2"}},
			{"EQ_eventID=urn:shejian:test:e3|urn:shejian:test:e5", []string{"e3", "e5"}},
			{"EQ_bizTransaction_po=urn:epcglobal:cbv:bt:6901234000009:PO1", []string{"e1"}},
			{"EQ_bizTransaction_inv=urn:epcglobal:cbv:bt:6901234000009:PO1", []string{}},
			{"EQ_source_owning_party=" + party, []string{"e1"}},
			{"EQ_destination_owning_party=" + party, []string{}},
			{"EXISTS_errorDeclaration", []string{"e6"}},
			{"GE_errorDeclarationTime=2024-05-07T00:00:00Z", []string{"e6"}},
			{"LT_errorDeclarationTime=2024-05-06T00:00:00Z", []string{}},
			{"EQ_errorReason=incorrect_data", []string{"e6"}},
			{"EQ_errorReason=did_not_occur", []string{}},
			{"EQ_correctiveEventID=urn:shejian:test:e7", []string{"e6"}},
			{"EQ_quantity=20.5", []string{"e1", "e2"}},
			{"GT_quantity=9&LT_quantity=10.5", []string{"e4"}},
			{"GE_quantity=8&LE_quantity=8", []string{"e4"}},
			{"EQ_persistentDisposition_set=completeness_verified", []string{"e2"}},
			{"EQ_persistentDisposition_unset=completeness_verified", []string{}},
			{"EQ_ILMD_ex:origin=" + enc("福建"), []string{"e4"}},
			{"EQ_ILMD_ex:origin=" + enc("浙江"), []string{}},
			{"GE_ILMD_ex:grade=3&LT_ILMD_ex:grade=4", []string{"e4"}},
			{"GT_ILMD_ex:grade=3", []string{}},
			{"EXISTS_sensorElementList", []string{"e5"}},
			{"EQ_type=Temperature&EQ_deviceID=urn:epc:id:giai:6901234.T1", []string{"e5"}},
			{"EQ_type=Pressure", []string{}},
			{"GE_time=" + enc("2024-05-05T09:00:00+08:00") + "&LT_time=" + enc("2024-05-05T09:00:00.001+08:00"), []string{"e5"}},
			{"orderBy=eventTime", []string{"e6", "e5", "e4", "e3", "e2", "e1"}},
			{"orderBy=eventTime&orderDirection=ASC&eventCountLimit=2", []string{"e1", "e2"}},
			{"orderBy=recordTime&orderDirection=DESC&eventCountLimit=1&MATCH_epc=" + item1, []string{"e6"}},
			{"orderDirection=DESC", []string{"e1", "e2", "e3", "e4", "e5", "e6"}},
		}
		for _, tt := range tests {
			t.Run(tt.params, func(t *testing.T) {
				if got := names(t, mustQuery(t, w.events, access.Everywhere, tt.params)); !slices.Equal(got, tt.want) {
					t.Errorf("?%s = %v, want %v", tt.params, got, tt.want)
				}
			})
		}
	})
}

// TestEventsWithErrorDeclaration: a declared event answers once, with the errorDeclaration
// of its declaration row, by eventID and by any other parameter.
func TestEventsWithErrorDeclaration(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newQueryWorld(t, st)
		for _, params := range []string{"EQ_eventID=urn:shejian:test:e6", "EQ_bizStep=retail_selling", "MATCH_epc=" + item1} {
			page := mustQuery(t, w.events, access.Everywhere, params)
			var declared []map[string]json.RawMessage
			for _, raw := range page.Events {
				var e map[string]json.RawMessage
				if err := json.Unmarshal(raw, &e); err != nil {
					t.Fatal(err)
				}
				if string(e["eventID"]) == `"urn:shejian:test:e6"` {
					declared = append(declared, e)
				}
			}
			if len(declared) != 1 {
				t.Fatalf("?%s: e6 answered %d times", params, len(declared))
			}
			d := string(declared[0]["errorDeclaration"])
			if !strings.Contains(d, `"reason":"incorrect_data"`) || !strings.Contains(d, `"urn:shejian:test:e7"`) {
				t.Errorf("?%s: e6 answered with errorDeclaration %s", params, d)
			}
		}
	})
}

// TestEventsRefuseBadTokens: a token altered, or used with another query, is a bad
// parameter naming nextPageToken.
func TestEventsRefuseBadTokens(t *testing.T) {
	w := newQueryWorld(t, storetest.Open(t, store.SQLite))
	page := mustQuery(t, w.events, access.Everywhere, "perPage=2")
	if page.Next == "" {
		t.Fatal("the first of three pages has no next")
	}
	altered := []byte(page.Next)
	altered[1] ^= 1
	for _, params := range []string{
		"perPage=2&nextPageToken=" + string(altered),
		"perPage=2&EQ_bizStep=shipping&nextPageToken=" + page.Next,
		"perPage=2&nextPageToken=bm90IGEgdG9rZW4",
	} {
		_, err := queryOf(w.events, access.Everywhere, params)
		var ae *apperr.Error
		if !errors.As(err, &ae) || ae.Code != apperr.Invalid || len(ae.Fields) != 1 || ae.Fields[0].Field != "nextPageToken" {
			t.Errorf("?%s: %v, want a bad nextPageToken", params, err)
		}
	}
	if _, err := queryOf(w.events, access.Everywhere, "perPage=5&nextPageToken="+page.Next); err != nil {
		t.Errorf("another page size on the same query: %v", err)
	}
}

// TestEventsLimits: maxEventCount refuses a query that more events match, and a query whose
// parameters need each event's facts is refused when it would read more than MaxExamined.
func TestEventsLimits(t *testing.T) {
	w := newQueryWorld(t, storetest.Open(t, store.SQLite))
	for _, tt := range []struct {
		params string
		large  bool
	}{
		{"maxEventCount=6", false},
		{"maxEventCount=5", true},
		{"maxEventCount=1&EQ_quantity=20.5", true},
		{"maxEventCount=2&EQ_quantity=20.5", false},
	} {
		_, err := queryOf(w.events, access.Everywhere, tt.params)
		if large := apperr.CodeOf(err) == apperr.TooLarge; large != tt.large || err != nil && !large {
			t.Errorf("?%s: %v, want too large %v", tt.params, err, tt.large)
		}
	}
}

// TestEventsAnswerRoundTrips: every answered event, read back inside its query document,
// has the facts of the event captured, its eventID and recordTime set.
func TestEventsAnswerRoundTrips(t *testing.T) {
	w := newQueryWorld(t, storetest.Open(t, store.SQLite))
	captured, err := epcis.Parse(document(queryEvents(w)...))
	if err != nil {
		t.Fatal(err)
	}
	page := mustQuery(t, w.events, access.Everywhere, "EQ_eventID=urn:shejian:test:e4|urn:shejian:test:e5")
	answered := parseAnswer(t, page)
	for i, want := range []epcis.Event{captured[3], captured[4]} {
		checkSameFacts(t, want, answered[i])
	}
}
