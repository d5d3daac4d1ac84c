package ticket

import (
	"crypto/sha1"
	"encoding/hex"
	"net/url"
	"strings"

	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/trace"
)

// The URIs of ours that the events carry beside the standard ones.
const (
	// PartyPrefix starts the URI of an unregistered party (未登记主体, a farmer without a
	// USCC): urn:shejian:party:<name>:<last four characters of its ID card or phone number>.
	PartyPrefix = "urn:shejian:party:"
	// LotPrefix starts the lot identity of a product without a GTIN:
	// urn:shejian:lot:<key of who assigned the batch number>:<batch number>.
	LotPrefix = "urn:shejian:lot:"
	// CertificatePrefix starts the certificationInfo of a 承诺达标合格证:
	// urn:shejian:cert:<key of the producer>:<certificate number>.
	CertificatePrefix = "urn:shejian:cert:"
	// VoucherPrefix starts the value of a ledger line's own voucher (送货单/发票), a CBV desadv
	// transaction: urn:shejian:desadv:<key of the seller>:<voucher number>.
	VoucherPrefix = "urn:shejian:desadv:"
	// Namespace is the namespace of our extension fields, declared as prefix "sj" in the
	// @context of every document this package writes.
	Namespace = "urn:shejian:epcis:"
)

// party is a seller, buyer, supplier or producer once resolved: a registered business
// (business != nil) or an unregistered party known by name and ID suffix.
type party struct {
	key      string // the USCC, or <escaped name>:<suffix>
	business *business
}

// uri is where the party's events happen and how the events name it as a party.
func (p party) uri() string {
	if p.business != nil {
		return trace.LocationPrefix + p.key
	}
	return PartyPrefix + p.key
}

// unregisteredKey is the key of a party with no USCC: its name (whitespace folded) and
// the last four characters of its ID or phone number, both escaped for a URN.
func unregisteredKey(name, suffix string) string {
	return escape(strings.Join(strings.Fields(name), " ")) + ":" + escape(suffix)
}

// lotURI is the lot identity (批次) of a batch: with a GTIN the canonical GS1 Digital Link
// of the LGTIN, without one a URN of ours qualified by whoever assigned the batch number.
func lotURI(gtin, batch string, assigner party) string {
	if gtin != "" {
		return epcis.CanonicalURI("https://id.gs1.org/01/" + gtin + "/10/" + url.PathEscape(batch))
	}
	return LotPrefix + assigner.key + ":" + escape(batch)
}

// lotParts reads a lot identity back: its GTIN (empty for our URN), its batch number and
// the key of who assigned it; ok is false for an identifier of another form.
func lotParts(uri string) (gtin, batch, assigner string, ok bool) {
	if rest, found := strings.CutPrefix(uri, LotPrefix); found {
		i := strings.LastIndexByte(rest, ':')
		b, err := url.PathUnescape(rest[i+1:])
		return "", b, rest[:max(i, 0)], i > 0 && err == nil
	}
	rest, found := strings.CutPrefix(uri, "https://id.gs1.org/01/")
	g, b, cut := strings.Cut(rest, "/10/")
	b, err := url.PathUnescape(b)
	return g, b, "", found && cut && err == nil
}

// partyName reads the name out of an unregistered party's URI.
func partyName(uri string) (name, suffix string, ok bool) {
	rest, found := strings.CutPrefix(uri, PartyPrefix)
	n, s, cut := strings.Cut(rest, ":")
	n, errN := url.PathUnescape(n)
	s, errS := url.PathUnescape(s)
	return n, s, found && cut && errN == nil && errS == nil
}

// escape percent-encodes what a segment of our URNs cannot hold: what a URI path segment
// cannot, and the colon that separates the segments; a name or a batch number in Chinese
// stays one segment.
func escape(s string) string { return strings.ReplaceAll(url.PathEscape(s), ":", "%3A") }

// eventNamespace is the UUID namespace of the eventIDs this package derives (a fixed random
// UUID), so that they cannot meet UUIDs derived by others from the same names.
var eventNamespace = [16]byte{0x6b, 0x2f, 0x51, 0x0e, 0x93, 0x4c, 0x4d, 0x1a, 0xa7, 0x08, 0x3e, 0x55, 0xc1, 0x9d, 0x20, 0x7f}

// eventID is the name-based UUID (RFC 9562 version 5) of name, as a urn:uuid eventID: the
// same ticket side, entered twice, gets the same eventID.
func eventID(name string) string {
	h := sha1.New()
	h.Write(eventNamespace[:])
	h.Write([]byte(name))
	sum := h.Sum(nil)
	sum[6] = sum[6]&0x0f | 0x50
	sum[8] = sum[8]&0x3f | 0x80
	x := hex.EncodeToString(sum[:16])
	return "urn:uuid:" + x[:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:]
}
