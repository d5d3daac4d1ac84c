package epcis

import (
	"net/url"
	"strings"
)

// gs1Resolver is the domain of canonical GS1 Digital Link URIs.
const gs1Resolver = "https://id.gs1.org"

// primaryKey is a GS1 key a constrained canonical Digital Link may carry (CBV 2.0 §8.9 rule
// 18 III: 00, 01 [21|10|235], 253, 255, 401, 402, 414 [254], 417, 8003, 8004, 8006 [21|10],
// 8010 [8011], 8017, 8018).
type primaryKey struct {
	// normalise checks the key's value and writes it canonically (a GTIN in 14 digits).
	normalise func(string) (string, bool)
	// qualifiers may follow the key; only the finest one given is kept, so they are listed
	// finest first.
	qualifiers []string
}

var primaryKeys = map[string]primaryKey{
	"00":   {normalise: digitsOfLength(18)},
	"01":   {normalise: gtin14, qualifiers: []string{"21", "235", "10"}},
	"253":  {normalise: digitsThenAny(13)},
	"255":  {normalise: digitsThenAny(13)},
	"401":  {normalise: nonEmpty},
	"402":  {normalise: digitsOfLength(17)},
	"414":  {normalise: digitsOfLength(13), qualifiers: []string{"254"}},
	"417":  {normalise: digitsOfLength(13)},
	"8003": {normalise: digitsThenAny(14)},
	"8004": {normalise: nonEmpty},
	"8006": {normalise: digitsOfLength(18), qualifiers: []string{"21", "10"}},
	"8010": {normalise: nonEmpty, qualifiers: []string{"8011"}},
	"8017": {normalise: digitsOfLength(18)},
	"8018": {normalise: digitsOfLength(18)},
}

// aiAliases are the short names GS1 Digital Link accepts in place of application identifiers.
var aiAliases = map[string]string{
	"sscc": "00", "gtin": "01", "gdti": "253", "gcn": "255", "ginc": "401", "gsin": "402",
	"gln": "414", "party": "417", "grai": "8003", "giai": "8004", "itip": "8006",
	"cpid": "8010", "gsrnp": "8017", "gsrn": "8018", "cpv": "22", "lot": "10", "ser": "21",
	"tpx": "235", "glnx": "254", "cpsn": "8011",
}

// maxLinkSegments bounds the path of a URI read as a Digital Link: a prefix path, a primary
// key and all its qualifiers and attributes fit well within it.
const maxLinkSegments = 64

// canonicalDigitalLink rewrites a GS1 Digital Link URI on any domain as a constrained
// canonical one (rule 18): on id.gs1.org, without query string, with only the primary key and
// its finest qualifier. ok is false when uri is not a Digital Link.
func canonicalDigitalLink(uri string) (string, bool) {
	rest, ok := strings.CutPrefix(uri, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(uri, "http://"); !ok {
			return "", false
		}
	}
	_, path, ok := strings.Cut(rest, "/")
	if !ok {
		return "", false
	}
	path, _, _ = strings.Cut(path, "#")
	path, _, _ = strings.Cut(path, "?")
	segments := strings.Split(strings.TrimSuffix(path, "/"), "/")
	if len(segments) > maxLinkSegments {
		return "", false // no key and qualifiers run this long; trying each start would take time squared
	}
	// A Digital Link may sit below any path on its domain: find where its key starts.
	for i := 0; i+1 < len(segments); i++ {
		if dl, ok := digitalLinkFrom(segments[i:]); ok {
			return dl, true
		}
	}
	return "", false
}

// digitalLinkFrom reads segments as a primary key, its value, then pairs of application
// identifier and value.
func digitalLinkFrom(segments []string) (string, bool) {
	if len(segments)%2 != 0 {
		return "", false
	}
	code := aiCode(segments[0])
	key, ok := primaryKeys[code]
	if !ok {
		return "", false
	}
	value, ok := unescape(segments[1])
	if ok {
		value, ok = key.normalise(value)
	}
	if !ok {
		return "", false
	}
	given := map[string]string{}
	for i := 2; i < len(segments); i += 2 {
		q := aiCode(segments[i])
		v, ok := unescape(segments[i+1])
		if !isAICode(q) || !ok || v == "" {
			return "", false
		}
		given[q] = v
	}
	dl := gs1Resolver + "/" + code + "/" + dlEscape(value)
	for _, q := range key.qualifiers {
		if v, ok := given[q]; ok {
			return dl + "/" + q + "/" + dlEscape(v), true
		}
	}
	return dl, true
}

func aiCode(segment string) string {
	if code, ok := aiAliases[segment]; ok {
		return code
	}
	return segment
}

// isAICode reports whether s looks like a GS1 application identifier: two to four digits.
func isAICode(s string) bool {
	return len(s) >= 2 && len(s) <= 4 && isDigits(s)
}

func gtin14(s string) (string, bool) {
	switch len(s) {
	case 8, 12, 13, 14:
		return strings.Repeat("0", 14-len(s)) + s, isDigits(s)
	}
	return "", false
}

func digitsOfLength(n int) func(string) (string, bool) {
	return func(s string) (string, bool) { return s, len(s) == n && isDigits(s) }
}

// digitsThenAny accepts n digits followed by an optional serial component.
func digitsThenAny(n int) func(string) (string, bool) {
	return func(s string) (string, bool) { return s, len(s) >= n && isDigits(s[:n]) }
}

func nonEmpty(s string) (string, bool) { return s, s != "" }

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// unescape decodes %XX escapes, as both EPC URIs and Digital Links use them.
func unescape(s string) (string, bool) {
	if !strings.Contains(s, "%") {
		return s, true
	}
	out, err := url.PathUnescape(s)
	return out, err == nil
}

// dlEscape percent-encodes a Digital Link path value: every byte outside RFC 3986's unreserved
// set, except the apostrophe, which the reference vectors keep ("51qIgY%29%3C%26Jp3%2Aj7'SDB").
func dlEscape(s string) string {
	const hex = "0123456789ABCDEF"
	i := 0
	for i < len(s) && isDigitalLinkSafe(s[i]) {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		if isDigitalLinkSafe(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

func isDigitalLinkSafe(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~' || c == '\''
}

// withCheckDigit joins parts of a GS1 key's digits and appends the GS1 mod-10 check digit.
func withCheckDigit(parts ...string) string {
	var key [24]byte // the longest key checked here, an SSCC, has 18 digits
	digits := key[:0]
	for _, p := range parts {
		digits = append(digits, p...)
	}
	return string(append(digits, checkDigitOf(digits)))
}

// GS1CheckDigit is the GS1 mod-10 check digit of a key's digits without it (a GTIN, an
// SSCC, a GLN).
func GS1CheckDigit(digits string) byte { return checkDigitOf(digits) }

// checkDigitOf weighs the digits 3 and 1 alternately from the rightmost one.
func checkDigitOf[T string | []byte](digits T) byte {
	sum := 0
	for i := range len(digits) {
		d := int(digits[len(digits)-1-i] - '0')
		if i%2 == 0 {
			d *= 3
		}
		sum += d
	}
	return byte('0' + (10-sum%10)%10)
}
