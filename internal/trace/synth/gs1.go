package synth

import (
	"math/rand/v2"
	"strconv"

	"github.com/shejian/shejian/internal/epcis"
)

// GS1 identifiers. A lot (批次) is a class-level identifier: the GTIN of the product and a
// lot number, written either as an EPC URN or as a GS1 Digital Link, the two forms
// capture normalises to one.
const (
	lgtinURNPrefix = "urn:epc:class:lgtin:"
	gtinLinkPrefix = "https://id.gs1.org/01/"
	ssccURNPrefix  = "urn:epc:id:sscc:"
	ssccLinkPrefix = "https://id.gs1.org/00/"
	lotLinkAI      = "/10/"
	ssccDigits     = 18
	gtin13Body     = 12 // a GTIN-13 without its check digit: company prefix and item reference
)

// companyPrefix returns the GS1 company prefix (厂商识别代码) of the n-th business:
// seven digits from 690 0000 for even n, eight from 6920 0000 to 6959 9999 for odd n, as
// GS1 China assigns them. Multiplying by a prime to the range scatters the prefixes and
// keeps them unique for n below MaxBusinesses.
func companyPrefix(n int) string {
	k := n / 2
	if n%2 == 0 {
		return strconv.Itoa(6900000 + (k*7919+1234)%20000)
	}
	return strconv.Itoa(69200000 + (k*7919+4321)%400000)
}

// product is a trade item with its GTIN, and the two ways of writing its lots.
type product struct {
	goods
	gtin string // 14 digits, indicator 0: a GTIN-13 as GS1 China issues them
	// urnPrefix and linkPrefix are a lot's identifier without the lot number.
	urnPrefix, linkPrefix string
}

// newProduct numbers goods g as item item of company prefix gcp.
func newProduct(g goods, gcp string, item int) product {
	width := gtin13Body - len(gcp)
	ref := strconv.Itoa(item)
	for len(ref) < width {
		ref = "0" + ref
	}
	body := "0" + gcp + ref
	gtin := body + string(epcis.GS1CheckDigit(body))
	return product{
		goods:      g,
		gtin:       gtin,
		urnPrefix:  lgtinURNPrefix + gcp + ".0" + ref + ".",
		linkPrefix: gtinLinkPrefix + gtin + lotLinkAI,
	}
}

// newProducts gives a farm or processor of the given name style one to three of its
// style's goods, numbered in its company prefix.
func newProducts(k Kind, style int, gcp string, r *rand.Rand) []product {
	all := goodsOf(k, style)
	n := min(1+r.IntN(3), len(all))
	first := r.IntN(len(all))
	item := r.IntN(200)
	out := make([]product, n)
	for i := range out {
		item += 1 + r.IntN(40)
		out[i] = newProduct(all[(first+i)%len(all)], gcp, item)
	}
	return out
}

// appendSSCC appends the identifier of a pallet (a Serial Shipping Container Code) of a
// packer with company prefix gcp: an extension digit, the prefix and a serial number make
// 17 digits, then the check digit. A serial too long for the digits left wraps around, as
// SSCCs are reused after a time.
func appendSSCC(dst []byte, gcp string, extension byte, serial uint64, asURN bool) []byte {
	var buf [ssccDigits - 1]byte
	digits := buf[:]
	digits[0] = '0' + extension
	copy(digits[1:], gcp)
	for i := len(digits) - 1; i > len(gcp); i-- {
		digits[i] = byte('0' + serial%10)
		serial /= 10
	}
	if asURN {
		dst = append(dst, ssccURNPrefix...)
		dst = append(dst, gcp...)
		dst = append(dst, '.')
		dst = append(dst, digits[0])
		return append(dst, digits[1+len(gcp):]...)
	}
	dst = append(dst, ssccLinkPrefix...)
	dst = append(dst, digits...)
	return append(dst, epcis.GS1CheckDigit(string(digits)))
}
