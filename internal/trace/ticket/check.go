package ticket

import (
	"strings"
	"unicode/utf8"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/registry"
)

// Limits of the text fields, in characters.
const (
	maxNumber  = 40
	maxText    = 100
	maxBatch   = 40
	maxGS1Lot  = 20 // GS1 application identifier 10
	suffixSize = 4
)

// checkParty checks a PartyInput named field and returns its reference.
func checkParty(c *apperr.Collector, field string, in PartyInput) partyRef {
	ref := partyRef{uscc: strings.ToUpper(strings.TrimSpace(in.USCC)), field: field}
	name, id := strings.TrimSpace(in.Name), strings.ToUpper(strings.Join(strings.Fields(in.IDOrPhone), ""))
	switch {
	case ref.uscc != "":
		if r := registry.USCCRule(ref.uscc); r != "" {
			c.Add(field+".uscc", r, nil)
		}
	case name == "" && id == "":
		c.Add(field+".uscc", "party_required", nil)
	default:
		if name == "" {
			c.Add(field+".name", "required", nil)
		}
		checkText(c, field+".name", name, maxText)
		suffix := id[max(0, len(id)-suffixSize):]
		if len(suffix) < suffixSize || strings.Trim(suffix[:suffixSize-1], "0123456789") != "" || strings.Trim(suffix[suffixSize-1:], "0123456789X") != "" {
			c.Add(field+".id_or_phone", "id_or_phone", nil)
		}
		ref.key = unregisteredKey(name, suffix)
	}
	return ref
}

// checkUSCC checks an optional USCC field and returns it trimmed.
func checkUSCC(c *apperr.Collector, field, raw string) string {
	uscc := strings.ToUpper(strings.TrimSpace(raw))
	if uscc != "" {
		if r := registry.USCCRule(uscc); r != "" {
			c.Add(field, r, nil)
		}
	}
	return uscc
}

// checkItem checks the product fields.
func checkItem(c *apperr.Collector, in Item) checkedItem {
	it := checkedItem{product: strings.TrimSpace(in.Product), gtin: strings.TrimSpace(in.GTIN),
		batch: strings.TrimSpace(in.Batch), origin: strings.TrimSpace(in.Origin)}
	requireText(c, "product_name", it.product, maxText)
	checkText(c, "origin", it.origin, maxText)
	if it.gtin != "" {
		gtin, ok := gtin14(it.gtin)
		if !ok {
			c.Add("gtin", "gtin", nil)
		}
		it.gtin = gtin
	}
	switch {
	case it.batch == "":
		c.Add("batch_no", "required", nil)
	case it.gtin != "" && !gs1Lot(it.batch):
		c.Add("batch_no", "batch_gs1", map[string]any{"max": maxGS1Lot})
	default:
		checkText(c, "batch_no", it.batch, maxBatch)
	}
	u, ok := parseUnit(in.Unit)
	switch {
	case strings.TrimSpace(in.Unit) == "":
		c.Add("unit", "required", nil)
	case !ok:
		c.Add("unit", "unit", map[string]any{"units": UnitNames})
	case u.counted():
		it.countUnit = strings.TrimSpace(in.Unit)
	}
	switch {
	case in.Quantity <= 0:
		c.Add("quantity", "positive", nil)
	case ok && u.counted() && in.Quantity != float64(int64(in.Quantity)):
		c.Add("quantity", "whole_count", map[string]any{"unit": in.Unit})
	}
	it.quantity, it.uom = u.convert(in.Quantity), u.uom
	return it
}

// checkNumber checks a required voucher number.
func checkNumber(c *apperr.Collector, field, raw string) string {
	n := strings.TrimSpace(raw)
	requireText(c, field, n, maxNumber)
	return n
}

// checkTest reads a rapid test result.
func checkTest(c *apperr.Collector, raw string) string {
	switch strings.ToLower(strings.TrimSpace(raw)) {
	case "", "none", "未检":
		return ""
	case "pass", "合格", "阴性":
		return "pass"
	case "fail", "不合格", "阳性":
		return "fail"
	}
	c.Add("rapid_test", "one_of", map[string]any{"values": "合格 pass, 不合格 fail, 未检 none"})
	return ""
}

func requireText(c *apperr.Collector, field, s string, limit int) {
	if s == "" {
		c.Add(field, "required", nil)
	}
	checkText(c, field, s, limit)
}

func checkText(c *apperr.Collector, field, s string, limit int) {
	if utf8.RuneCountInString(s) > limit {
		c.Add(field, "too_long", map[string]any{"max": limit})
	}
}

// gtin14 checks a GTIN-8, -12, -13 or -14 and its check digit, and writes it in 14 digits.
func gtin14(s string) (string, bool) {
	if n := len(s); n != 8 && n != 12 && n != 13 && n != 14 || strings.Trim(s, "0123456789") != "" {
		return "", false
	}
	s = strings.Repeat("0", 14-len(s)) + s
	sum := 0
	for i := range 13 {
		d := int(s[i] - '0')
		if i%2 == 0 {
			d *= 3
		}
		sum += d
	}
	return s, byte('0'+(10-sum%10)%10) == s[13]
}

// gs1Lot reports whether a batch number fits GS1 application identifier 10: at most 20
// characters of the GS1 character set 82.
func gs1Lot(s string) bool {
	return len(s) <= maxGS1Lot && strings.Trim(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!\"%&'()*+,-./:;<=>?_") == ""
}
