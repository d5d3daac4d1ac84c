package query

import (
	"errors"
	"net/url"
	"reflect"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/apperr"
)

func TestParseNormalises(t *testing.T) {
	at := func(s string) *time.Time {
		tm, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatal(err)
		}
		tm = tm.UTC()
		return &tm
	}
	num := func(f float64) *float64 { return &f }
	yes := true
	const lot = "https://id.gs1.org/01/06901234567892/10/LOT42"
	tests := []struct {
		name  string
		query string
		want  func(q *Query)
	}{
		{"nothing", "", func(q *Query) {}},
		{"bare words, URNs and web URIs of a vocabulary",
			"EQ_bizStep=shipping|urn:epcglobal:cbv:bizstep:receiving&EQ_bizStep=https://ref.gs1.org/cbv/BizStep-retail_selling&EQ_disposition=in_transit",
			func(q *Query) {
				q.BizSteps = []string{"https://ref.gs1.org/cbv/BizStep-shipping", "https://ref.gs1.org/cbv/BizStep-receiving",
					"https://ref.gs1.org/cbv/BizStep-retail_selling"}
				q.Dispositions = []string{"https://ref.gs1.org/cbv/Disp-in_transit"}
			}},
		{"a lot as URN or Digital Link matches the same class",
			"MATCH_epcClass=urn:epc:class:lgtin:6901234.056789.LOT42|" + url.QueryEscape(lot),
			func(q *Query) { q.Match[MatchEPCClass] = []string{lot, lot} }},
		{"times in UTC", "GE_eventTime=2026-05-01T08:00:00%2B08:00&LT_eventTime=2026-05-02T00:00:00Z",
			func(q *Query) {
				q.EventTime = TimeRange{From: at("2026-05-01T00:00:00Z"), Before: at("2026-05-02T00:00:00Z")}
			}},
		{"quantity bounds", "GE_quantity=1.5&LT_quantity=10&EQ_quantity=2|3",
			func(q *Query) { q.Quantity = NumberRange{Equal: []float64{2, 3}, From: num(1.5), Below: num(10)} }},
		{"EXISTS without a value", "EXISTS_errorDeclaration&EXISTS_sensorElementList=true",
			func(q *Query) { q.ErrorDeclared, q.Sensor.Exists = true, true }},
		{"sensor families", "EQ_type=Temperature&EQ_booleanValue=true&GE_time=2026-05-01T00:00:00Z",
			func(q *Query) {
				q.Sensor.Types = []string{"https://gs1.org/voc/Temperature"}
				q.Sensor.BooleanValue = &yes
				q.Sensor.Time.From = at("2026-05-01T00:00:00Z")
			}},
		{"typed families", "EQ_bizTransaction_po=urn:shejian:ticket:T1&EQ_source_owning_party=urn:shejian:uscc:91350100MA00000001",
			func(q *Query) {
				q.BizTransactions = []Typed{{"https://ref.gs1.org/cbv/BTT-po", []string{"urn:shejian:ticket:T1"}}}
				q.Sources = []Typed{{"https://ref.gs1.org/cbv/SDT-owning_party", []string{"urn:shejian:uscc:91350100MA00000001"}}}
			}},
		{"ILMD by declared, standard and full names",
			"EQ_ILMD_ex:origin=福建|浙江&GE_ILMD_gs1:bestBeforeDate=2026-06-01&LT_ILMD_https://ns.example.com/epcis/grade=3",
			func(q *Query) {
				q.ILMD = []FieldTest{
					{"{https://ns.example.com/epcis/}origin", "EQ", []string{"福建", "浙江"}, false},
					{"{https://gs1.org/voc/}bestBeforeDate", "GE", []string{"2026-06-01"}, false},
					{"{https://ns.example.com/epcis/}grade", "LT", []string{"3"}, false},
				}
			}},
		{"extension fields at the top, nested, and in ILMD",
			"EQ_ex:colour=red|green&GT_INNER_ex:depth=3&EXISTS_INNER_ILMD_ex:field&EXISTS_ex:probe=true",
			func(q *Query) {
				q.ILMD = []FieldTest{{"{https://ns.example.com/epcis/}field", "EXISTS", []string{""}, true}}
				q.Extensions = []FieldTest{
					{"{https://ns.example.com/epcis/}colour", "EQ", []string{"red", "green"}, false},
					{"{https://ns.example.com/epcis/}probe", "EXISTS", []string{"true"}, false},
					{"{https://ns.example.com/epcis/}depth", "GT", []string{"3"}, true},
				}
			}},
		{"order and page", "orderBy=eventTime&orderDirection=DESC&eventCountLimit=5&perPage=5000",
			func(q *Query) {
				q.OrderBy, q.Descending, q.EventCountLimit, q.PerPage = "eventTime", true, 5, MaxPerPage
			}},
		{"descending by default", "orderBy=recordTime", func(q *Query) { q.OrderBy, q.Descending = "recordTime", true }},
		{"ascending when asked", "orderBy=eventTime&orderDirection=ASC", func(q *Query) { q.OrderBy = "eventTime" }},
		{"capture order ascending", "orderDirection=DESC", func(q *Query) {}},
		{"types and actions", "eventType=ObjectEvent|TransformationEvent&EQ_action=ADD",
			func(q *Query) {
				q.EventTypes = []string{"ObjectEvent", "TransformationEvent"}
				q.Actions = []string{"ADD"}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			params, err := url.ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Parse(params, map[string]string{"ex": "https://ns.example.com/epcis/"})
			if err != nil {
				t.Fatalf("Parse(%s): %v", tt.query, err)
			}
			want := Query{PerPage: DefaultPerPage, Match: map[Match][]string{}}
			tt.want(&want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Parse(%s)\n got %+v\nwant %+v", tt.query, got, want)
			}
		})
	}
}

