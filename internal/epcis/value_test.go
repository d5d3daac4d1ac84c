package epcis

import "testing"

func TestHashCanonicalValue(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"  padded  ", "padded"},
		{"urn:epcglobal:cbv:bizstep:receiving", "https://ref.gs1.org/cbv/BizStep-receiving"},
		{"urn:epcglobal:cbv:disp:in_transit", "https://ref.gs1.org/cbv/Disp-in_transit"},
		{"urn:epcglobal:cbv:btt:po", "https://ref.gs1.org/cbv/BTT-po"},
		{"urn:epcglobal:cbv:sdt:owning_party", "https://ref.gs1.org/cbv/SDT-owning_party"},
		{"urn:epcglobal:cbv:bt:4012345000009:ASN1099", "urn:epcglobal:cbv:bt:4012345000009:ASN1099"},
		{"gs1:Temperature", "https://gs1.org/voc/Temperature"},
		{"cbv:Comp-latitude", "https://ref.gs1.org/cbv/Comp-latitude"},
		{"example:someSensorProperty", "example:someSensorProperty"},
		{"urn:epc:id:sgtin:0614141.812345.400", "https://id.gs1.org/01/80614141123458/21/400"},
		{"urn:epc:id:gid:95100000.12345.400", "urn:epc:id:gid:95100000.12345.400"},
		{"https://id.example.org/8004/401234599999", "https://id.gs1.org/8004/401234599999"},
		{"http://transaction.acme.com/po/12345678", "http://transaction.acme.com/po/12345678"},
		{"+01:00", "+01:00"},
		{"C35", "C35"},
	}
	for _, tt := range tests {
		if got := canonicalValue(tt.raw); got != tt.want {
			t.Errorf("canonicalValue(%q) = %q, want %q", tt.raw, got, tt.want)
		}
	}
}

func TestHashCanonicalVocab(t *testing.T) {
	tests := []struct{ raw, vocab, want string }{
		{"shipping", bizStepWeb, "https://ref.gs1.org/cbv/BizStep-shipping"},
		{"urn:epcglobal:cbv:bizstep:shipping", bizStepWeb, "https://ref.gs1.org/cbv/BizStep-shipping"},
		{"http://epcis.example.com/user/vocab/bizstep/exampling", bizStepWeb, "http://epcis.example.com/user/vocab/bizstep/exampling"},
		{"Temperature", gs1Voc, "https://gs1.org/voc/Temperature"},
		{"latitude", componentWeb, "https://ref.gs1.org/cbv/Comp-latitude"},
		{"po", bttWeb, "https://ref.gs1.org/cbv/BTT-po"},
	}
	for _, tt := range tests {
		if prefix, value := canonicalVocab(tt.raw, tt.vocab); prefix+value != tt.want {
			got := prefix + value
			t.Errorf("canonicalVocab(%q) = %q, want %q", tt.raw, got, tt.want)
		}
	}
}

func TestHashCanonicalNumber(t *testing.T) {
	tests := []struct {
		raw, want string // want "" means: not a number
	}{
		{"26", "26"},
		{"26.0", "26"},
		{"0.180000000000", "0.18"},
		{"452.0", "452"},
		{"+5", "5"},
		{"-0.0", "0"},
		{".5", "0.5"},
		{"5.", "5"},
		{"1e3", "1000"},
		{"0.00001", "1e-05"},
		{"111100001111000011110000", "111100001111000003641344"}, // the double's exact digits
		{"9e39", "8999999999999999910729679699914547789824"},     // still in full, below 1e40
		{"1e40", ""},  // kept as written: in full it would grow eightfold
		{"1e308", ""}, // and sixty-fold
		{"C35", ""},
		{"+01:00", ""},
		{"1e", ""},
		{".", ""},
		{"2019-10-21", ""},
		{"inf", ""},
	}
	for _, tt := range tests {
		got, ok := canonicalNumber(tt.raw)
		if tt.want == "" {
			if ok {
				t.Errorf("canonicalNumber(%q) = %q, want not a number", tt.raw, got)
			}
			continue
		}
		if !ok || got != tt.want {
			t.Errorf("canonicalNumber(%q) = %q (ok %v), want %q", tt.raw, got, ok, tt.want)
		}
	}
}

func TestHashUTCMillis(t *testing.T) {
	tests := []struct {
		raw, want string // want "" means: an error
	}{
		{"2020-03-04T11:00:30.000+01:00", "2020-03-04T10:00:30.000Z"},
		{"2020-04-01T15:00:00+01:00", "2020-04-01T14:00:00.000Z"},
		{"2022-02-16T20:33:31.116000-06:00", "2022-02-17T02:33:31.116Z"},
		{"2019-10-21T14:58:56.0+02:00", "2019-10-21T12:58:56.000Z"},
		{"2023-01-18T11:04:03.1415Z", "2023-01-18T11:04:03.142Z"},
		{"2023-01-18T11:04:03.14149Z", "2023-01-18T11:04:03.141Z"},
		{"2023-12-31T23:59:59.9996Z", "2024-01-01T00:00:00.000Z"},
		{"2019-09-10T08:40:21.3142715123Z", "2019-09-10T08:40:21.314Z"},
		{"2023-01-18T11:04:03", ""},
		{"2023-01-18T11:04:03.Z", ""},
		{"2023-01-18T11:04:03.1x5Z", ""},
		{"yesterday", ""},
	}
	for _, tt := range tests {
		b, err := appendUTCMillis(nil, tt.raw)
		got := string(b)
		if tt.want == "" {
			if err == nil {
				t.Errorf("appendUTCMillis(%q) = %q, want an error", tt.raw, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("appendUTCMillis(%q) = %q, %v; want %q", tt.raw, got, err, tt.want)
		}
	}
}
