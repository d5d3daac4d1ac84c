package epcis

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The schema's two formats, asserted strictly. The library's own "uri" accepts whatever Go's
// url.Parse accepts, spaces and Chinese characters included, and its "date-time" accepts
// leap seconds and a lower-case t or z; EPCIS identifiers must be URIs other systems can read
// back (RFC 3986), and times must be ones the Event Hash ID can be computed from
// (xsd:dateTimeStamp).
var (
	uriFormat      = &jsonschema.Format{Name: "uri", Validate: checkAbsoluteURI}
	dateTimeFormat = &jsonschema.Format{Name: "date-time", Validate: checkDateTime}
)

// uriChars are the characters RFC 3986 allows outside percent-encodings: unreserved,
// gen-delims and sub-delims. '[' and ']' are allowed only around an IPv6 host (authority).
var uriChars = func() (set [256]bool) {
	for _, c := range []byte("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#@!$&'()*+,;=") {
		set[c] = true
	}
	return set
}()

// checkAbsoluteURI accepts an absolute URI: a scheme, a colon, then only URI characters and
// percent-encodings, at most one '#', and an authority (if any) that url.Parse accepts.
func checkAbsoluteURI(v any) error {
	s, ok := v.(string)
	if !ok {
		return nil // the schema's "type" keyword reports a value that is not a string
	}
	colon := schemeEnd(s)
	if colon < 0 {
		return errors.New("no scheme: an absolute URI starts with a scheme and a colon, such as urn: or https:")
	}
	authorityEnd := colon + 1
	if rest, ok := strings.CutPrefix(s[colon+1:], "//"); ok {
		authorityEnd += 2 + len(rest)
		if i := strings.IndexAny(rest, "/?#"); i >= 0 {
			authorityEnd = colon + 3 + i
		}
	}
	for i := colon + 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == '%':
			if i+2 >= len(s) || !isHexDigit(s[i+1]) || !isHexDigit(s[i+2]) {
				return fmt.Errorf("bad percent-encoding at byte %d", i)
			}
			i += 2
		case (c == '[' || c == ']') && i < authorityEnd:
		case !uriChars[c]:
			r, _ := utf8.DecodeRuneInString(s[i:])
			return fmt.Errorf("%q at byte %d is not allowed in a URI (percent-encode it)", r, i)
		}
	}
	if strings.Count(s, "#") > 1 {
		return errors.New("more than one '#'")
	}
	if authorityEnd == colon+1 {
		return nil // without an authority, url.Parse finds nothing the checks above let pass
	}
	if _, err := url.Parse(s); err != nil {
		return err
	}
	return nil
}

// schemeEnd returns the index of the colon after a URI scheme (a letter, then letters,
// digits, '+', '-' or '.'), or -1.
func schemeEnd(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return i
		default:
			return -1
		}
	}
	return -1
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// checkDateTime accepts an RFC 3339 date-time that is also an xsd:dateTimeStamp: a time zone
// from -14:00 to +14:00, an upper-case T and Z, a '.' before the fraction, no leap second.
func checkDateTime(v any) error {
	s, ok := v.(string)
	if !ok {
		return nil
	}
	if strings.ContainsRune(s, ',') {
		return errors.New("a fraction of a second follows a '.'")
	}
	t, err := parseTimestamp(s)
	if err != nil {
		return err
	}
	if _, offset := t.Zone(); offset > 14*3600 || offset < -14*3600 {
		return errors.New("a time zone lies between -14:00 and +14:00")
	}
	return nil
}

// parseTimestamp reads a timestamp the date-time format accepted.
func parseTimestamp(s string) (time.Time, error) {
	return time.Parse(time.RFC3339Nano, s)
}
