package ticket

import (
	"regexp"
	"testing"

	"github.com/shejian/shejian/internal/epcis"
)

// TestLotIdentity: a product with a GTIN is its LGTIN as the canonical Digital Link, the
// form capture gives the LGTIN URN too; one without is our URN, qualified by whoever
// assigned the batch number and escaped where a URN cannot hold the number.
func TestLotIdentity(t *testing.T) {
	farmer := party{key: unregisteredKey(" 张  三 ", "123X")}
	registered := party{key: "91330100MA2AB00017", business: &business{}}
	tests := []struct {
		name, gtin, batch string
		assigner          party
		want              string
		urn               string // the same lot as an EPC URN, when it has one
	}{
		{"GTIN-13", "06901234567892", "L251201", registered, "https://id.gs1.org/01/06901234567892/10/L251201",
			"urn:epc:class:lgtin:6901234.056789.L251201"},
		{"GTIN with a slash in the lot", "06901234567892", "A/1", registered, "https://id.gs1.org/01/06901234567892/10/A%2F1", ""},
		{"no GTIN", "", "B1", registered, "urn:shejian:lot:91330100MA2AB00017:B1", ""},
		{"no GTIN, Chinese batch", "", "批1:2", registered, "urn:shejian:lot:91330100MA2AB00017:%E6%89%B91%3A2", ""},
		{"farmer's batch", "", "2025-12", farmer, "urn:shejian:lot:%E5%BC%A0%20%E4%B8%89:123X:2025-12", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lotURI(tt.gtin, tt.batch, tt.assigner)
			if got != tt.want {
				t.Fatalf("lot %q, want %q", got, tt.want)
			}
			if tt.urn != "" && epcis.CanonicalURI(tt.urn) != got {
				t.Errorf("the URN %s is %s to capture, not %s", tt.urn, epcis.CanonicalURI(tt.urn), got)
			}
			if epcis.CanonicalURI(got) != got {
				t.Errorf("capture would store %s as %s", got, epcis.CanonicalURI(got))
			}
			gtin, batchNo, assigner, ok := lotParts(got)
			if !ok || gtin != tt.gtin || batchNo != tt.batch || tt.gtin == "" && assigner != tt.assigner.key {
				t.Errorf("read back %q %q %q %v", gtin, batchNo, assigner, ok)
			}
		})
	}
}

// TestPartyURI: an unregistered party is named by its name and ID suffix, read back.
func TestPartyURI(t *testing.T) {
	p := party{key: unregisteredKey("王 五", "5678")}
	if p.uri() != "urn:shejian:party:%E7%8E%8B%20%E4%BA%94:5678" {
		t.Errorf("uri %s", p.uri())
	}
	if name, suffix, ok := partyName(p.uri()); !ok || name != "王 五" || suffix != "5678" {
		t.Errorf("read back %q %q %v", name, suffix, ok)
	}
}

// TestEventID: the eventID of a ticket side is a version 5 urn:uuid of its name, the same
// each time, different for each side.
func TestEventID(t *testing.T) {
	uuid := regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	a, b := eventID("ticket:T1:shipping"), eventID("ticket:T1:receiving")
	if !uuid.MatchString(a) || !uuid.MatchString(b) || a == b || a != eventID("ticket:T1:shipping") {
		t.Errorf("eventIDs %s and %s", a, b)
	}
}

// TestUnits: units convert to UN/ECE codes; 斤 to kilograms; pieces are counted.
func TestUnits(t *testing.T) {
	tests := []struct {
		unit     string
		amount   float64
		uom      string
		quantity float64
	}{
		{"公斤", 12.5, "KGM", 12.5},
		{"千克", 3, "KGM", 3},
		{"KG", 3, "KGM", 3},
		{"斤", 601, "KGM", 300.5},
		{"斤", 0.3, "KGM", 0.15},
		{"吨", 1.2, "TNE", 1.2},
		{"克", 500, "GRM", 500},
		{"箱", 12, "", 12},
		{" 件 ", 7, "", 7},
	}
	for _, tt := range tests {
		u, ok := parseUnit(tt.unit)
		if !ok || u.uom != tt.uom || u.convert(tt.amount) != tt.quantity {
			t.Errorf("%g %s: %g %s (%v), want %g %s", tt.amount, tt.unit, u.convert(tt.amount), u.uom, ok, tt.quantity, tt.uom)
		}
	}
	if _, ok := parseUnit("担"); ok {
		t.Error("担 is no unit of ours")
	}
}