func TestParseRefuses(t *testing.T) {
	tests := []struct {
		query string
		want  []apperr.FieldError // field and rule
	}{
		{"EQ_colour=red", []apperr.FieldError{{Field: "EQ_colour", Rule: "epcis_query_unknown"}}},
		{"EQ_bizStep=", []apperr.FieldError{{Field: "EQ_bizStep", Rule: "epcis_query_empty"}}},
		{"eventType=Event", []apperr.FieldError{{Field: "eventType", Rule: "epcis_query_enum"}}},
		{"GE_eventTime=2026-05-01", []apperr.FieldError{{Field: "GE_eventTime", Rule: "epcis_query_time"}}},
		{"MATCH_epc=LOT42", []apperr.FieldError{{Field: "MATCH_epc", Rule: "epcis_query_uri"}}},
		{"GT_quantity=many", []apperr.FieldError{{Field: "GT_quantity", Rule: "epcis_query_number"}}},
		{"GT_quantity=1|2", []apperr.FieldError{{Field: "GT_quantity", Rule: "epcis_query_single"}}},
		{"perPage=0", []apperr.FieldError{{Field: "perPage", Rule: "epcis_query_count"}}},
		{"EQ_booleanValue=maybe", []apperr.FieldError{{Field: "EQ_booleanValue", Rule: "epcis_query_boolean"}}},
		{"EQ_ILMD_nope:field=1", []apperr.FieldError{{Field: "EQ_ILMD_nope:field", Rule: "epcis_query_prefix"}}},
		{"EQ_nope:colour=red", []apperr.FieldError{{Field: "EQ_nope:colour", Rule: "epcis_query_prefix"}}},
		{"EQ_INNER_nope:colour=red", []apperr.FieldError{{Field: "EQ_INNER_nope:colour", Rule: "epcis_query_prefix"}}},
		{"GT_gs1:netWeight=1|2", []apperr.FieldError{{Field: "GT_gs1:netWeight", Rule: "epcis_query_single"}}},
		{"EXISTS_gs1:netWeight=yes", []apperr.FieldError{{Field: "EXISTS_gs1:netWeight", Rule: "epcis_query_exists"}}},
		{"EXISTS_colour", []apperr.FieldError{{Field: "EXISTS_colour", Rule: "epcis_query_unknown"}}},
		{"eventCountLimit=3", []apperr.FieldError{{Field: "eventCountLimit", Rule: "epcis_query_needs"}}},
		{"orderBy=eventTime&eventCountLimit=3&maxEventCount=4",
			[]apperr.FieldError{{Field: "eventCountLimit", Rule: "epcis_query_exclusive"}}},
		{"orderBy=bizStep&EQ_action=MOVE", []apperr.FieldError{
			{Field: "EQ_action", Rule: "epcis_query_enum"}, {Field: "orderBy", Rule: "epcis_query_enum"}}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			params, err := url.ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			_, err = Parse(params, nil)
			var ae *apperr.Error
			if !errors.As(err, &ae) || ae.Code != apperr.Invalid {
				t.Fatalf("Parse(%s) = %v, want an invalid-input error", tt.query, err)
			}
			var got []apperr.FieldError
			for _, f := range ae.Fields {
				got = append(got, apperr.FieldError{Field: f.Field, Rule: f.Rule})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse(%s) problems = %v, want %v", tt.query, got, tt.want)
			}
		})
	}
}
