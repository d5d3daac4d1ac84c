package credit

import (
	"strings"
	"time"

	"github.com/shejian/shejian/internal/apperr"
)

// RepairInput is a business's credit-repair request (信用修复申请) about one of its records:
// to stop a penalty's publicity early (Order 45 art. 14) or to leave the serious-dishonesty
// list early (Order 44). The business declares that it fulfilled the decision's obligations
// and remedied the harm; the evidence note says how (documents handed in).
type RepairInput struct {
	RecordID             int64  `json:"record_id"`
	Reason               string `json:"reason"`
	Evidence             string `json:"evidence"`
	ObligationsFulfilled bool   `json:"obligations_fulfilled"` // 已经自觉履行行政处罚决定中规定的义务
	HarmRemedied         bool   `json:"harm_remedied"`         // 已经主动消除危害后果和不良影响
}

// maxNote bounds the free texts of a request or decision.
const maxNote = 2000

// validate checks what the business must give, whatever the record.
func (in RepairInput) validate(c *apperr.Collector) {
	for _, f := range []struct{ name, v string }{{"reason", in.Reason}, {"evidence", in.Evidence}} {
		checkNote(c, f.name, f.v, true)
	}
	if !in.ObligationsFulfilled {
		c.Add("obligations_fulfilled", "credit_repair_declaration", nil)
	}
	if !in.HarmRemedied {
		c.Add("harm_remedied", "credit_repair_declaration", nil)
	}
}

// checkNote adds the field error of a free text: required when asked, at most maxNote runes.
func checkNote(c *apperr.Collector, field, v string, required bool) {
	switch {
	case required && strings.TrimSpace(v) == "":
		c.Add(field, "required", nil)
	case len([]rune(v)) > maxNote:
		c.Add(field, "too_long", map[string]any{"max": maxNote})
	}
}

// checkRepair adds a field error on record_id for every condition of repair that target,
// a record of the business whose whole file is records, fails on the policy's day. The same
// check runs when the business asks and again when the bureau approves.
func (p *Policy) checkRepair(c *apperr.Collector, target Record, records []Record) {
	day := p.Day
	switch target.Kind {
	case KindPenalty:
		p.checkPenaltyRepair(c, target, records)
	case KindSeriousDishonesty:
		if !target.listed(day) {
			c.Add("record_id", "credit_repair_not_listed", nil)
			return
		}
		p.minimum(c, target.DecidedOn, p.SeriousRepairMonths)
		if later := laterPenalty(target, records, func(Record) bool { return true }); later != nil {
			c.Add("record_id", "credit_repair_new_penalty", map[string]any{"document": later.DocumentNumber})
		}
	default:
		// An abnormal-operation listing ends when the bureau removes it, once its cause is fixed.
		c.Add("record_id", "credit_repair_kind", map[string]any{"kind": string(target.Kind)})
	}
}

// checkPenaltyRepair applies Order 45 art. 14: a published penalty still public, no heavier
// measure of ¶3, the minimum period served, no later penalty for the same violation and the
// business on neither list.
func (p *Policy) checkPenaltyRepair(c *apperr.Collector, target Record, records []Record) {
	day := p.Day
	if !target.Public(day) || target.Revoked != nil {
		c.Add("record_id", "credit_repair_not_public", nil)
		return
	}
	if target.irreparable() {
		c.Add("record_id", "credit_repair_irreparable", nil)
	}
	p.minimum(c, *target.Published, p.PenaltyRepairMonths)
	same := func(r Record) bool {
		return strings.EqualFold(strings.TrimSpace(r.Violation), strings.TrimSpace(target.Violation))
	}
	if later := laterPenalty(target, records, same); later != nil {
		c.Add("record_id", "credit_repair_repeat", map[string]any{"document": later.DocumentNumber})
	}
	for _, r := range records {
		if r.Kind != KindPenalty && r.listed(day) {
			c.Add("record_id", "credit_repair_listed", map[string]any{"document": r.DocumentNumber})
		}
	}
}

// minimum adds an error when fewer than months months have passed since from.
func (p *Policy) minimum(c *apperr.Collector, from time.Time, months Param) {
	if earliest := from.AddDate(0, months.Int(), 0); p.Day.Before(earliest) {
		c.Add("record_id", "credit_repair_min_period", map[string]any{
			"months": months.Int(), "earliest": earliest.Format(time.DateOnly), "rule": months.Key})
	}
}

// laterPenalty returns a penalty of records decided after target that still counts and is
// of a kind match accepts, or nil.
func laterPenalty(target Record, records []Record, match func(Record) bool) *Record {
	for i, r := range records {
		if r.ID != target.ID && r.Kind == KindPenalty && r.DecidedOn.After(target.DecidedOn) && r.Revoked == nil && match(r) {
			return &records[i]
		}
	}
	return nil
}
