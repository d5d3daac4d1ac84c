package ticket

import "github.com/shejian/shejian/internal/trace"

// What parties hold of lots (库存) is reckoned by trace.Holdings, the rule capture checks
// every ticket sale with: the batch keeps one over the read pool while it checks entries,
// capture's check builds one over its transaction (oversell.go).

// holder is the party as trace.Holdings reckons it: its business's events, and those at its
// place.
func (p party) holder() trace.Holder {
	h := trace.Holder{Location: p.uri()}
	if p.business != nil {
		h.Business = p.business.id
	}
	return h
}
