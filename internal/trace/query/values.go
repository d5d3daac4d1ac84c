package query

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/epcis"
)

// oneOf returns values when each is one of allowed.
func (p *parser) oneOf(name string, values, allowed []string) []string {
	for _, v := range values {
		if !slices.Contains(allowed, v) {
			p.fail(name, "epcis_query_enum", map[string]any{"value": v, "allowed": strings.Join(allowed, ", ")})
			return nil
		}
	}
	return values
}

// single is the one value of a parameter that takes one, from allowed.
func (p *parser) single(name string, values, allowed []string) string {
	if len(values) > 1 {
		p.fail(name, "epcis_query_single", nil)
		return ""
	}
	if got := p.oneOf(name, values, allowed); got != nil {
		return got[0]
	}
	return ""
}

// count is a positive whole number up to limit.
func (p *parser) count(name string, values []string, limit int) int {
	n, err := strconv.Atoi(values[0])
	if len(values) > 1 || err != nil || n < 1 || n > limit {
		p.fail(name, "epcis_query_count", map[string]any{"value": strings.Join(values, "|")})
		return 0
	}
	return n
}

func (p *parser) boolean(name string, values []string) (bool, bool) {
	b, err := strconv.ParseBool(values[0])
	if len(values) > 1 || err != nil {
		p.fail(name, "epcis_query_boolean", map[string]any{"value": strings.Join(values, "|")})
		return false, false
	}
	return b, true
}

func (p *parser) number(name, value string) (float64, bool) {
	f, err := strconv.ParseFloat(value, 64)
	if err != nil {
		p.fail(name, "epcis_query_number", map[string]any{"value": value})
		return 0, false
	}
	return f, true
}

// timestamp reads an xsd:dateTimeStamp: a date and time with its zone.
func (p *parser) timestamp(name string, values []string) (*time.Time, bool) {
	t, err := time.Parse(time.RFC3339Nano, values[0])
	if len(values) > 1 || err != nil {
		p.fail(name, "epcis_query_time", map[string]any{"value": strings.Join(values, "|")})
		return nil, false
	}
	t = t.UTC()
	return &t, true
}

// absolute reports whether v is an absolute URI, and names the parameter when it is not.
func (p *parser) absolute(name, v string) bool {
	if !AbsoluteURI(v) {
		p.fail(name, "epcis_query_uri", map[string]any{"value": v})
		return false
	}
	return true
}

// AbsoluteURI reports whether v is an absolute URI, as every identifier and vocabulary
// value of EPCIS is once expanded: a scheme, a colon and more.
func AbsoluteURI(v string) bool {
	scheme, rest, ok := strings.Cut(v, ":")
	return ok && scheme != "" && rest != "" && !strings.ContainsAny(scheme, "/?#")
}

func timeBound(at func(*Query) **time.Time) reader {
	return func(p *parser, name string, v []string) {
		if t, ok := p.timestamp(name, v); ok {
			*at(&p.q) = t
		}
	}
}

// words reads CBV vocabulary: bare words of the vocabulary, its URNs and web URIs, or
// custom URIs, all into web URIs.
func words(vocabulary epcis.Vocabulary, at func(*Query) *[]string) reader {
	return func(p *parser, name string, values []string) {
		for _, v := range values {
			if w := epcis.CanonicalWord(v, vocabulary); p.absolute(name, w) {
				*at(&p.q) = append(*at(&p.q), w)
			}
		}
	}
}

// uris reads identifiers into their canonical form.
func uris(at func(*Query) *[]string) reader {
	return func(p *parser, name string, values []string) {
		for _, v := range values {
			if p.absolute(name, v) {
				*at(&p.q) = append(*at(&p.q), epcis.CanonicalURI(v))
			}
		}
	}
}

// texts reads values compared as written.
func texts(at func(*Query) *[]string) reader {
	return func(p *parser, _ string, values []string) { *at(&p.q) = append(*at(&p.q), values...) }
}

func matches(m Match) reader {
	return func(p *parser, name string, values []string) {
		for _, v := range values {
			if p.absolute(name, v) {
				p.q.Match[m] = append(p.q.Match[m], epcis.CanonicalURI(v))
			}
		}
	}
}

func numbers(at func(*Query) *NumberRange) reader {
	return func(p *parser, name string, values []string) {
		for _, v := range values {
			if f, ok := p.number(name, v); ok {
				at(&p.q).Equal = append(at(&p.q).Equal, f)
			}
		}
	}
}

func bound(side func(*NumberRange) **float64, at func(*Query) *NumberRange) reader {
	return func(p *parser, name string, values []string) {
		if len(values) > 1 {
			p.fail(name, "epcis_query_single", nil)
			return
		}
		if f, ok := p.number(name, values[0]); ok {
			*side(at(&p.q)) = &f
		}
	}
}

// flag reads EXISTS_…: its presence, or an explicit true, asks for the thing to exist.
func flag(at func(*Query) *bool) reader {
	return func(p *parser, name string, values []string) {
		if values[0] == "" {
			*at(&p.q) = true
			return
		}
		if b, ok := p.boolean(name, values); ok {
			*at(&p.q) = b
		}
	}
}
