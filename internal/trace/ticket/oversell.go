package ticket

import (
	"context"
	"strconv"

	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/trace"
)

// recheck is the check capture runs inside the transaction that writes the batch's
// document: every sale of it again, against what the sellers hold now. The entries were
// checked before, on the read pool; a capture committed since (two sales of one seller's
// lot recorded at once) may have taken what they counted on, and captures take turns, so
// that together they never take more than the seller received. A sale on a ticket capture
// checks itself, as it checks every ticket however it arrives (trace.RuleTicketOverQuantity,
// which refused names as this package's rule); this check is for the sales lines that name
// no ticket. fresh are the events capture stores, in document order: an event another
// capture stored meanwhile is a repeat and moves nothing.
func (b *batch) recheck(ctx context.Context, r trace.TxReader, fresh []int) ([]epcis.Problem, error) {
	h := trace.NewHoldings(r, b.st.Dialect())
	var problems []epcis.Problem
	for _, i := range fresh {
		m, side := b.origins[i], b.captured[i].BizStep
		if side == sideShipping && m.ticket == "" {
			rule, params, err := m.shortfall(ctx, h)
			if err != nil {
				return nil, err
			}
			if rule != "" {
				problems = append(problems, overSold(i, rule, params))
				continue
			}
		}
		holder, sign := m.moveOf(side)
		h.Move(holder.holder(), m.lot, sign*m.item.quantity, m.item.uom)
	}
	return problems, nil
}

// overSold is the problem of the document's event i, a sale of more than the seller holds,
// at its quantity: refused maps it back to the entry's quantity field.
func overSold(i int, rule string, params map[string]any) epcis.Problem {
	params["field"] = "quantityList"
	return epcis.Problem{Event: i, Pointer: "/epcisBody/eventList/" + strconv.Itoa(i) + "/quantityList", Rule: rule,
		Params: params, Message: i18n.T(i18n.English, "rule."+rule, params)}
}
