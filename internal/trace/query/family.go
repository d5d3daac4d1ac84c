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

// fieldOps are the comparisons of the field families (EQ_ILMD_…, GT_ILMD_…).
var fieldOps = []string{"EQ", "GT", "GE", "LT", "LE"}

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
	op, rest, ok := strings.Cut(name, "_")
	if !ok || !slices.Contains(fieldOps, op) {
		return false
	}
	if field, ok := strings.CutPrefix(rest, "ILMD_"); ok {
		p.ilmd(name, op, field, values)
		return true
	}
	if strings.HasPrefix(rest, "INNER_") || strings.Contains(rest, ":") {
		p.fail(name, "epcis_query_unsupported", nil)
		return true
	}
	return false
}

// ilmd reads an ILMD test. The field is a CURIE of a declared or standard prefix, or an
// absolute URI; it is kept by expanded name, as epcis.Facts names ILMD fields.
func (p *parser) ilmd(name, op, field string, values []string) {
	expanded, ok := p.expand(field)
	if !ok {
		p.fail(name, "epcis_query_prefix", map[string]any{"field": field})
		return
	}
	if op != "EQ" && len(values) > 1 {
		p.fail(name, "epcis_query_single", nil)
		return
	}
	p.q.ILMD = append(p.q.ILMD, FieldTest{Name: expanded, Op: op, Values: values})
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
