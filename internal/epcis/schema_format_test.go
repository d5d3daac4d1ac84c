package epcis

import (
	"net/url"
	"strings"
	"testing"
)

func TestStrictFormats(t *testing.T) {
	tests := []struct {
		check func(any) error
		value string
		ok    bool
	}{
		{checkAbsoluteURI, "urn:epc:id:sgtin:0614141.107346.2017", true},
		{checkAbsoluteURI, "urn:epc:class:lgtin:4012345.012345.998877", true},
		{checkAbsoluteURI, "https://id.gs1.org/01/09520123456788/10/ABC%2F1?17=270101", true},
		{checkAbsoluteURI, "ni:///sha-256;df7bb3c352fef055578554f09f5e2aa41782150ced7bd0b8af24dd3ccb30ba69?ver=CBV2.0", true},
		{checkAbsoluteURI, "urn:uuid:6f1c1f4e-8b7a-4c39-9a36-2f1d3f0a0001", true},
		{checkAbsoluteURI, "http://[2001:db8::1]:8080/epcis", true},
		{checkAbsoluteURI, "ex:inspector", true},
		{checkAbsoluteURI, "0614141.107346.2017", false},             // no scheme
		{checkAbsoluteURI, "_:document1", false},                     // a blank node is not a URI
		{checkAbsoluteURI, "1urn:epc:id:sgtin:1", false},             // a scheme starts with a letter
		{checkAbsoluteURI, "urn:epc:id:sgtin:0614141 107346", false}, // a space
		{checkAbsoluteURI, "urn:epc:id:sgtin:批次1", false},            // an IRI, not a URI
		{checkAbsoluteURI, "https://example.cn/a%2", false},          // a cut percent-encoding
		{checkAbsoluteURI, "https://example.cn/a%zz", false},         // not hexadecimal
		{checkAbsoluteURI, "https://example.cn/a#b#c", false},        // two fragments
		{checkAbsoluteURI, "urn:epc:id:[1]", false},                  // brackets outside a host
		{checkAbsoluteURI, "http://example.cn:port/", false},         // a port that is not a number
		{checkAbsoluteURI, "", false},
		{checkDateTime, "2024-05-01T10:00:00+08:00", true},
		{checkDateTime, "2024-05-01T02:00:00Z", true},
		{checkDateTime, "2005-07-11T11:30:47.0Z", true},
		{checkDateTime, "2021-02-01T22:46:31.117000+00:00", true},
		{checkDateTime, "2024-05-01T10:00:00", false},       // no time zone
		{checkDateTime, "2024-05-01 10:00:00+08:00", false}, // a space for T
		{checkDateTime, "2024-05-01t10:00:00z", false},      // lower case
		{checkDateTime, "2024-05-01T10:00:00,5Z", false},    // a comma before the fraction
		{checkDateTime, "2016-12-31T23:59:60Z", false},      // a leap second
		{checkDateTime, "2024-02-30T10:00:00Z", false},      // no such day
		{checkDateTime, "2024-05-01T10:00:00+14:30", false}, // beyond +14:00
	}
	for _, tt := range tests {
		if err := tt.check(tt.value); (err == nil) != tt.ok {
			t.Errorf("check(%q) = %v, want ok %v", tt.value, err, tt.ok)
		}
	}
}

// FuzzURIWithoutAuthority: a URI without an authority that passes checkAbsoluteURI, which
// then does not ask url.Parse, is one url.Parse reads: the check is as strict without it.
func FuzzURIWithoutAuthority(f *testing.F) {
	for _, s := range []string{"urn:epc:id:sgtin:0614141.107346.2017", "ni:///sha-256;df7b?ver=CBV2.0", "ex:a/b?c#d",
		"urn:a:%41", "mailto:a@b.cn", "x:/p:q", "x:?q#f", "x:#"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if checkAbsoluteURI(s) != nil || strings.HasPrefix(s[schemeEnd(s)+1:], "//") {
			return
		}
		if _, err := url.Parse(s); err != nil {
			t.Errorf("checkAbsoluteURI accepts %q, url.Parse does not: %v", s, err)
		}
	})
}
