package query

import (
	"slices"
	"strings"

	"github.com/shejian/shejian/internal/epcis"
)

// typedFamilies are the parameters named after a business transaction, source or
// destination type: EQ_bizTransaction_po, EQ_source_owning_party.
var typedFamilies = []struct {
	prefix     string
	vocabulary epcis.Vocabulary
	at         func(*Query) *[]Typed
}{
	{"EQ_bizTransaction_", epcis.BizTransactionTypeWords, func(q *Query) *[]Typed { return &q.BizTransactions }},
	{"EQ_source_", epcis.SourceDestTypeWords, func(q *Query) *[]Typed { return &q.Sources }},
	{"EQ_destination_", epcis.SourceDestTypeWords, func(q *Query) *[]Typed { return &q.Destinations }},
}

// fieldOps are the tests of the field families: EQ_ILMD_…, GT_INNER_…, EXISTS_ex:field.
var fieldOps = []string{"EQ", "GT", "GE", "LT", "LE", "EXISTS"}

// family reads a parameter whose name carries a type or a field name, and reports whether
// name is one.
func (p *parser) family(name string, values []string) bool {
	for _, f := range typedFamilies {
		if typ, ok := strings.CutPrefix(name, f.prefix); ok && typ != "" {
			t := Typed{Type: epcis.CanonicalWord(typ, f.vocabulary)}
			for _, v := range values {
				if p.absolute(name, v) {
					t.Values = append(t.Values, epcis.CanonicalURI(v))
				}
			}
			*f.at(&p.q) = append(*f.at(&p.q), t)
			return true
		}
	}
	return p.fieldFamily(name, values)
}

// fieldFamily reads a test of a user extension field, as the binding names them:
// <op>_<field> a field at the top of the event, <op>_ILMD_<field> one at the top of its
// ILMD, and with INNER_ before either a field nested at any depth in one of those. A field
// is a CURIE or an absolute URI, so a name without a colon is no field test.
func (p *parser) fieldFamily(name string, values []string) bool {
	op, rest, ok := strings.Cut(name, "_")
	if !ok || !slices.Contains(fieldOps, op) || !strings.Contains(rest, ":") {
		return false
	}
	inner, ilmd := false, false
	rest, inner = strings.CutPrefix(rest, "INNER_")
	rest, ilmd = strings.CutPrefix(rest, "ILMD_")
	expanded, ok := p.expand(rest)
	switch {
	case !ok:
		p.fail(name, "epcis_query_prefix", map[string]any{"field": rest})
		return true
	case op != "EQ" && op != "EXISTS" && len(values) > 1:
		p.fail(name, "epcis_query_single", nil)
		return true
	case op == "EXISTS" && values[0] != "" && values[0] != "true":
		p.fail(name, "epcis_query_exists", map[string]any{"value": strings.Join(values, "|")})
		return true
	}
	test := FieldTest{Name: expanded, Op: op, Values: values, Inner: inner}
	if ilmd {
		p.q.ILMD = append(p.q.ILMD, test)
	} else {
		p.q.Extensions = append(p.q.Extensions, test)
	}
	return true
}

// expand turns prefix:local into {namespace}local with the caller's declared prefixes or
// the standard ones, and a full URI into {namespace}local at its last '/' or '#'.
func (p *parser) expand(field string) (string, bool) {
	prefix, local, ok := strings.Cut(field, ":")
	if !ok || local == "" {
		return "", false
	}
	if ns, declared := p.ext[prefix]; declared {
		return "{" + ns + "}" + local, true
	}
	if ns, standard := epcis.StandardPrefixes[prefix]; standard {
		return "{" + ns + "}" + local, true
	}
	if i := strings.LastIndexAny(field, "/#"); i > 0 && i < len(field)-1 && strings.Contains(field, "://") {
		return "{" + field[:i+1] + "}" + field[i+1:], true
	}
	return "", false
}
