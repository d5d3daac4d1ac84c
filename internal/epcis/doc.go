// Package epcis reads GS1 EPCIS 2.0 documents (追溯事件文档) and computes the EPCIS Event Hash
// ID of their events. It is the base of the traceability capability: capture will validate
// events and fill a missing eventID with the hash, query and recall will read them back.
//
// # Documents
//
// Parse accepts an EPCISDocument, an EPCISQueryDocument or a single event, in JSON / JSON-LD
// (with the full or the "simple" @context) or in XML (EPCIS 2.0, and the 1.2 layout with its
// <extension> wrappers). Both syntaxes are read into the same tree of named fields (node):
// JSON keys, XML elements and XML attributes all become fields, standard fields keep their
// EPCIS name and user extensions are named "{namespace}localName". So the rest of the package
// never looks at the syntax, and the same event hashes the same in JSON and in XML.
// XMLToJSON writes an XML document as the JSON-LD document of the same events (xml_json.go),
// which is how capture, built on the JSON schema, takes XML.
//
// # Validation
//
// Validate checks a JSON / JSON-LD document as capture receives it, decoding it once: the
// envelope, then each event, against our JSON Schema (schema/, embedded, with strict uri and
// date-time formats); each event that passes against the rules a schema cannot state
// (validate_semantic.go: parentID and children by action, the objects an event is about,
// inputs and outputs, ILMD only with ADD, times against the eventTime and the clock); then
// eventIDs used twice with different content. It returns the events converted from the same
// decoded objects, or an *InvalidError listing every Problem (event, JSON pointer, rule,
// message), so that capture rejects the whole document and the sender can fix it at once.
// Validation does the same on several goroutines, refuses a document of too many events
// before validating any, and says what capture records of a document (its Document).
//
// Capture validates thousands of events a second, so the path is built for it: the
// document is decoded by jsonReader (json_read.go: encoding/json's tree with a fraction of
// its allocations, reading again with encoding/json whatever it does not read); each event
// is validated by the schema specialised to its type (schema_inline.go: the file's
// conditionals resolved and its $refs inlined, as jsonschema's cost is the subschemas it
// enters); the schema's patterns remember their verdicts (schema_regexp.go).
//
// An event read from JSON keeps its JSON as the sender wrote it: Event.JSON gives its bytes
// without white space, with the members capture sets written first; the @context of the
// document around it is not added (Document.Context is where it is).
//
// # Event Hash ID
//
// CBV 2.0 §8.9 names an event by the SHA-256 of a canonical "pre-hash string":
// ni:///sha-256;<hex>?ver=CBV2.0 (RFC 6920). Event.PreHash builds that string:
//
//   - fields in a fixed order per the standard (eventTime, eventTimeZoneOffset,
//     certificationInfo, the what, action, transformationID, the why and where, sensors),
//     each as name=value, lists with their items sorted, records followed by their fields;
//   - then, sorted as whole strings, everything else: business transactions, sources and
//     destinations, ILMD, user extensions ("{ns}name=value" with children sorted) and any
//     field the order does not know, with the path of its standard parents — so no content
//     is silently left out of the hash;
//   - eventID, recordTime, errorDeclaration, rdfs:comment and the user extensions a document
//     lists in an ignoreFields header are left out: they are added after the fact and must
//     not change the event's identity;
//   - values are trimmed, timestamps put in UTC with milliseconds (the fourth decimal rounds),
//     numbers written without trailing zeros, CBV URNs and bare words (JSON "shipping") and
//     gs1:/cbv:/epcis: CURIEs expanded to web URIs, and EPC URNs and GS1 Digital Link URIs
//     of any domain written as canonical Digital Links on id.gs1.org.
//
// The direction of the identifier rule matters: CBV 2.0 converts EPC URNs to Digital Link,
// which needs no GS1 company prefix length (the prefix is a field of the URN), so no prefix
// table is involved. Where the standard's text leaves room, the package follows the published
// reference vectors (RalphTro/epcis-event-hash-generator, MIT), which the tests run; the
// choices are named where they are made (order.go, value.go).
package epcis
