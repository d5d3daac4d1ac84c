// Package trace stores EPCIS 2.0 events (追溯事件) and serves the capture interface of the
// EPCIS REST binding at /epcis: businesses, markets and regulators send documents of events,
// and query, trace and recall read them back.
//
// # Capture
//
// Store.Capture takes one document, all or nothing. It validates the document
// (epcis.Validate) in parallel parts, one per core, and reads each event's facts in normal
// form (epcis.Event.Facts), fills a missing eventID with the event's CBV 2.0 hash ID and
// sets its recordTime; it checks that the capturer may speak for the places the events
// happened at (owner.go); then it writes every event in one transaction (write.go).
// A refused document stores nothing but its capture job (采集任务), failed, with the
// problem report naming each bad event.
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
package trace
