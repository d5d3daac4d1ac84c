// Package trace stores EPCIS 2.0 events (追溯事件) and serves the capture interface of the
// EPCIS REST binding at /epcis: businesses, markets and regulators send documents of events,
// and query, trace and recall read them back.
//
// # Capture
//
// Store.Capture takes one document, all or nothing (POST /epcis/capture takes XML too, as
// the JSON of the same events: epcis.XMLToJSON). It validates the document
// (epcis.Validation, its events shared among the cores) and makes each event a record on
// as many cores (prepare.go, record.go): its facts in normal form (epcis.Event.Facts), a
// missing eventID filled with its CBV 2.0 hash ID, its recordTime set, and every value its
// rows need; it checks that the capturer may speak for the places the events happened at
// (owner.go) and looks up the URIs they name (intern.go); then it writes every event in one
// transaction (write.go), which does as little else as it can, since transactions take
// turns (it reads only the URIs added since the lookup): SQLite's multi-row INSERT
// statements are prepared once for the life of the database (write_sqlite.go), PostgreSQL
// takes rows by COPY (write_postgres.go). Documents sent at once overlap: one is validated
// at a time, on the cores the transaction leaves free, while the others wait their turn;
// the documents waiting to be written when a transaction ends are written together, in
// one transaction and one commit, each still all or nothing (group.go). While documents
// are captured, the garbage collector is given more room (gc.go). A refused document
// stores nothing but its capture job (采集任务), failed, with the problem report naming
// each bad event.
//
// Because captures take turns, a rule over several documents holds only when it is checked
// inside that transaction. Capture checks one itself there: a 一票通 ticket may not sell
// more of a lot than the seller holds (ticket_sales.go, holdings.go), however it arrives,
// so that two sales of one lot captured at once never take more than the seller received.
// CaptureChecked runs the caller's Check there too, on the events the document is about to
// store (capture_check.go): package ticket checks the sales its ledgers record with it.
//
// On PostgreSQL the transaction's statements are planned at each execution, for the tables
// as they are then, and its lookups by eventID and URI probe the index value by value
// (sqllist.go): planned once on tables that start empty, or without statistics, they would
// scan the whole table for every document, and capture would slow down as the table grows.
//
// Capture is idempotent by eventID: an event whose eventID is stored with the same hash ID
// is a repeat and skipped; with another hash ID it is refused. An error declaration repeats
// the eventID of the event it declares erroneous: it is stored beside it, and both are
// marked declared.
//
// # Storage
//
// Events are stored narrow (see migration 0013_epcis.sql): every URI once in epcis_uris,
// referenced by id; times as unix milliseconds; the objects of each event, its business
// transactions, sources and destinations in edge tables keyed by URI, which the queries by
// identifier and the trace index read; the event's JSON beside them, to answer with.
//
// The json column holds the event's JSON object as the sender wrote it in the document
// (epcis.Event.JSON): its bytes without insignificant white space, keys in the sender's
// order, numbers and escapes as written, with "eventID" (when capture filled it) and
// "recordTime" written first. Only an event whose sender gave a recordTime, which capture
// replaces, is written anew (by encoding/json: keys sorted). The @context of the document
// is not in it: it is stored once, in the capture job (epcis_capture_jobs.context), and an
// event's extension fields ("ex:lot") are read with the prefixes of that context — inside
// a document with the job's @context, as epcis.Parse reads it. An event captured as a
// single-event document carries its own @context in its JSON, as sent.
//
// # Query
//
// Store.Events answers the SimpleEventQuery of GET /epcis/events and of the binding's
// per-type, per-EPC and per-vocabulary resources (handler_events.go), parameters read by
// package query. The parameters the schema indexes become SQL on either engine
// (events_sql.go): URIs are looked up in epcis_uris first (a URI no event names matches
// nothing), MATCH_ reads epcis_event_objects by role and class, business transactions,
// sources and destinations epcis_event_values, eventIDs their key. WD_ follows the
// locations' own hierarchy, there being no location master data: the sites of a business
// (urn:shejian:uscc:<USCC>:<site>) and the sub-locations of a GLN (…/414/<GLN>/254/<ext>);
// a MATCH_ value naming a GTIN alone matches its instances and lots. The others (sensor,
// ILMD and extension fields, quantity, persistent disposition, error reason and corrective
// events) are tested on the facts of each candidate, batch after batch until the page is
// full; a query that would read more than MaxExamined events for one page is refused as
// too large. A page by business step, by business location or by recordTime reads its
// index (migration 0026) in order.
//
// Events come in capture order, or by eventTime or recordTime (newest first unless ASC is
// asked) with the row breaking ties. A page ends at a position, not an offset: its
// nextPageToken holds the last event's order key and row, so that a walk meets each event
// once while others are captured. A declared event answers once, with the errorDeclaration
// of the declaration stored beside it; a declaration whose event is not stored answers as
// itself. The query document's @context is the EPCIS context and the extension prefixes
// of the capture jobs of the page's events; an event whose document defined a prefix
// otherwise than another's on the page carries its document's @context itself.
//
// Who sees which events: a business operator those at its own business's locations; a
// district's, station's or grid's staff those at the businesses placed there; the city's
// staff every event, those at places of no registered business (a GS1 partner's SGLN,
// owner_id NULL) included, which no narrower scope covers. An event outside the caller's
// scope is not found, as one that does not exist.
//
// # Trace and recall
//
// The trace index (graph) is rebuilt from these tables at start (LoadIndex) and fed by
// every capture once committed (Store.Feed: the events it stored added, the events it
// declared retracted); trace/journey serves it to users: trace and recall at /trace and
// /api/v1/{trace,recall}, trace codes and their public pages at /t/{code}. Who may trace a
// lot, and what each caller sees of the places it went through, is decided there from the
// lot's traces: city-level staff trace any lot and see every place; district, station and
// grid staff a lot whose traces reach a business of their scope, seeing the businesses of
// their scope in full and every other one by its district only; a business operator a lot
// it has handled itself (a step of the lot, or of a pallet carrying it, at its business, or
// a shipment of it there), seeing itself and its direct suppliers and customers in that
// lot's movements in full and every other business by district only. Any other lot is not
// found (see the journey package doc and docs/permissions.md).
package trace
