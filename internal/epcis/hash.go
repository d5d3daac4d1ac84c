package epcis

import (
	"crypto/sha256"
	"encoding/hex"
)

// HashVersion is the version of the Event Hash ID algorithm, the CBV release defining it.
const HashVersion = "CBV2.0"

// HashID returns the event's EPCIS Event Hash ID: the SHA-256 of its pre-hash string as an
// RFC 6920 named-information URI, ni:///sha-256;<hex>?ver=CBV2.0.
func (e Event) HashID() (string, error) {
	return e.withPreHash(hashIDOf)
}

func hashIDOf(preHash []byte) string {
	sum := sha256.Sum256(preHash)
	return "ni:///sha-256;" + hex.EncodeToString(sum[:]) + "?ver=" + HashVersion
}
