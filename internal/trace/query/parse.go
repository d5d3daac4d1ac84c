package query

import (
	"net/url"
	"slices"
	"strings"

	"github.com/shejian/shejian/internal/apperr"
)

// DefaultPerPage and MaxPerPage bound a page of events: the binding's default, and the
// largest page the server gives whatever perPage asks.
const (
	DefaultPerPage = 30
	MaxPerPage     = 1000
)

// Parse reads a query from the parameters of a request. extensions maps the prefixes the
// caller declared in its GS1-Extensions header to their namespaces. Every bad parameter is
// reported, each with its rule, in one apperr.Invalid.
func Parse(params url.Values, extensions map[string]string) (Query, error) {
	p := parser{q: Query{PerPage: DefaultPerPage, Match: map[Match][]string{}}, ext: extensions}
	names := make([]string, 0, len(params))
	for name := range params {
		names = append(names, name)
	}
	slices.Sort(names) // problems in a stable order
	for _, name := range names {
		p.param(name, splitValues(params[name]))
	}
	p.checkTogether()
	if len(p.problems) > 0 {
		return Query{}, apperr.Fields(p.problems...)
	}
	return p.q, nil
}

// parser collects a query and the problems of its parameters.
type parser struct {
	q         Query
	ext       map[string]string
	direction string // orderDirection as given
	problems  []apperr.FieldError
}

func (p *parser) fail(name, rule string, params map[string]any) {
	p.problems = append(p.problems, apperr.Field(name, rule, params))
}

// param reads one parameter through the table of fixed names, then the families whose
// names carry a type or field name.
func (p *parser) param(name string, values []string) {
	if len(values) == 0 && strings.HasPrefix(name, "EXISTS_") {
		values = []string{""} // EXISTS_errorDeclaration without a value asks for existence
	}
	if len(values) == 0 {
		p.fail(name, "epcis_query_empty", nil)
		return
	}
	if read, ok := fixedParams[name]; ok {
		read(p, name, values)
		return
	}
	if p.family(name, values) {
		return
	}
	p.fail(name, "epcis_query_unknown", nil)
}

// splitValues splits pipe-delimited lists; a parameter given twice adds to its list.
func splitValues(given []string) []string {
	var out []string
	for _, v := range given {
		for part := range strings.SplitSeq(v, "|") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}

// checkTogether applies the rules that tie parameters to each other.
func (p *parser) checkTogether() {
	q := &p.q
	q.Descending = q.OrderBy != "" && p.direction != "ASC"
	if q.EventCountLimit > 0 && q.MaxEventCount > 0 {
		p.fail("eventCountLimit", "epcis_query_exclusive", map[string]any{"other": "maxEventCount"})
	}
	if q.EventCountLimit > 0 && q.OrderBy == "" {
		p.fail("eventCountLimit", "epcis_query_needs", map[string]any{"other": "orderBy"})
	}
}
