package epcis

import (
	"maps"
	"strings"
)

// prefixes maps the CURIE prefixes of a JSON-LD @context to namespace IRIs.
type prefixes map[string]string

// standardPrefixes are those the EPCIS 2.0 context defines, so documents may use them
// without declaring them.
var standardPrefixes = prefixes{
	"epcis":   "https://ref.gs1.org/epcis/",
	"cbv":     "https://ref.gs1.org/cbv/",
	"cbvmda":  "urn:epcglobal:cbv:mda:",
	"gs1":     "https://gs1.org/voc/",
	"rdf":     "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
	"rdfs":    "http://www.w3.org/2000/01/rdf-schema#",
	"owl":     "http://www.w3.org/2002/07/owl#",
	"xsd":     "http://www.w3.org/2001/XMLSchema#",
	"dcterms": "http://purl.org/dc/terms/",
	"vtype":   "urn:epcglobal:epcis:vtype:",
}

// with returns p extended by the prefix definitions of a @context value: a URL (whose
// definitions are the standard ones above), an object of prefix → IRI, or an array of both.
func (p prefixes) with(context any) prefixes {
	var defs []map[string]any
	switch c := context.(type) {
	case map[string]any:
		defs = append(defs, c)
	case []any:
		for _, e := range c {
			if m, ok := e.(map[string]any); ok {
				defs = append(defs, m)
			}
		}
	}
	if len(defs) == 0 {
		return p
	}
	out := maps.Clone(p)
	for _, d := range defs {
		for prefix, iri := range d {
			if s, ok := iri.(string); ok && !strings.HasPrefix(prefix, "@") {
				out[prefix] = s
			}
		}
	}
	return out
}

// expand names a JSON key as XML would: "example:field" becomes "{namespace}field", an
// absolute IRI is split after its last '/' or '#', and a plain or unknown-prefix key stays.
func (p prefixes) expand(key string) string {
	prefix, local, ok := strings.Cut(key, ":")
	if !ok {
		return key
	}
	if strings.HasPrefix(local, "//") {
		i := strings.LastIndexAny(key, "/#")
		return "{" + key[:i+1] + "}" + key[i+1:]
	}
	if iri, ok := p[prefix]; ok {
		return "{" + iri + "}" + local
	}
	return key
}
