package query

import (
	"net/url"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/epcis"
)

// TestMatchesFacts tests the parameters no stored column answers on facts built by hand:
// one quantity element, one sensor report or one ILMD field passes every test of its
// family together.
func TestMatchesFacts(t *testing.T) {
	at := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm.UTC()
	}
	num := func(f float64) *float64 { return &f }
	yes := true
	f := epcis.Facts{
		Objects: []epcis.Object{
			{ID: "https://id.gs1.org/01/06901234123456/10/L1", Role: epcis.RoleEPC, Class: true, Quantity: 5, HasQuantity: true},
			{ID: "https://id.gs1.org/01/06901234123456/10/L2", Role: epcis.RoleEPC, Class: true, Quantity: 12, HasQuantity: true},
		},
		PersistentDispositionSet: []string{"https://ref.gs1.org/cbv/Disp-completeness_verified"},
		ErrorDeclaration: &epcis.ErrorDeclaration{Reason: "https://ref.gs1.org/cbv/ER-incorrect_data",
			CorrectiveEventIDs: []string{"urn:shejian:e2"}},
		Sensors: []epcis.SensorReport{
			{Type: "https://gs1.org/voc/Temperature", Value: num(4), Time: at("2024-05-01T08:00:00Z"), DeviceID: "urn:shejian:t1"},
			{Type: "https://gs1.org/voc/Humidity", PercRank: num(50), BooleanValue: &yes, HexBinaryValue: "0A1B",
				Time: at("2024-05-01T09:00:00Z"), DeviceID: "urn:shejian:t2"},
		},
		ILMD: []epcis.Field{
			{Name: "{https://ns.example.cn/}grade", Value: "3"},
			{Name: "{https://ns.example.cn/}origin", Value: "福建"},
			{Name: "{https://gs1.org/voc/}bestBeforeDate", Value: "2024-06-01"},
			{Name: "{https://ns.example.cn/}field", Value: "F-12", Inner: true},
		},
		Extensions: []epcis.Field{
			{Name: "{https://ns.example.cn/}depth", Value: "5", Inner: true},
			{Name: "{https://ns.example.cn/}inspector", Value: "王芳"},
			{Name: "{https://ns.example.cn/}probe", Value: "P1", Inner: true},
		},
	}
	tests := []struct {
		params string
		want   bool
	}{
		{"", true},
		{"EQ_quantity=12", true},
		{"GT_quantity=5&LT_quantity=12", false}, // 5 and 12 each fail one bound
		{"GE_quantity=5&LE_quantity=5", true},
		{"EQ_persistentDisposition_set=completeness_verified", true},
		{"EQ_persistentDisposition_unset=completeness_verified", false},
		{"EQ_errorReason=incorrect_data", true},
		{"EQ_errorReason=did_not_occur", false},
		{"EQ_correctiveEventID=urn:shejian:e2|urn:shejian:e3", true},
		{"EXISTS_sensorElementList", true},
		{"EQ_type=Temperature&EQ_deviceID=urn:shejian:t1", true},
		{"EQ_type=Temperature&EQ_deviceID=urn:shejian:t2", false}, // not one report
		{"EQ_booleanValue=true&GE_percRank=50&EQ_hexBinaryValue=0a1b", true},
		{"EQ_booleanValue=false", false},
		{"GE_time=2024-05-01T08:30:00Z", true},
		{"LT_time=2024-05-01T08:00:00Z", false},
		{"GE_startTime=2024-05-01T00:00:00Z", false}, // no report gives a startTime
		{"EQ_ILMD_ex:origin=福建", true},
		{"EQ_ILMD_ex:grade=3.0", true},
		{"GT_ILMD_ex:grade=2.5&LE_ILMD_ex:grade=3", true},
		{"GT_ILMD_ex:origin=A", false}, // text has no order
		{"LT_ILMD_gs1:bestBeforeDate=2024-06-02", true},
		{"GE_ILMD_gs1:bestBeforeDate=2024-06-01T09:00:00%2B08:00", false},
		{"EQ_ILMD_ex:colour=red", false},
		{"EQ_ILMD_ex:field=F-12", false}, // nested: INNER_
		{"EQ_INNER_ILMD_ex:field=F-12", true},
		{"EXISTS_INNER_ILMD_ex:field", true},
		{"EQ_INNER_ILMD_ex:origin=福建", false}, // at the top
		{"EQ_ex:inspector=王芳|李明", true},
		{"EQ_ex:inspector=李明", false},
		{"EXISTS_ex:inspector", true},
		{"EXISTS_ex:probe", false}, // nested
		{"EXISTS_INNER_ex:probe=true", true},
		{"GE_INNER_ex:depth=5&LT_INNER_ex:depth=6", true},
		{"GT_INNER_ex:depth=5", false},
		{"EQ_ex:origin=福建", false}, // an ILMD field, not an event's
	}
	for _, tt := range tests {
		t.Run(tt.params, func(t *testing.T) {
			values, err := url.ParseQuery(tt.params)
			if err != nil {
				t.Fatal(err)
			}
			q, err := Parse(values, map[string]string{"ex": "https://ns.example.cn/"})
			if err != nil {
				t.Fatal(err)
			}
			if got := q.MatchesFacts(&f); got != tt.want {
				t.Errorf("MatchesFacts(?%s) = %v, want %v", tt.params, got, tt.want)
			}
			if needs := q.NeedsFacts(); needs != (tt.params != "") {
				t.Errorf("NeedsFacts(?%s) = %v", tt.params, needs)
			}
		})
	}
}
