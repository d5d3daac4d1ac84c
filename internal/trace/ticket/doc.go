// Package ticket records the Chinese practice of traceability in the same trace graph as
// GS1 EPCIS events: 一票通 tickets (market transaction vouchers), 承诺达标合格证 (the
// producer's compliance certificate for a batch) and businesses' purchase and sales ledgers
// (进货查验记录 / 销售台账), entered in a form, by Excel import or by the API. Each entry
// becomes EPCIS 2.0 events in one JSON-LD document that goes through trace.Store.Capture,
// the capture every EPCIS document goes through: one store, one validation, and a trace
// walks from a farm's certificate through a market's ticket to a partner's GS1 events by
// lot identity alone.
//
// # Identities
//
//   - A registered business (经营主体) is urn:shejian:uscc:<USCC> (trace.LocationPrefix), as
//     a place and as a party. An unregistered party (未登记主体: a farmer, 农户) is
//     urn:shejian:party:<name>:<suffix>: its name (whitespace folded) and the last four
//     characters of the ID card or phone number the ledger gives, percent-escaped. Only the
//     four characters are kept: no personal number is stored in an identifier.
//   - A lot (批次) with a GTIN (商品条码) is its LGTIN as the canonical GS1 Digital Link,
//     https://id.gs1.org/01/<GTIN-14>/10/<batch>, the form capture gives an LGTIN URN too.
//     Without a GTIN (most farm produce) it is urn:shejian:lot:<key>:<batch>, key being the
//     USCC (or unregistered key) of whoever assigned the batch number (批次号编制方), the
//     batch percent-escaped so that a colon or a Chinese character stays one segment. Who
//     assigned it: the producer of a certificate; else the entry's batch_by; else the lot
//     of that number the seller has had at its place (stored, or earlier in the batch);
//     else the seller itself. A seller that has had lots of one number from several
//     assigners must name one (rule batch_ambiguous).
//   - A ticket is the business transaction {type urn:shejian:btt:ticket, value
//     urn:shejian:ticket:<number>}; ticket numbers are the city's 一票通 numbers, unique in
//     the city, and the join key of every entry of one sale. A ledger line without a ticket
//     may name the seller's voucher (送货单、发票): {desadv, urn:shejian:desadv:<seller
//     key>:<number>}. A certificate is the certificationInfo urn:shejian:cert:<producer
//     key>:<number>.
//
// # Events
//
//   - 合格证: ObjectEvent ADD, commissioning, active, at the producer's place, the lot in
//     quantityList, certificationInfo the certificate, ilmd the lot's master data
//     (cbvmda:lotNumber, cbvmda:harvestStartDate, sj:productName, sj:origin 产地). It is the
//     lot's origin event.
//   - 一票通: the sale at the market, two events: shipping (OBSERVE, in_transit, readPoint the
//     seller) and receiving (OBSERVE, in_progress, readPoint and bizLocation the buyer),
//     both with the ticket as business transaction, sourceList owning_party the seller and
//     location the market (the seller when there is none), destinationList owning_party and
//     location the buyer.
//   - 进货 (purchase line): the receiving at the ledger's business from its supplier; 销货
//     (sales line): the shipping from it to the buyer; with the ticket, else the voucher.
//   - Quantities: 公斤/千克 → KGM, 斤 → KGM × 0.5, 吨 → TNE, 克 → GRM; 件/箱/个 and other
//     pieces → a count without uom, the unit kept in sj:unit.
//   - Extension fields are in our namespace urn:shejian:epcis:, prefix sj in the document's
//     @context: sj:productName, sj:origin, sj:unit and, on a ticket's shipping, the market's
//     rapid test (快检结果) sj:rapidTest, "pass" or "fail". The rapid test is an extension,
//     not a sensor report: a ticket gives the market's verdict on the lot, without a reading,
//     a device or a method; none of GS1's measurement types is a verdict, so a sensor report
//     would need a type of ours and put a conclusion where a measured value belongs.
//
// # Repeats
//
// One sale is often entered twice: the market's ticket and the seller's sales ledger, or
// the buyer's purchase ledger. Each side's eventID is derived from what joins the entries,
// a name-based UUID (version 5) of "ticket:<number>:<side>" (or of the voucher, seller and
// lot; or of the certificate), so the second entry names the same event. Before capture the
// entry is compared with the stored event on what the entries must agree on (seller,
// buyer, lot, quantity, the China calendar day): agreeing, it is a repeat and stores
// nothing; disagreeing, it is refused naming the field and what is recorded
// (recorded_differently). Descriptions (product name, origin, rapid test, the market) may
// differ; the first entry's stay. Capture's own idempotency by eventID absorbs a race.
//
// # Rules
//
// Every bad field is named with its rule, in Chinese and English (locale/). A sale (a
// ticket, a sales line) may not take more of a lot than the seller holds: what events at
// its place received, commissioned (any ADD) or made (transformation outputs), less what
// they shipped or used (inputs), events declared erroneous left out, plus and minus the
// batch's earlier entries (trace.Holdings). The entries are checked first on the read pool,
// to name every problem; the sales are checked again inside the transaction that captures
// them, where captures take turns, so that two tickets of one seller's lot recorded at once
// cannot together take more than it received: the later is refused, and stores nothing.
// Capture checks every ticket sale there itself, however the ticket arrives (an EPCIS
// document sent to /epcis/capture too); the sales lines that name no ticket are checked by
// this package (oversell.go, trace.Check). Quantities are
// positive, pieces whole, dates not in the future, seller and buyer different, every USCC
// registered, a market a market.
//
// # Who may enter what
//
// A business operator enters its own tickets, certificates and ledger lines (the seller's
// ticket, the buyer's purchase line); a market's operators enter the tickets and
// certificates of sales at their market (named on the entry, or the seller's market when
// the seller is a stall of it), which is how an unregistered farmer's entries are made;
// staff enter the entries of businesses in their scope. The check is this package's (it
// knows the roles of an entry's parties); the document then goes to capture as the caller
// with the city's scope, since a ticket has events at the seller's and the buyer's.
//
// An import (xlsx) reads the sheets 合格证, 进货台账, 一票通 and 销货台账, in that order, and
// records them as one document: all or nothing, every problem named by sheet and row.
package ticket
