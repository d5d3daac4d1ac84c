package epcis

import "testing"

// Check digits in the expectations were computed apart from the code under test.
func TestHashEPCToDigitalLink(t *testing.T) {
	testConversions(t, epcToDigitalLink, []conversion{
		{"urn:epc:id:sgtin:0614141.812345.400", "https://id.gs1.org/01/80614141123458/21/400"},
		{"urn:epc:id:sgtin:0614141.812345.A%2FB!", "https://id.gs1.org/01/80614141123458/21/A%2FB%21"},
		{"urn:epc:id:sscc:0614141.1234567890", "https://id.gs1.org/00/106141412345678908"},
		{"urn:epc:id:sgln:0614141.12345.400", "https://id.gs1.org/414/0614141123452/254/400"},
		{"urn:epc:id:sgln:0614141.12345.0", "https://id.gs1.org/414/0614141123452"},
		{"urn:epc:id:grai:0614141.12345.400", "https://id.gs1.org/8003/00614141123452400"},
		{"urn:epc:id:giai:0614141.12345400", "https://id.gs1.org/8004/061414112345400"},
		{"urn:epc:id:gsrn:0614141.1234567890", "https://id.gs1.org/8018/061414112345678902"},
		{"urn:epc:id:gsrnp:0614141.1234567890", "https://id.gs1.org/8017/061414112345678902"},
		{"urn:epc:id:gdti:0614141.12345.400", "https://id.gs1.org/253/0614141123452400"},
		{"urn:epc:id:cpi:0614141.123ABC.123456789", "https://id.gs1.org/8010/0614141123ABC/8011/123456789"},
		{"urn:epc:id:sgcn:4012345.67890.04711", "https://id.gs1.org/255/401234567890104711"},
		{"urn:epc:id:ginc:0614141.xyz47%2F11", "https://id.gs1.org/401/0614141xyz47%2F11"},
		{"urn:epc:id:gsin:0614141.123456789", "https://id.gs1.org/402/06141411234567890"},
		{"urn:epc:id:itip:4012345.012345.01.02.987", "https://id.gs1.org/8006/040123451234560102/21/987"},
		{"urn:epc:id:upui:1234567.098765.51qIgY)%3C", "https://id.gs1.org/01/01234567987651/235/51qIgY%29%3C"},
		{"urn:epc:id:pgln:0614141.12345", "https://id.gs1.org/417/0614141123452"},
		{"urn:epc:class:lgtin:0614141.812345.Lot%2F1", "https://id.gs1.org/01/80614141123458/10/Lot%2F1"},
		{"urn:epc:idpat:sgtin:0614141.812345.*", "https://id.gs1.org/01/80614141123458"},
		{"urn:epc:idpat:gdti:0614141.12345.*", "https://id.gs1.org/253/0614141123452"},
		{"urn:epc:idpat:sgtin:0614141.*.*", ""},
		{"urn:epc:id:gid:95100000.12345.400", ""},
		{"urn:epc:id:sgtin:0614141.12345.400", ""},   // prefix and item reference are 12 digits, not 13
		{"urn:epc:id:sgtin:0614141.112345", ""},      // no serial
		{"urn:epc:id:sgtin:0614141.812345.4%ZZ", ""}, // bad escape
	})
}

func TestHashCanonicalDigitalLink(t *testing.T) {
	testConversions(t, canonicalDigitalLink, []conversion{
		{"https://id.gs1.org/01/09780345418913/21/765tz", "https://id.gs1.org/01/09780345418913/21/765tz"},
		{"https://example.com/products/gtin/9780345418913/ser/765tz?linkType=all", "https://id.gs1.org/01/09780345418913/21/765tz"},
		{"https://brand.example/01/09780345418913/22/2A/10/ABC/21/7", "https://id.gs1.org/01/09780345418913/21/7"},
		{"https://brand.example/01/09780345418913/10/ABC/17/261231", "https://id.gs1.org/01/09780345418913/10/ABC"},
		{"http://id.gs1.de/414/4012345000115/254/1", "https://id.gs1.org/414/4012345000115/254/1"},
		{"https://id.gs1.org/8004/4012345%41b", "https://id.gs1.org/8004/4012345Ab"},
		{"https://id.gs1.org/01/123", ""},
		{"https://id.gs1.org/01/09780345418913/21", ""},
		{"http://www.opengis.net/def/crs/EPSG/0/27700", ""},
		{"https://example.org/rail/someSectorSpecificValue", ""},
		{"geo:47.506694,11.104301", ""},
	})
}

// conversion is one case of a function that rewrites an identifier or declines to.
type conversion struct {
	in, want string // want "" means: declined, the identifier is left as it is
}

func testConversions(t *testing.T, convert func(string) (string, bool), tests []conversion) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := convert(tt.in)
			switch {
			case tt.want == "" && ok:
				t.Errorf("converted to %s, want it declined", got)
			case tt.want != "" && (!ok || got != tt.want):
				t.Errorf("got %q (ok %v), want %s", got, ok, tt.want)
			}
		})
	}
}
