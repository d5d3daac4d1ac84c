// Package journey shows users the journey of a lot (批次流向): its backward trace (溯源,
// where it came from and what it was made of), its forward trace (追踪, where it went and
// what it became), its recall scope (召回范围) and a graph of both, at /trace and in the
// API (GET /api/v1/trace, GET /api/v1/recall); and the public page of a trace code (追溯码)
// printed as a QR code on a package (/t/{code}). It reads the server's trace index
// (internal/trace/graph), which the server loads at start (Index.Load; until then every
// answer is 503) and capture keeps up to date; it never writes to it.
//
// # Lookup
//
// A user types a lot as an LGTIN URN, a GS1 Digital Link on any domain, a GS1 element
// string ((01)…(10)…), a GTIN and a batch number, or one of our URNs (urn:shejian:lot:…):
// each is read into the canonical form the index holds (epcis.CanonicalURI). A bare batch
// number names the lots of that number, GS1 or ours, found in epcis_uris by the end of the
// URI: of those the caller may trace, the one is traced, several are offered to choose
// from (the API answers 300 with them), none is 404.
//
// # Who sees what
//
// Trace and recall need trace.read; issuing a trace code trace.capture. Scope is decided
// on the server, per request, from the lot's backward and forward traces:
//
//   - City-level staff (a city-wide scope) trace any lot and see every place in full.
//   - District, station and grid staff trace a lot whose traces reach a business in their
//     scope: a step happened there, came from there or went there. They see the
//     businesses of their scope in full; a business outside it by its district only (no
//     name, USCC, address or kind); a place that is no registered business (a farmer known
//     by name, a partner's GLN) in full when a movement links it directly to a business of
//     their scope, else as "a place not registered", with nothing of it.
//   - A business operator traces a lot it has handled: a step of the lot itself (or of a
//     pallet carrying it) happened at its business, or shipped it there. Not a lot made of
//     one it handled, nor one made into what it handled: a canteen that received a dish
//     traces the dish, not the vegetables. It sees its business in full, and its direct
//     suppliers and customers in this lot's movements (the sources of its receipts, the
//     destinations of its shipments, found in the lot's traces); every other business by
//     district only, every other unregistered place as such.
//   - Everything an answer holds follows that view: a lot identifier of ours names who
//     assigned its batch number, which is shown as "*" unless that place is seen in full
//     (the lot traced is always shown as it is). Quantities, times, business steps and
//     eventIDs are shown for every step; reading an event itself goes through the scope
//     of /epcis/events.
//   - A lot the index does not know and a lot the caller may not trace answer alike: 404.
//
// # Recall
//
// The recall scope is the index's (graph.Index.Recall): every place the lot or anything
// made of it was made at or arrived at, with what arrived per unit and the first and last
// dates. It is grouped by district; in each, the school and unit canteens and central
// kitchens (registry category catering, kinds school_canteen, unit_canteen,
// central_kitchen) seen in full come first, then the other places by first date (a place
// seen by district only is never marked a canteen, so its rank says nothing of its kind);
// places that are no registered business follow, apart.
//
// # Trace codes
//
// A trace code is ten characters drawn at random from an alphabet of 31, one per lot
// (table trace_codes), issued by an operator for a lot it has handled or by staff for a
// lot in scope; the first issue is written to the audit log. Its public page shows the
// lot's journey as the public may see it: the product, its GTIN and batch number as
// printed on the package, its origin, the dates, what happened, the names and districts
// of the registered businesses (an unregistered one is "an individual producer or
// trader", nameless), and the certificate (承诺达标合格证) and rapid test (快检) results
// the events record. The journey is the lot's backward trace and the lot's own steps
// forward; it holds no quantities, USCCs, ticket numbers, event IDs, people, nor the
// identifiers of other lots (an ingredient is named by its product, if known). The QR code
// (/t/{code}/qr.png) encodes the page's URL on the host the request came to.
package journey
