package ticket

import (
	"strconv"
	"strings"

	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/trace"
)

// refused turns the problems of a document capture refused into problems of the entries
// its events came from. The checks before capture should leave none: this is what a rule
// of capture that they do not know, or a capture racing with this one, reports. A ticket
// sold beyond what the seller holds, which capture checks itself, is named as the checks
// before capture name it.
func (b *batch) refused(problems []epcis.Problem) {
	for _, p := range problems {
		rule, params := p.Rule, map[string]any{}
		for k, v := range p.Params {
			params[k] = v
		}
		if p.Event < 0 || p.Event >= len(b.origins) {
			b.problems = append(b.problems, Problem{})
			last := &b.problems[len(b.problems)-1]
			last.Field, last.Rule, last.Params = "entry", rule, params
			continue
		}
		m := b.origins[p.Event]
		if rule == trace.RuleTicketOverQuantity {
			quantity, _ := p.Params["quantity"].(string)
			has, _ := p.Params["has"].(string)
			rule, params = m.overQuantity(quantity, has)
		}
		b.problem(m, m.fieldAt(eventField(p.Pointer), b.captured[p.Event].BizStep), rule, params)
	}
}

// eventField is the first field of an event that a problem's JSON pointer names:
// "/epcisBody/eventList/3/quantityList/0/quantity" names quantityList.
func eventField(pointer string) string {
	rest, _ := strings.CutPrefix(pointer, "/epcisBody/eventList/")
	_, rest, _ = strings.Cut(rest, "/")
	field, _, _ := strings.Cut(rest, "/")
	if _, err := strconv.Atoi(field); err == nil {
		return ""
	}
	return field
}

// fieldAt is the entry's field that a field of its event of side was made from.
func (m *movement) fieldAt(eventField, side string) string {
	at := m.fromRef
	if side == sideReceiving {
		at = m.toRef
	}
	switch eventField {
	case "eventTime":
		return "date"
	case "quantityList", "ilmd":
		return "quantity"
	case "readPoint", "bizLocation":
		return at.field + suffixOf(at)
	case "sourceList":
		return m.fromRef.field + suffixOf(m.fromRef)
	case "destinationList":
		return m.toRef.field + suffixOf(m.toRef)
	case "eventID", "bizTransactionList", "certificationInfo":
		switch {
		case m.kind == kindCertificate:
			return "cert_no"
		case m.ticket != "":
			return "ticket_no"
		}
		return "voucher"
	}
	return "entry"
}
