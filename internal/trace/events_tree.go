package trace

import "strings"

// The Digital Links whose identifiers have others beneath them: a GLN (its sub-locations
// carry the extension AI 254) and a GTIN (its instances and lots carry AI 21 or 10).
const (
	glnLink  = "https://id.gs1.org/414/"
	gtinLink = "https://id.gs1.org/01/"
)

// descendants returns the prefix of the URIs beneath uri, or "" when its form has none:
// the sites of a registered business (urn:shejian:uscc:<USCC>:<site>), the sub-locations
// of a GLN (…/414/<GLN>/254/<extension>), the instances and lots of a GTIN. WD_readPoint
// and WD_bizLocation follow this hierarchy, for there is no location master data.
func descendants(uri string) string {
	switch {
	case strings.HasPrefix(uri, LocationPrefix):
		return uri + ":"
	case digitsAfter(uri, glnLink, 13):
		return uri + "/254/"
	case isGTIN(uri):
		return uri + "/"
	}
	return ""
}

// isGTIN reports whether uri is the Digital Link of a GTIN alone, a product class: a
// MATCH_ value naming every instance and lot of it, as urn:epc:idpat:sgtin:<prefix>.<item>.*
// does, which reads as this Digital Link.
func isGTIN(uri string) bool { return digitsAfter(uri, gtinLink, 14) }

// digitsAfter reports whether s is prefix followed by n digits.
func digitsAfter(s, prefix string, n int) bool {
	rest, ok := strings.CutPrefix(s, prefix)
	return ok && len(rest) == n && strings.Trim(rest, "0123456789") == ""
}

// prefixEnd is the least string after every string that starts with prefix, whose last
// byte is ASCII: [prefix, prefixEnd(prefix)) is a range an index answers.
func prefixEnd(prefix string) string {
	last := len(prefix) - 1
	return prefix[:last] + string(prefix[last]+1)
}
