package ticket

import (
	"slices"
	"strings"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
)

// resolve looks up the movement's parties, market and batch assigner in the registry,
// those whose fields have no error of their own (errs). Whether the caller may enter the
// movement is checked as soon as the party it belongs to and the market are known, so a
// caller that may not is told so whatever else is wrong. It reports whether the movement
// can go on.
func (b *batch) resolve(m *movement, errs []apperr.FieldError) (bool, error) {
	before := len(b.problems)
	valid := func(field string) bool {
		return field != "" && !slices.ContainsFunc(errs, func(f apperr.FieldError) bool { return strings.HasPrefix(f.Field, field) })
	}
	own, other := &m.from, &m.to
	ownRef, otherRef := m.fromRef, m.toRef
	if m.kind == kindPurchase {
		own, other, ownRef, otherRef = other, own, otherRef, ownRef
	}
	if !valid(ownRef.field) || !valid("market") {
		return false, nil
	}
	var err error
	if *own, err = b.party(m, ownRef); err == nil {
		err = b.resolveMarket(m)
	}
	if err != nil || len(b.problems) > before {
		return false, err
	}
	if !permitted(b.scope, m) {
		b.problem(m, ownRef.field+suffixOf(ownRef), "out_of_scope", nil)
		return false, nil
	}
	if valid(otherRef.field) {
		*other, err = b.party(m, otherRef)
	}
	if err == nil && m.batchBy != "" && valid("batch_by") {
		var assigner *business
		if assigner, err = b.businesses.withUSCC(b.ctx, m.batchBy); err == nil && assigner == nil {
			b.problem(m, "batch_by", "not_registered", map[string]any{"uscc": m.batchBy})
		}
	}
	return err == nil && len(errs) == 0 && len(b.problems) == before, err
}

// party resolves a party reference: a USCC must name a registered business.
func (b *batch) party(m *movement, ref partyRef) (party, error) {
	if ref.uscc == "" {
		return party{key: ref.key}, nil
	}
	found, err := b.businesses.withUSCC(b.ctx, ref.uscc)
	if err == nil && found == nil {
		b.problem(m, ref.field+suffixOf(ref), "not_registered", map[string]any{"uscc": ref.uscc})
	}
	return party{key: ref.uscc, business: found}, err
}

// resolveMarket finds the market of a ticket or certificate: the one named, else the
// market of a seller that is a stall in one. An unregistered seller or producer needs a
// market, which enters the entry for it.
func (b *batch) resolveMarket(m *movement) error {
	if m.kind != kindTicket && m.kind != kindCertificate {
		return nil
	}
	var err error
	if m.marketUSCC != "" {
		m.market, err = b.businesses.withUSCC(b.ctx, m.marketUSCC)
		switch {
		case err != nil:
			return err
		case m.market == nil:
			b.problem(m, "market", "not_registered", map[string]any{"uscc": m.marketUSCC})
		case !m.market.isMarket():
			b.problem(m, "market", "not_a_market", map[string]any{"uscc": m.marketUSCC})
		}
	}
	seller := m.from.business
	switch {
	case seller != nil && seller.market != nil && m.market == nil && m.marketUSCC == "":
		m.market, err = b.businesses.withID(b.ctx, *seller.market)
	case seller != nil && seller.market != nil && m.market != nil && *seller.market != m.market.id:
		b.problem(m, "market", "stall_elsewhere", map[string]any{"uscc": seller.uscc})
	case seller == nil && m.fromRef.key != "" && m.marketUSCC == "":
		b.problem(m, "market", "market_required", nil)
	}
	return err
}

// permitted reports whether scope s may enter the movement. A business operator enters its
// own tickets, certificates and ledger lines, and a market's operators the tickets and
// certificates of sales at their market; staff enter those of businesses in their scope.
func permitted(s access.Scope, m *movement) bool {
	accountable := []*business{m.from.business, m.market}
	if m.kind == kindPurchase {
		accountable = []*business{m.to.business}
	}
	for _, b := range accountable {
		if b != nil && b.coveredBy(s) {
			return true
		}
	}
	return false
}
