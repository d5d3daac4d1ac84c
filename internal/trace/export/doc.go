// Package export writes the regulator export (监管导出): for a product and a range of days,
// the sortable spreadsheet (xlsx) that the FDA Food Traceability Rule (FSMA 204, 21 CFR 1
// subpart S, §1.1455(c)(3)(ii)) asks for within 24 hours of an outbreak, and a Chinese
// regulator wants for a recall: one sheet per critical tracking event (CTE, 关键追溯事件),
// one column per key data element (KDE, 关键数据元素), read from the EPCIS events of the
// trace store. It serves GET /api/v1/trace/export.xlsx and the form at /trace/export.
//
// # From events to CTEs
//
// Classify maps an event (its facts, epcis.Facts) to a CTE; events declared erroneous
// are never read (their corrections are).
//
//	CTE                          EPCIS event
//	Harvesting                   ObjectEvent ADD, bizStep commissioning or creating_class_instance:
//	                             the origin of a lot (a farm's harvest, a 合格证's batch)
//	Cooling                      ObjectEvent with a bizStep named cooling in the sender's own
//	                             vocabulary (CBV 2.0 has none)
//	Initial packing              ObjectEvent ADD, bizStep packing (the TLC assigned)
//	First land-based receiving   ObjectEvent ADD whose ILMD gives a catch (catchArea,
//	                             vesselCatchInformationList, vesselID, fishingGearTypeCode,
//	                             landingStartDate), whatever its bizStep
//	Shipping                     ObjectEvent or TransactionEvent, bizStep shipping
//	Receiving                    ObjectEvent or TransactionEvent, bizStep receiving
//	Transformation               TransformationEvent; the events sharing a transformationID
//	                             are one transformation
//
// No CTE: AggregationEvent and AssociationEvent (packing lots on a pallet, unpacking: the
// lots keep their TLCs, and their moves are read through the pallet, below); storing and
// holding (CBV's words cover any storage, while FSMA's cooling is the one before initial
// packing); retail_selling and dispensing (a sale or meal to the consumer ends the chain:
// FSMA keeps no record of it); inspecting, sampling and the other steps.
//
// # Rows
//
// A row is one lot in one CTE (Extract): an event listing three lots gives three rows. A
// transformation gives one row per new lot × input lot (Transform): the new TLC with its
// quantity, the input TLC with the quantity used. The TLC is the lot's canonical
// identifier: an LGTIN as GS1 Digital Link (GTIN + batch, as PTI writes a TLC) or one of
// our lots (urn:shejian:lot:<assigner>:<batch>, produce without a GTIN). The TLC source,
// where the TLC was assigned, is the event's place for the CTEs that assign one (§1.1320),
// else the place of the lot's first making event in the store (trace.Store.LotOrigins),
// else the assigner named in our lot identifier. Reference documents are the business
// transactions: a 一票通 ticket, a despatch advice, an invoice, a production order. An
// event that lists only items (SGTIN serials, no lot), or a pallet not packed with the
// product within the range, gives no row: FSMA's records are kept by lot.
//
// A product is what a regulator types (ParseRequest): a GTIN (every lot of it), a lot, a
// product description (菠菜), as most produce of this city has no GTIN and is named only
// in its tickets and ledgers, or "*" for every product. Events are read through the store's SimpleEventQuery
// machinery (trace.Store.EachStandingEvent, MATCH_anyEPCClass and the eventTime range),
// in three passes: the events of the product in the range; the shipping and receiving
// of the pallets (SSCC) the product was packed on in the range, which name the pallet
// alone, counted as the lots on it; and every event of the transformations found, so
// that a transformation split in an inputs event and an outputs event is whole.
//
// # Who exports what
//
// Export needs trace.read. The events are those of the caller's scope, as /epcis/events
// selects them: a district's, station's or grid's staff those at the businesses placed
// there, a business operator those at its own business, city-wide staff all. Places are
// described (name, address, district, phone) as the journey pages show them: in full to
// city-wide staff and to an operator (whose export holds its own events only, so every
// other place in it is a direct supplier or customer); to district, station and grid
// staff the businesses of their scope and the unregistered parties their events name in
// full, any other business by its district only, without name or identifier. Phone
// numbers are masked unless the caller may read personal data. A TLC is shown as it is:
// every row's lot passed through a place of the caller's scope.
//
// # The workbook
//
// A README sheet gives the product as asked and as read, the days, the jurisdiction, the
// generation time, the events read and, per sheet, its rows and the rows lacking a KDE the
// rule requires (their headers are red). Each CTE's sheet is streamed (excelize's
// StreamWriter) under a frozen header row, English with Chinese beside, with an autofilter
// so that Excel sorts and filters it; times are real Excel dates in China time; rows are
// in time order.
package export
