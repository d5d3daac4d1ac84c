package synth

import "strconv"

// Writing events as EPCIS 2.0 JSON-LD by hand, appending to one buffer: every string the
// generator writes is a URI, a code or a CBV word of ASCII letters, digits and
// punctuation that JSON needs no escape for.

// txTypes are the business transaction types of the transaction kinds (CBV words, and the
// 一票通 ticket type of the ticket package), and txSchemes the URN namespaces of their numbers.
var (
	txTypes   = [...]string{ticketTx: "urn:shejian:btt:ticket", despatchTx: "desadv", orderTx: "prodorder", testTx: "testres"}
	txSchemes = [...]string{ticketTx: "urn:shejian:ticket:", despatchTx: "urn:shejian:desadv:", orderTx: "urn:shejian:prodorder:", testTx: "urn:shejian:testres:"}
)

// certScheme is the URN namespace of 承诺达标合格证 numbers, followed by the farm's USCC.
const certScheme = "urn:shejian:cert:"

// eventTypeNames are the EPCIS names of the event types.
var eventTypeNames = [...]string{objectEvent: "ObjectEvent", aggregationEvent: "AggregationEvent", transformationEvent: "TransformationEvent"}

// appendEvent writes e as a JSON object. Its eventID is hash when not empty (an error
// declaration naming an event by its Event Hash ID), else its urn:uuid if it has one.
func (b *builder) appendEvent(dst []byte, e *event, hash string) []byte {
	dst = append(dst, `{"type":"`...)
	dst = append(dst, eventTypeNames[e.typ]...)
	dst = append(dst, `","eventTime":"`...)
	dst = appendTime(dst, e.at)
	dst = append(dst, `","eventTimeZoneOffset":"+08:00"`...)
	switch {
	case hash != "":
		dst = append(dst, `,"eventID":"`...)
		dst = append(dst, hash...)
		dst = append(dst, '"')
	case e.id != none:
		dst = append(dst, `,"eventID":"`...)
		dst = b.appendID(dst, e.id)
		dst = append(dst, '"')
	}
	if e.declaredAt != 0 {
		dst = append(dst, `,"errorDeclaration":{"declarationTime":"`...)
		dst = appendTime(dst, e.declaredAt)
		dst = append(dst, `","reason":"incorrect_data","correctiveEventIDs":["`...)
		dst = b.appendID(dst, e.correctiveID)
		dst = append(dst, `"]}`...)
	}
	if e.cert != 0 {
		dst = append(dst, `,"certificationInfo":"`+certScheme...)
		dst = append(dst, b.ch.parties[e.place].USCC...)
		dst = append(dst, ':')
		dst = strconv.AppendUint(dst, e.cert, 10)
		dst = append(dst, '"')
	}
	dst = b.appendWhat(dst, e)
	dst = append(dst, `,"bizStep":"`...)
	dst = append(dst, e.bizStep...)
	dst = append(dst, `","disposition":"`...)
	dst = append(dst, e.disposition...)
	dst = append(dst, `","readPoint":{"id":"`...)
	dst = append(dst, b.ch.parties[e.place].location...)
	dst = append(dst, `"}`...)
	if !e.leaving {
		dst = append(dst, `,"bizLocation":{"id":"`...)
		dst = append(dst, b.ch.parties[e.place].location...)
		dst = append(dst, `"}`...)
	}
	dst = b.appendTransactions(dst, e)
	dst = b.appendRoute(dst, e)
	return append(dst, '}')
}

