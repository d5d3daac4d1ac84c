package ticket

import (
	"math"
	"strings"
)

// unit is how a unit (单位) as tickets and ledgers write it becomes an EPCIS quantity: a
// UN/ECE Rec 20 code and the factor that converts the amount into it, or, for a count of
// pieces, no code (an EPCIS quantity without uom is a count).
type unit struct {
	uom    string
	factor float64
}

// units are the units entries may use, by their lower-case spelling. 斤 (half a kilogram)
// has no code of its own and is converted to kilograms.
var units = map[string]unit{
	"公斤": {"KGM", 1}, "千克": {"KGM", 1}, "kg": {"KGM", 1}, "kgm": {"KGM", 1},
	"斤": {"KGM", 0.5},
	"吨": {"TNE", 1}, "t": {"TNE", 1}, "tne": {"TNE", 1},
	"克": {"GRM", 1}, "g": {"GRM", 1}, "grm": {"GRM", 1},
	"件": {}, "箱": {}, "个": {}, "袋": {}, "盒": {}, "只": {}, "头": {}, "筐": {}, "把": {}, "瓶": {}, "包": {},
}

// UnitNames lists the units entries may use, for messages and the template's help.
const UnitNames = "公斤、千克、斤、吨、克、件、箱、个、袋、盒、只、头、筐、把、瓶、包"

// parseUnit reads a unit; ok is false for one it does not know.
func parseUnit(s string) (unit, bool) {
	u, ok := units[strings.ToLower(strings.TrimSpace(s))]
	return u, ok
}

// counted reports whether the unit counts pieces.
func (u unit) counted() bool { return u.uom == "" }

// convert is amount in the unit's code, to six decimals, so that 斤 converts exactly.
func (u unit) convert(amount float64) float64 {
	if u.counted() {
		return amount
	}
	return math.Round(amount*u.factor*1e6) / 1e6
}
