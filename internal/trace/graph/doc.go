// Package graph is the in-memory trace index (追溯索引): it answers the backward trace
// (溯源), the forward trace (追踪) and the recall scope (召回范围) of a lot, an item or a
// pallet in milliseconds over tens of millions of EPCIS events, where a recursive SQL query
// takes seconds.
//
// # Feeding it
//
// Storage owns the events; the index holds what a walk needs of each, in its own compact
// Event (row id, time, type, action, biz step, location, transformationID, objects with
// role and quantity, the place of the source and destination lists). At start-up storage
// reads its columns and calls AddBatch, a few thousand events at a time, in row order;
// capture calls Add for each event it stores; FromFacts builds an Event from epcis.Facts.
// When an event is declared erroneous (EPCIS errorDeclaration), storage calls Retract with
// its row. Adding a row twice adds it once, and retracting a row before it is added works,
// so the rebuild and capture may overlap. Identifiers are compared as the canonical strings
// epcis.Facts holds: the caller normalises a queried identifier the same way.
//
// # Forward
//
// Forward(X) collects steps: events about an identifier, each Step naming the event's row,
// time, biz step, location, the identifier it lists, its role and the quantity it moves.
//
//   - Every event about X is a step (X is walked from the time it is first seen).
//   - Transformation: when X is an input of an event (a TransformationEvent, or any event
//     listing inputs and outputs), every output of that transformation joins the trace from
//     the time of the event that lists it. Events sharing a transformationID are one
//     transformation reported in parts: the outputs of all of them at or after X's input
//     event join. Other inputs do not: they are upstream of the outputs, not downstream of X.
//   - Aggregation: when X is a child of an AggregationEvent ADD with parent P, P joins for
//     the time X is inside, from the ADD until the first DELETE that takes X (or every child,
//     when it lists none) out of P. P's events in that window are steps that carry X
//     (Step.Carries) with X's quantity; P's other children are not reached. When X is
//     itself a parent, the children an ADD puts into it join from that ADD on, for good:
//     the contents go where the pallet goes and on after it is unpacked.
//   - A step whose biz step is retail_selling (零售) is a leaf: nothing is followed from it.
//     An instance (an SGTIN, not a quantity of a lot) that is sold has left the supply chain,
//     so its later events are not steps; a lot sold in part goes on with the rest.
//   - Places: a shipping step reaches the place of its destination list (the location,
//     else the owning party); a receiving step its location; every step happened at its
//     location (bizLocation, else readPoint).
//
// # Backward
//
// Backward(X) is the mirror: every event about X is a step (X is walked up to the last time
// it is seen); when X is an output, the inputs of that transformation (of every part at or
// before X's output event) join up to the time of their own input event; when X is a child
// aggregated into P, P's events while X was inside are steps; when X is a parent, the
// children an ADD put into it join up to that ADD. A receiving step names the place it came
// from in Step.Source.
//
// # Both directions
//
//   - Time order: a forward walk never goes back in time and a backward walk never forward;
//     a lot received after a transformation was made is not its input, a pallet's shipment
//     before a lot was packed on it is not the lot's.
//   - Retracted events are ignored as if never captured: no step, no link.
//   - Association events and aggregation OBSERVE are steps but link nothing: sensors and
//     devices associated with a lot would otherwise pull in everything they ever touched.
//   - A child reached from its parent does not go back to that parent by the ADD that linked
//     them; the parent is walked whole.
//   - Identifiers are taken earliest first forward (latest first backward), so each is
//     walked once from the earliest time it is reached and cycles end. A walk stops at
//     Options.MaxSteps steps, or when it has looked at 64 times as many events (a window
//     on a crate with a long history), and says so in Truncated.
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
// kind) and a run of uint32 words in an arena for its objects and optional fields
// (record.go); each identifier has a posting list of the events that list it. Columns grow
// by whole chunks, so growth never copies what is stored. About 75 bytes an event at ten
// million events, strings included; see the benchmarks in bench_test.go.
//
// One writer at a time adds and retracts (Add, AddBatch, Retract); queries run in parallel
// under a read lock that the writer takes for one event, or 256 while bulk loading. Growing
// an intern table is done before taking the lock, so queries wait for microseconds, never
// for a rehash. The index holds up to 2^32-1 events of at most 2^24-1 objects each.
package graph
