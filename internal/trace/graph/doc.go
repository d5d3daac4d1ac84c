// Package graph is the in-memory trace index (追溯索引): it answers the backward trace
// (溯源), the forward trace (追踪) and the recall scope (召回范围) of a lot, an item or a
// pallet in milliseconds over tens of millions of EPCIS events, where a recursive SQL query
// takes seconds.
//
// # Feeding it
//
// Storage owns the events; the index holds what a walk needs of each, in its own compact
// Event (row id, time, type, action, biz step, location, transformationID, objects with
// role and quantity, the place of the source and destination lists, the identifiers of
// the business transactions). At start-up storage reads its columns and calls AddBatch, a
// few thousand events at a time, in row order; capture calls Add for each event it stores;
// FromFacts builds an Event from epcis.Facts. When an event is declared erroneous (EPCIS
// errorDeclaration), storage calls Retract with its row. Adding a row twice adds it once,
// and retracting a row before it is added works, so the rebuild and capture may overlap.
// Identifiers are compared as the canonical strings epcis.Facts holds: the caller
// normalises a queried identifier the same way.
//
// # Making
//
// An event makes X (X's making, its creating events) when it is an ObjectEvent ADD that
// lists X (commissioning: a harvest, a new lot); when it lists X as an output (a
// TransformationEvent, or any event listing inputs and outputs), and then so do the events
// sharing its transformationID up to its time (one transformation reported in parts: the
// inputs at 08:00, the outputs at 10:00); or when it is an AggregationEvent ADD naming X
// the parent (packing). What went in is the inputs of those events, or the children
// packed. A making event's steps are of X and of what went in.
//
// # Forward
//
// Forward(X) collects steps: events about an identifier, each Step naming the event's row,
// time, biz step, location, the identifier it lists, its role and the quantity it moves.
//
//   - X's making events, wherever and whenever captured, are steps: the trace of a lot
//     starts where it was made. A step of what went in names an input, which is not walked
//     on and which Recall does not count.
//   - Every event about X is a step (X is walked from the time it is first seen).
//   - Transformation: when X is an input of an event, every output of that transformation
//     joins the trace from the time of the event that lists it. Events sharing a
//     transformationID are one transformation reported in parts: the outputs of all of them
//     at or after X's input event join. Other inputs do not: they are upstream of the
//     outputs, not downstream of X.
//   - Aggregation: when X is a child of an AggregationEvent ADD with parent P, P joins for
//     the time X is inside, from the ADD until the first DELETE that takes X (or every child,
//     when it lists none) out of P. P's events in that window are steps that carry X
//     (Step.Carries) with X's quantity; P's other children are not reached. When X is
//     itself a parent, the children an ADD puts into it join from that ADD on, for good:
//     the contents go where the pallet goes and on after it is unpacked. A child reached
//     from its parent does not go back to that parent by the ADD that linked them.
//   - A step whose biz step is retail_selling (零售) is a leaf: nothing is followed from it.
//     An instance (an SGTIN, not a quantity of a lot) that is sold has left the supply chain,
//     so its later events are not steps; a lot sold in part goes on with the rest.
//   - Places: a shipping step reaches the place of its destination list (the location,
//     else the owning party); a receiving step its location; every step happened at its
//     location (bizLocation, else readPoint).
//
// # Backward
//
// Backward(X) goes back from place to place: what X was made of, and how each of those
// came to where it was used, back to its making. It is not X's own history: the
// shipments, sales and uses of X or of what it was made of are steps only as far as they
// brought something to where X was made. The backward trace of a harvested lot is its
// harvest; that of a lot made at P of part of a lot L holds the events that brought L to
// P, not those of the part of L that went elsewhere.
//
// X's making events, wherever and whenever captured, are steps. What went in (each input,
// each child packed into X) is walked back as "Y at place Q by time t", Q and t being the
// location and time of the making event that lists it. Y at Q by t is what the events at
// or before t say of how Y came to be at Q:
//
//  1. Y's making at Q, what went in being walked back from Q in turn.
//  2. Each receiving of Y at Q (its location), with the shipment it matches: a shipping
//     of Y no later than the receiving, leaving from the receiving's source and going to
//     Q. A shipping leaves from the place of its source list, else from its location; it
//     goes to the place of its destination list, and one naming no destination may match
//     a receiving that names its source. Of several matches, those sharing a business
//     transaction with the receiving (a 一票通 ticket, a despatch advice) win, then the
//     latest. Y is walked on at the shipment's source by the shipment's time or, when no
//     shipment matches, at the receiving's source by the receiving's time (the source
//     captured no shipping).
//  3. When Q captured no receiving of Y by t, each shipping of Y to Q (a canteen that
//     captures nothing); Y is walked on at its source by its time.
//  4. Y's arrival on a parent: an aggregation ADD at another place A put Y into P, and P
//     was received or unpacked at Q before the DELETE that took Y out (or t). The ADD,
//     P's events from it to that DELETE (or t), which carry Y, and Y's own steps in them
//     are steps; Y is walked on at A by the ADD's time. A parent's own parent (a pallet in
//     a container) is not followed.
//
// Missing data: when the events say none of these, Q is a gap (Trace.Gaps: Y, Q and the
// event that put Y there), and Y's making captured anywhere by t stands for its origin,
// else Y's earliest events by t. A receiving that names no source and matches no shipment
// is a gap with no place. When X's own making was not captured, its earliest events stand
// for it, and they are a gap at the place they say X was (a receiving's source, else
// their location).
//
// Trace.Reached holds X, the inputs (LinkInput) and children (LinkChild) of makings, and
// the parents arrived on (LinkParent). A receiving step names where it came from in
// Step.Source.
//
// # Both directions
//
//   - Time order: a forward walk never goes back in time and a backward walk never forward;
//     a lot received after a transformation was made is not its input, the parts of a
//     transformation after the event that output a lot are not its making, a pallet's
//     shipment before a lot was packed on it is not the lot's.
//   - Retracted events are ignored as if never captured: no step, no link.
//   - Association events and aggregation OBSERVE are steps forward but link nothing:
//     sensors and devices associated with a lot would otherwise pull in everything they
//     ever touched.
//   - Forward, identifiers are taken earliest first, so each is walked once from the
//     earliest time it is reached; backward, an identifier at a place is walked once, from
//     the latest time it is reached; so cycles end. A walk stops at Options.MaxSteps
//     steps, or when it has looked at 64 times as many events (a window on a crate with a
//     long history), and says so in Truncated.
//   - Trace.Reached lists each identifier reached once, with the Link by which it was
//     first reached, the identifier it was reached from and the linking event.
//   - Times are kept to the millisecond, as the Event Hash ID does, and answered in UTC.
//
// # Recall
//
// Recall(X) sums the forward trace by place: every location a step happened at and every
// destination a shipment went to, with the first and last step time, the rows and the
// traced identifiers that were there. What arrived at a place is summed per unit: receipts
// count; shipments count for an identifier the place has no receipt of (a canteen that
// captures nothing still shows what was sent to it). A step of a pallet counts the quantity
// of the traced lot on it; an instance counts as one piece (no unit, as in EPCIS). The
// caller maps places to businesses and districts and puts schools and canteens first.
//
// # Layout
//
// Strings are interned (intern.go): each identifier, place and vocabulary word is stored
// once in a byte arena and named by a uint32, through an open-addressing table with no
// pointer per entry. An event is a row in chunked columns (row, time, biz step, location,
// kind) and a run of uint32 words in an arena for its objects and optional fields, business
// transactions as 32-bit hashes (record.go); each identifier has a posting list of the
// events that list it. Columns grow
// by whole chunks, so growth never copies what is stored. About 77 bytes an event at ten
// million events, strings included, shipments and receivings naming a despatch advice;
// see the benchmarks in bench_test.go.
//
// One writer at a time adds and retracts (Add, AddBatch, Retract); queries run in parallel
// under a read lock that the writer takes for one event, or 256 while bulk loading. Growing
// an intern table is done before taking the lock, so queries wait for microseconds, never
// for a rehash. The index holds up to 2^32-1 events of at most 2^24-1 objects each.
package graph
