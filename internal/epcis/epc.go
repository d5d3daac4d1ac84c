package epcis

import "strings"

// epcScheme converts the dot-separated fields of one EPC URI scheme (GS1 EPC Tag Data
// Standard, at most five) to a Digital Link.
type epcScheme struct {
	fields int
	path   func(f epcFields) (string, bool)
}

// epcFields are the fields of an EPC URI, the unused ones empty. An array passed by value,
// it stays on the stack: capture converts every identifier of every event.
type epcFields [5]string

// epcSchemes are the EPC URIs with a Digital Link form, keyed "id:sgtin", "class:lgtin",
// "idpat:sgtin". A pattern converts only when its last field alone is the wildcard.
var epcSchemes = map[string]epcScheme{
	"id:sgtin": {3, func(f epcFields) (string, bool) {
		g, ok := gtinFromEPC(f[0], f[1])
		return gs1Resolver + "/01/" + g + "/21/" + dlEscape(f[2]), ok
	}},
	"id:sscc": {2, func(f epcFields) (string, bool) {
		s, ok := shiftedKey(f[0], f[1], 17)
		return gs1Resolver + "/00/" + s, ok
	}},
	"id:sgln": {3, func(f epcFields) (string, bool) {
		gln, ok := keyWithCheck(f[0], f[1], 12)
		if f[2] == "0" || f[2] == "" { // extension 0 means "no extension"
			return gs1Resolver + "/414/" + gln, ok
		}
		return gs1Resolver + "/414/" + gln + "/254/" + dlEscape(f[2]), ok
	}},
	"id:grai": {3, func(f epcFields) (string, bool) {
		k, ok := keyWithCheck(f[0], f[1], 12)
		return gs1Resolver + "/8003/0" + k + dlEscape(f[2]), ok
	}},
	"id:giai": {2, func(f epcFields) (string, bool) {
		return gs1Resolver + "/8004/" + f[0] + dlEscape(f[1]), isCompanyPrefix(f[0])
	}},
	"id:gsrn":  {2, checkedKey("8018", 17)},
	"id:gsrnp": {2, checkedKey("8017", 17)},
	"id:gdti": {3, func(f epcFields) (string, bool) {
		k, ok := keyWithCheck(f[0], f[1], 12)
		return gs1Resolver + "/253/" + k + dlEscape(f[2]), ok
	}},
	"id:cpi": {3, func(f epcFields) (string, bool) {
		return gs1Resolver + "/8010/" + f[0] + dlEscape(f[1]) + "/8011/" + f[2], isCompanyPrefix(f[0]) && isDigits(f[2])
	}},
	"id:sgcn": {3, func(f epcFields) (string, bool) {
		k, ok := keyWithCheck(f[0], f[1], 12)
		return gs1Resolver + "/255/" + k + f[2], ok && isDigits(f[2])
	}},
	"id:ginc": {2, func(f epcFields) (string, bool) {
		return gs1Resolver + "/401/" + f[0] + dlEscape(f[1]), isCompanyPrefix(f[0])
	}},
	"id:gsin": {2, checkedKey("402", 16)},
	"id:itip": {5, func(f epcFields) (string, bool) {
		k, ok := itipKey(f)
		return gs1Resolver + "/8006/" + k + "/21/" + dlEscape(f[4]), ok
	}},
	"id:upui": {3, func(f epcFields) (string, bool) {
		g, ok := gtinFromEPC(f[0], f[1])
		return gs1Resolver + "/01/" + g + "/235/" + dlEscape(f[2]), ok
	}},
	"id:pgln": {2, checkedKey("417", 12)},
	"class:lgtin": {3, func(f epcFields) (string, bool) {
		g, ok := gtinFromEPC(f[0], f[1])
		return gs1Resolver + "/01/" + g + "/10/" + dlEscape(f[2]), ok
	}},
	"idpat:sgtin": {3, func(f epcFields) (string, bool) {
		g, ok := gtinFromEPC(f[0], f[1])
		return gs1Resolver + "/01/" + g, ok && f[2] == "*"
	}},
	"idpat:grai": {3, func(f epcFields) (string, bool) {
		k, ok := keyWithCheck(f[0], f[1], 12)
		return gs1Resolver + "/8003/0" + k, ok && f[2] == "*"
	}},
	"idpat:gdti": {3, func(f epcFields) (string, bool) {
		k, ok := keyWithCheck(f[0], f[1], 12)
		return gs1Resolver + "/253/" + k, ok && f[2] == "*"
	}},
	"idpat:sgcn": {3, func(f epcFields) (string, bool) {
		k, ok := keyWithCheck(f[0], f[1], 12)
		return gs1Resolver + "/255/" + k, ok && f[2] == "*"
	}},
	"idpat:cpi": {3, func(f epcFields) (string, bool) {
		return gs1Resolver + "/8010/" + f[0] + dlEscape(f[1]), isCompanyPrefix(f[0]) && f[2] == "*"
	}},
	"idpat:itip": {5, func(f epcFields) (string, bool) {
		k, ok := itipKey(f)
		return gs1Resolver + "/8006/" + k, ok && f[4] == "*"
	}},
}

