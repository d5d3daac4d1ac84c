// Package synth generates a synthetic multi-tier food supply chain (供应链) as EPCIS 2.0
// JSON-LD documents: the input of `shejian bench trace` and of the tests of capture,
// trace and recall. It is deterministic (the same Config gives the same bytes), streams
// (it never holds more than one flow of events) and is fast (about 700,000 events a
// second, on one goroutine).
//
//	ch := synth.New(synth.Config{Events: n, Seed: 1})
//	register(ch.Businesses())                // each with USCC, name, kind, district
//	err := ch.Documents(1000, capture)       // up to 1,000 events a document, causal order
//	lots := ch.Lots(1000, 7)                 // lots to trace, canonical Digital Links
//
// # The chain
//
// Businesses are farms (基地/农场), wholesale markets (批发市场), distributors (配送企业),
// processors and central kitchens (加工厂/中央厨房), retailers (超市, shops), restaurants,
// and school and company canteens (学校食堂/单位食堂). Goods move in flows, one after
// another, each starting a little later over Config.Span; flows share businesses, not
// lots. A market flow: a farm harvests a lot, brings it to a market and sells most of it
// there on 一票通 tickets to one to four distributors, shops and kitchens. A processing
// flow: one to three farm lots reach a processor (directly, on a market ticket, or through
// a distributor), the processor makes one or two new lots of them, and delivers these to
// two to eight buyers. A distributor delivers what it receives to one to four shops and
// kitchens. Everything ends sold at a retailer or served at a restaurant or canteen.
//
// The events, all with readPoint the business where they happen:
//
//   - harvest: ObjectEvent ADD, commissioning, active, bizLocation the farm;
//   - shipping: ObjectEvent OBSERVE, shipping, in_transit, no bizLocation (the goods
//     leave); sourceList owning_party (the seller) and location; destinationList
//     owning_party (the buyer; possessing_party the market when a farmer brings goods to
//     sell) and location; bizTransactionList a 一票通 ticket when sold at a market
//     ({"type":"urn:shejian:btt:ticket","bizTransaction":"urn:shejian:ticket:<market
//     USCC>:<number>"}, as the ticket package records them), else
//     the shipper's despatch advice (desadv, urn:shejian:desadv:<USCC>:<number>); a farm
//     bringing goods to market mostly adds its 承诺达标合格证 as certificationInfo
//     (urn:shejian:cert:<farm USCC>:<number>);
//   - receiving: ObjectEvent OBSERVE, receiving, in_progress, with the same source,
//     destination and transaction as its shipping, and what arrived: all of it, or one
//     time in twelve a little less; a market's receiving sometimes lists a rapid test
//     (testres, urn:shejian:testres:<market USCC>:<number>);
//   - pallets (a quarter of a distributor's deliveries, every delivery to a distributor,
//     some others): AggregationEvent ADD, packing, parentID the SSCC, childQuantityList;
//     shipping and receiving ObjectEvents whose epcList holds the SSCC alone; then
//     AggregationEvent DELETE, unpacking, with the same children where it arrived;
//   - transformation: TransformationEvent, commissioning, inputQuantityList and
//     outputQuantityList, a prodorder transaction; half carry a transformationID
//     (urn:uuid), and one in five is split into an inputs event and, hours later, an
//     outputs event sharing a transformationID;
//   - the end: ObjectEvent OBSERVE at a retailer retail_selling, retail_sold; at a
//     restaurant or canteen dispensing, dispensed (served to consumers); over one or two
//     days, leaving a little.
//
// Quantities are conserved: what arrives is at most what was sent, what is sent, packed,
// transformed or used at a place at most what arrived there; weighed goods are in KGM
// (to 0.1 kg), packed goods of processors are counted in packs without a uom.
//
// # Identifiers
//
// A lot (批次) is an LGTIN in a quantity element, written at random, element by element,
// as an EPC URN (urn:epc:class:lgtin:6901234.000101.251201H0000) or a GS1 Digital Link
// (https://id.gs1.org/01/06901234001013/10/251201H0000), so one lot comes in both forms
// as capture must normalise. GTINs are GTIN-13 numbers of Chinese company prefixes (seven
// digits from 690 and 691, eight from 692 to 695) with valid check digits, as GTIN-14
// with indicator 0. Lot numbers are the day (yymmdd), H (harvested) or P (processed), and a
// base-36 sequence unique in the chain. Pallets are SSCCs of the packer's prefix, as URN or
// Digital Link. Lots returns lots as canonical Digital Links, the form above.
//
// A business's location, and the business as a party, is urn:shejian:uscc:<USCC>
// (LocationPrefix), its unified social credit code (统一社会信用代码) with the check
// character of registry.USCCCheckChar; region codes are those of the made-up city 339900
// of internal/demo, district i being 3399(02+i).
//
// Most events carry no eventID (capture fills the Event Hash ID); Config.UUIDRate of them
// carry a urn:uuid.
//
// # Times
//
// Event times are in China time ("+08:00", eventTimeZoneOffset "+08:00"), to the
// millisecond, without recordTime. They increase along the chain (harvest, then shipping,
// receiving hours later, and so on) and all lie in the Span before Config.End, error
// declarations included, so that capture's "not in the future" rule passes at End. The
// documents are in causal order (an event never precedes one it depends on), not in time
// order: a flow is written depth first, and flows overlap in time. A document's
// creationDate is a few minutes after its latest time.
//
// # Corrections
//
// Config.ErrorRate of the shipping and receiving events are first recorded wrongly, then
// correctly as a corrective event with a urn:uuid, then withdrawn by repeating the wrong
// event with an errorDeclaration (reason incorrect_data, correctiveEventIDs the
// corrective event, declarationTime one to 49 hours later): three events in that order,
// all counted in Config.Events. The mistake is a wrong destination or a quantity with a
// digit too few, never a larger quantity than was there. The repeated event carries the
// wrong event's eventID: its urn:uuid, or, when it had none, the Event Hash ID capture gave
// it. The last flow, which is cut to make Config.Events exact, is planned without
// corrections, so no wrong event is left standing.
//
// # The small chain
//
// SmallChain returns a fixed chain of eight businesses, 29 events in three documents, and
// the traces and recall scopes of its lots worked out by hand, for exact assertions
// (events are named by ID: their urn:uuid or Event Hash ID). In December 2025:
//
//   - farm F1 (绿源蔬菜专业合作社) harvests L1, 1000 kg of spinach, and ships it to
//     market M with its certificate; M receives 1000 kg;
//   - ticket 1201001 sells 300 kg of L1 to supermarket R1, which receives it and sells
//     280 kg; ticket 1201002 sells 600 kg to central kitchen P, which receives it;
//   - farm F2 harvests L2, 500 kg of carrots, and ships it to P, which receives 480 kg;
//   - P turns 600 kg of L1 and 400 kg of L2 into L3, 1800 packs of 什锦净菜, in two events
//     sharing a transformationID (inputs at 08:00, outputs at 10:00 on the 2nd);
//   - P ships 1000 packs of L3 to supermarket S, first recorded as going to shop R2
//     (withdrawn: Fixture.Withdrawn), then corrected; S receives and sells 900;
//   - P packs 600 packs of L3 on a pallet, ships it to school canteen C, which receives
//     and unpacks it and serves 600;
//   - noise: F2 harvests L4 (小白菜), 200 kg, sells 150 kg to R1 through M.
//
// The expected sets follow these rules. A lot's creating events are its harvest, or every
// event of the transformation making it (all events sharing its transformationID).
// Withdrawn events and error declarations are in no set; corrective events are.
//
//   - Backward(lot): its creating events, then for each input of a transformation the
//     events that brought it to where it was used — the receiving there and the shipping
//     it matches (or a pallet's four events) — back from place to place to its creation.
//     Backward(L1) = {F1 harvest}; Backward(L2) = {F2 harvest}; Backward(L3) = {the two
//     transformation events, P receiving L1 and ticket 1201002, M receiving L1, F1
//     shipping, F1 harvest, P receiving L2, F2 shipping, F2 harvest}. It holds not the
//     ticket to R1: that part of L1 went elsewhere.
//   - Forward(lot): its creating events, then everything it, or a lot made of it, went
//     through: each shipping from a place it is at and the receiving at the other end,
//     pallets packed with it (with their shipping, receiving and unpacking), the
//     transformations it went into (all their events, and on with their outputs), its
//     sales and meals. Forward(L1) = {F1 harvest and shipping, M receiving, both tickets
//     and their receivings, R1's sale, the transformation events, P's corrective shipping
//     to S, S receiving and selling, the four pallet events, C serving}: 18 events, not
//     L2's harvest or shipping (an input beside L1, not made of it) nor the withdrawn
//     shipping to R2. Forward(L2) likewise from F2's harvest through P. Forward(L3) = {the
//     transformation events, and what follows them in Forward(L1)}.
//   - Recall(lot): every place the lot or a lot made of it was made at or arrived at, the
//     lot, the quantity made or arrived there in all, and when the first of it did (a
//     pallet arrives when it is received). Recall(L1) = {F1 L1 1000 kg, M L1 1000 kg, R1
//     L1 300 kg, P L1 600 kg, P L3 1800 packs, S L3 1000 packs, C L3 600 packs}; R2 is in
//     none. Recall(L2) = {F2 L2 500 kg, P L2 480 kg, P L3, S L3, C L3}. Recall(L3) = {P,
//     S, C with L3}. Grouping by district, and schools and canteens first, is the
//     reader's: each Reach carries the Business.
//
// The tests check these sets against a plain trace written from the same rules
// (reftrace_test.go).
package synth