// appendWhat writes what the event is about: action, pallet and quantities by type.
func (b *builder) appendWhat(dst []byte, e *event) []byte {
	if e.action != "" {
		dst = append(dst, `,"action":"`...)
		dst = append(dst, e.action...)
		dst = append(dst, '"')
	}
	switch e.typ {
	case objectEvent:
		if e.pallet != none {
			dst = append(dst, `,"epcList":["`...)
			dst = b.appendPallet(dst, e)
			dst = append(dst, `"]`...)
		}
		dst = b.appendQuantities(dst, `,"quantityList":`, e.what)
	case aggregationEvent:
		dst = append(dst, `,"parentID":"`...)
		dst = b.appendPallet(dst, e)
		dst = append(dst, '"')
		dst = b.appendQuantities(dst, `,"childQuantityList":`, e.what)
	case transformationEvent:
		dst = b.appendQuantities(dst, `,"inputQuantityList":`, e.what)
		dst = b.appendQuantities(dst, `,"outputQuantityList":`, e.outputs)
		if e.xform != none {
			dst = append(dst, `,"transformationID":"`...)
			dst = b.appendID(dst, e.xform)
			dst = append(dst, '"')
		}
	}
	return dst
}

// appendQuantities writes a quantity list under key, or nothing when s is empty.
func (b *builder) appendQuantities(dst []byte, key string, s span) []byte {
	if s.to == s.from {
		return dst
	}
	dst = append(dst, key...)
	dst = append(dst, '[')
	for i := s.from; i < s.to; i++ {
		if i > s.from {
			dst = append(dst, ',')
		}
		q := &b.qs[i]
		dst = append(dst, `{"epcClass":"`...)
		dst = b.appendLot(dst, q.lot, q.urn)
		dst = append(dst, `","quantity":`...)
		dst = appendAmount(dst, q.milli)
		if b.lots[q.lot].product.packGrams == 0 {
			dst = append(dst, `,"uom":"KGM"`...)
		}
		dst = append(dst, '}')
	}
	return append(dst, ']')
}

// appendLot writes the identifier of lot l as an LGTIN URN or a GS1 Digital Link.
func (b *builder) appendLot(dst []byte, l int32, urn bool) []byte {
	lt := &b.lots[l]
	if urn {
		dst = append(dst, lt.product.urnPrefix...)
	} else {
		dst = append(dst, lt.product.linkPrefix...)
	}
	return appendLotNumber(dst, lt)
}

// appendPallet writes the SSCC of the event's pallet.
func (b *builder) appendPallet(dst []byte, e *event) []byte {
	p := &b.pallets[e.pallet]
	return appendSSCC(dst, b.ch.parties[p.packer].gcp, p.extension, p.serial, e.palletURN)
}

// appendTransactions writes the business transaction list, if any.
func (b *builder) appendTransactions(dst []byte, e *event) []byte {
	listed := false
	for _, tx := range e.txs {
		if tx.kind == noTx {
			continue
		}
		if listed {
			dst = append(dst, ',')
		} else {
			dst = append(dst, `,"bizTransactionList":[`...)
			listed = true
		}
		dst = append(dst, `{"type":"`...)
		dst = append(dst, txTypes[tx.kind]...)
		dst = append(dst, `","bizTransaction":"`...)
		dst = append(dst, txSchemes[tx.kind]...)
		dst = append(dst, b.ch.parties[tx.issuer].USCC...)
		dst = append(dst, ':')
		dst = strconv.AppendUint(dst, tx.number, 10)
		dst = append(dst, `"}`...)
	}
	if listed {
		dst = append(dst, ']')
	}
	return dst
}

// appendRoute writes the source and destination lists, if any.
func (b *builder) appendRoute(dst []byte, e *event) []byte {
	if e.srcPlace != none {
		dst = append(dst, `,"sourceList":[{"type":"owning_party","source":"`...)
		dst = append(dst, b.ch.parties[e.srcParty].location...)
		dst = append(dst, `"},{"type":"location","source":"`...)
		dst = append(dst, b.ch.parties[e.srcPlace].location...)
		dst = append(dst, `"}]`...)
	}
	if e.dstPlace != none {
		dst = append(dst, `,"destinationList":[{"type":"`...)
		if e.dstPossessing {
			dst = append(dst, "possessing_party"...)
		} else {
			dst = append(dst, "owning_party"...)
		}
		dst = append(dst, `","destination":"`...)
		dst = append(dst, b.ch.parties[e.dstParty].location...)
		dst = append(dst, `"},{"type":"location","destination":"`...)
		dst = append(dst, b.ch.parties[e.dstPlace].location...)
		dst = append(dst, `"}]`...)
	}
	return dst
}

