package epcis

import (
	"math"
	"strconv"
	"strings"
)

// canonicalValue writes a value as the pre-hash string wants it (CBV 2.0 §8.9 rules 5, 6, 14,
// 15, 17 and 18): trimmed, CBV URNs and the standard CURIEs as web URIs, numbers without
// trailing zeros, EPC URNs and Digital Links as canonical Digital Links.
func canonicalValue(raw string) string {
	s := strings.TrimSpace(raw)
	s = webVocabulary(s)
	if n, ok := canonicalNumber(s); ok {
		return n
	}
	if strings.HasPrefix(s, "urn:epc:") {
		if dl, ok := epcToDigitalLink(s); ok {
			return dl
		}
		return s
	}
	if strings.HasPrefix(s, "http") {
		if dl, ok := canonicalDigitalLink(s); ok {
			return dl
		}
	}
	return s
}

// canonicalVocab is canonicalValue for a field whose JSON form may be a bare CBV word
// ("in_transit"), which expands to the field's vocabulary (rule 16). The value is the
// concatenation of the two results, returned apart so that the caller appends them without
// building the string.
func canonicalVocab(raw, vocab string) (prefix, value string) {
	s := strings.TrimSpace(raw)
	if vocab != "" && s != "" && !strings.Contains(s, ":") {
		return vocab, s
	}
	return "", canonicalValue(s)
}

// cbvURNs maps the CBV 1.x URN vocabularies to their web URIs (rule 14). Other
// urn:epcglobal:cbv: values (business transaction IDs "urn:epcglobal:cbv:bt:…") stay.
var cbvURNs = []struct{ urn, web string }{
	{"urn:epcglobal:cbv:bizstep:", bizStepWeb},
	{"urn:epcglobal:cbv:disp:", dispWeb},
	{"urn:epcglobal:cbv:btt:", bttWeb},
	{"urn:epcglobal:cbv:sdt:", sdtWeb},
	{"urn:epcglobal:cbv:er:", errReasonWeb},
}

// standardCURIEs are the prefixes a value may be written with (rule 15). Only these expand:
// an XML attribute value is not in the scope of xmlns declarations, so expanding a document's
// own prefixes in JSON would hash the same event differently in the two syntaxes; the
// reference vectors keep "example:someSensorProperty" as written.
var standardCURIEs = []struct{ prefix, iri string }{
	{"gs1:", gs1Voc},
	{"cbv:", cbvWeb},
	{"epcis:", "https://ref.gs1.org/epcis/"},
}

// webVocabulary rewrites CBV URNs and standard CURIEs as web URIs.
func webVocabulary(s string) string {
	if strings.HasPrefix(s, "urn:epcglobal:cbv:") {
		for _, v := range cbvURNs {
			if rest, ok := strings.CutPrefix(s, v.urn); ok {
				return v.web + rest
			}
		}
		return s
	}
	for _, c := range standardCURIEs {
		if rest, ok := strings.CutPrefix(s, c.prefix); ok {
			return c.iri + rest
		}
	}
	return s
}

// canonicalNumber writes a decimal literal without trailing zeros (rule 6) the way the
// reference vectors do: read as an IEEE 754 double, an integral value in full digits ("26.0"
// → "26"; a 24-digit stringValue becomes the double's exact digits, which the vectors
// require), any other value in its shortest form ("0.180" → "0.18"), below 1e-4 in exponent
// form as Python, the reference's language, writes it ("1e-05"). Every value that is a plain
// decimal literal is a number here, whatever its field: the vectors treat a numeric
// stringValue so. ok is false otherwise, so "C35" or "+01:00" stay as they are, and so does
// an integral value of 1e40 or more: written in full, "1e308" would grow sixty-fold, and a
// document of such numbers would build a pre-hash of gigabytes. No vector comes near that
// size; this is where the hash knowingly departs from the reference.
func canonicalNumber(s string) (string, bool) {
	if !isDecimalLiteral(s) {
		return "", false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) {
		return "", false
	}
	switch {
	case f == 0:
		return "0", true
	case f == math.Trunc(f):
		if math.Abs(f) >= 1e40 {
			return "", false
		}
		return strconv.FormatFloat(f, 'f', 0, 64), true
	case math.Abs(f) < 1e-4:
		return strconv.FormatFloat(f, 'e', -1, 64), true
	}
	return strconv.FormatFloat(f, 'f', -1, 64), true
}

// isDecimalLiteral matches [+-]digits[.digits][e[+-]digits], with digits on at least one side
// of the point.
func isDecimalLiteral(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	start := i
	i = skipDigits(s, i)
	mantissa := i - start
	if i < len(s) && s[i] == '.' {
		j := skipDigits(s, i+1)
		mantissa += j - i - 1
		i = j
	}
	if mantissa == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		j := skipDigits(s, i)
		if j == i {
			return false
		}
		i = j
	}
	return i == len(s)
}

func skipDigits(s string, i int) int {
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}
