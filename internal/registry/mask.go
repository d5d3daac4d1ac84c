package registry

import (
	"strings"
)

// maskMiddle keeps the first keep and last tail characters of s and stars the rest, the way
// Chinese government systems show phone (138****5678) and ID numbers.
func maskMiddle(s string, keep, tail int) string {
	r := []rune(s)
	if len(r) <= keep+tail {
		return strings.Repeat("*", len(r))
	}
	return string(r[:keep]) + strings.Repeat("*", len(r)-keep-tail) + string(r[len(r)-tail:])
}

// MaskPhone masks a phone number for lists and exports.
func MaskPhone(s string) string { return maskMiddle(s, 3, 4) }

// MaskIDNumber masks a resident ID number, keeping the region code and the last four.
func MaskIDNumber(s string) string { return maskMiddle(s, 6, 4) }

func (p *Person) maskPersonal() {
	if p.Phone != "" {
		p.Phone = MaskPhone(p.Phone)
	}
	if p.IDNumber != "" {
		p.IDNumber = MaskIDNumber(p.IDNumber)
	}
}

// MaskPersonal masks the business's contact phone, which is often the operator's own.
func (b *Business) MaskPersonal() {
	if b.Phone != "" {
		b.Phone = MaskPhone(b.Phone)
	}
}
