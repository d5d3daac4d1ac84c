// Package query reads the SimpleEventQuery (简单事件查询) of the EPCIS 2.0 REST binding from
// the parameters of GET /epcis/events and its per-type, per-EPC and per-vocabulary
// resources, into a Query in the same normal form as captured events (epcis.Facts): bare CBV
// words and URNs as web URIs, EPC URNs and Digital Links as canonical Digital Links, times
// in UTC. A parameter the binding does not define, or a value that breaks its rule, is a
// QueryParameterException: an apperr.Invalid naming the parameter and the rule.
//
// Lists are pipe-delimited as the binding's OpenAPI says (EQ_bizStep=shipping|receiving);
// a parameter given twice adds to its list. User extension fields are tested as the binding
// names them: EQ_/GT_/GE_/LT_/LE_/EXISTS_ followed by the field (EQ_example:myField, a field
// at the top of the event), ILMD_ and the field (one at the top of the ILMD), and INNER_
// before either (a field nested at any depth in one of those). Field names are CURIEs whose
// prefixes the caller declares in the GS1-Extensions header
// (example=https://ns.example.com/epcis/), standard prefixes (gs1:), or absolute URIs.
package query