// appendID writes flow id i as a urn:uuid (version 4, RFC 9562).
func (b *builder) appendID(dst []byte, i int32) []byte {
	const hexDigits = "0123456789abcdef"
	hi, lo := b.ids[i][0], b.ids[i][1]
	hi = hi&^0xf000 | 0x4000     // version 4
	lo = lo&^(0xc<<60) | 0x8<<60 // variant 10
	dst = append(dst, "urn:uuid:"...)
	for n, v := range [2]uint64{hi, lo} {
		for k := 15; k >= 0; k-- {
			dst = append(dst, hexDigits[v>>(4*k)&0xf])
			if at := 16*n + 16 - k; at == 8 || at == 12 || at == 16 || at == 20 {
				dst = append(dst, '-')
			}
		}
	}
	return dst
}

// appendTime writes Unix milliseconds as a China-time timestamp to the millisecond,
// 2025-12-01T06:00:00.000+08:00, for years 1000 to 9999. It does by hand what
// time.Time.AppendFormat does, which took a third of the generator's time: the calendar
// date from the day number by H. Hinnant's civil_from_days, then the clock.
func appendTime(dst []byte, ms int64) []byte {
	const msPerDay = 24 * 3_600_000
	local := ms + hours(8)
	days, clock := local/msPerDay, local%msPerDay
	if clock < 0 {
		days, clock = days-1, clock+msPerDay
	}
	z := days + 719_468 // days since 0000-03-01
	era := z / 146_097
	if z < 0 {
		era = (z - 146_096) / 146_097
	}
	doe := z - era*146_097                                   // day of the 400-year era
	yoe := (doe - doe/1460 + doe/36_524 - doe/146_096) / 365 // year of the era
	doy := doe - (365*yoe + yoe/4 - yoe/100)                 // day of the year from March
	mp := (5*doy + 2) / 153                                  // month from March
	day, month, year := doy-(153*mp+2)/5+1, mp+3, yoe+era*400
	if month > 12 {
		month -= 12
		year++
	}
	dst = appendDigits(dst, year, 4)
	dst = append(dst, '-')
	dst = appendDigits(dst, month, 2)
	dst = append(dst, '-')
	dst = appendDigits(dst, day, 2)
	dst = append(dst, 'T')
	dst = appendDigits(dst, clock/3_600_000, 2)
	dst = append(dst, ':')
	dst = appendDigits(dst, clock/60_000%60, 2)
	dst = append(dst, ':')
	dst = appendDigits(dst, clock/1000%60, 2)
	dst = append(dst, '.')
	dst = appendDigits(dst, clock%1000, 3)
	return append(dst, "+08:00"...)
}

// appendDigits writes v, not negative, in width digits with leading zeros.
func appendDigits(dst []byte, v int64, width int) []byte {
	var buf [8]byte
	for i := width - 1; i >= 0; i-- {
		buf[i] = byte('0' + v%10)
		v /= 10
	}
	return append(dst, buf[:width]...)
}

// appendAmount writes thousandths as a decimal number without trailing zeros.
func appendAmount(dst []byte, milli int64) []byte {
	dst = strconv.AppendInt(dst, milli/1000, 10)
	frac := milli % 1000
	if frac == 0 {
		return dst
	}
	dst = append(dst, '.', byte('0'+frac/100))
	if frac%100 != 0 {
		dst = append(dst, byte('0'+frac/10%10))
		if frac%10 != 0 {
			dst = append(dst, byte('0'+frac%10))
		}
	}
	return dst
}
