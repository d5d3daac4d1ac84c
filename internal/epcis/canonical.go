package epcis

import "strings"

// Vocabulary is a CBV vocabulary (or GS1's measurement types): the web URI prefix its bare
// words expand to.
type Vocabulary string

// The vocabularies whose bare words EPCIS JSON and the query parameters may use.
const (
	BizStepWords            Vocabulary = bizStepWeb
	DispositionWords        Vocabulary = dispWeb
	BizTransactionTypeWords Vocabulary = bttWeb
	SourceDestTypeWords     Vocabulary = sdtWeb
	ErrorReasonWords        Vocabulary = errReasonWeb
	MeasurementTypeWords    Vocabulary = gs1Voc
)

// CanonicalWord is a vocabulary value in the normal form of Facts: a bare word of v
// ("shipping") or its CBV URN as v's web URI, anything else as CanonicalURI gives it.
func CanonicalWord(raw string, v Vocabulary) string { return vocabOf(raw, string(v)) }

// CanonicalURI is an identifier in the normal form of Facts: trimmed, an EPC URN or a GS1
// Digital Link of any domain as the canonical Digital Link on id.gs1.org, a CBV URN or a
// standard CURIE (gs1:, cbv:, epcis:) as its web URI, anything else as written.
func CanonicalURI(raw string) string { return canonicalValue(raw) }

// StandardPrefixes are the CURIE prefixes every EPCIS document may use without declaring
// them, with their namespaces.
var StandardPrefixes = func() map[string]string {
	m := make(map[string]string, len(standardCURIEs))
	for _, c := range standardCURIEs {
		m[strings.TrimSuffix(c.prefix, ":")] = c.iri
	}
	return m
}()

// EventTypes and Actions number the event types and actions for storage and indexes:
// the index of a name is its code, 0 standing for none (a TransformationEvent has no
// action). The codes are stored: append, never reorder.
var (
	EventTypes = []string{"", "ObjectEvent", "AggregationEvent", "TransactionEvent", "TransformationEvent", "AssociationEvent"}
	Actions    = []string{"", "ADD", "OBSERVE", "DELETE"}
)