// epcToDigitalLink converts an EPC URI (urn:epc:id:…, urn:epc:class:…, urn:epc:idpat:…) to
// its canonical GS1 Digital Link (CBV 2.0 §8.9 rule 17). The GS1 company prefix is the URI's
// first field, so the conversion needs no prefix-length table. ok is false for schemes
// without a Digital Link form (gid, usdod, adi, bic, imovn) and for malformed URIs.
func epcToDigitalLink(urn string) (string, bool) {
	rest, _ := strings.CutPrefix(urn, "urn:epc:")
	kind, rest, ok := strings.Cut(rest, ":")
	if !ok {
		return "", false
	}
	name, body, ok := strings.Cut(rest, ":")
	scheme, known := epcSchemes[kind+":"+name]
	if !ok || !known {
		return "", false
	}
	// The last field may itself hold dots; the others are digits or escaped references.
	var fields epcFields
	for i := range scheme.fields - 1 {
		if fields[i], body, ok = strings.Cut(body, "."); !ok {
			return "", false
		}
	}
	fields[scheme.fields-1] = body
	for i, f := range fields[:scheme.fields] {
		if fields[i], ok = unescape(f); !ok {
			return "", false
		}
	}
	dl, ok := scheme.path(fields)
	if !ok {
		return "", false
	}
	return dl, true
}

// isCompanyPrefix reports whether s can be a GS1 company prefix: 6 to 12 digits.
func isCompanyPrefix(s string) bool {
	return len(s) >= 6 && len(s) <= 12 && isDigits(s)
}

// keyWithCheck joins a company prefix and a reference of n digits in all, then appends the
// check digit (GLN, GDTI, GRAI, GSRN, …).
func keyWithCheck(prefix, ref string, n int) (string, bool) {
	if !isCompanyPrefix(prefix) || len(prefix)+len(ref) != n || !isDigits(ref) {
		return "", false
	}
	return withCheckDigit(prefix, ref), true
}

// shiftedKey is keyWithCheck for keys whose first digit travels at the front of the
// reference in the EPC: the indicator of a GTIN, the extension digit of an SSCC.
func shiftedKey(prefix, ref string, n int) (string, bool) {
	if !isCompanyPrefix(prefix) || ref == "" || len(prefix)+len(ref) != n || !isDigits(ref) {
		return "", false
	}
	return withCheckDigit(ref[:1], prefix, ref[1:]), true
}

// gtinFromEPC builds the GTIN-14 of an SGTIN, LGTIN, ITIP or UPUI.
func gtinFromEPC(prefix, indicatorAndItem string) (string, bool) {
	return shiftedKey(prefix, indicatorAndItem, 13)
}

// itipKey builds the 18 digits of AI 8006: GTIN-14, piece number and total count.
func itipKey(f epcFields) (string, bool) {
	g, ok := gtinFromEPC(f[0], f[1])
	return g + f[2] + f[3], ok && len(f[2]) == 2 && len(f[3]) == 2 && isDigits(f[2]+f[3])
}

// checkedKey converts the two-field EPCs whose key is prefix, reference and check digit.
func checkedKey(ai string, n int) func(f epcFields) (string, bool) {
	return func(f epcFields) (string, bool) {
		k, ok := keyWithCheck(f[0], f[1], n)
		return gs1Resolver + "/" + ai + "/" + k, ok
	}
}
