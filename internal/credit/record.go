package credit

import "time"

// Kind is the kind of a credit record.
type Kind string

// The kinds of credit records.
const (
	KindPenalty           Kind = "penalty"            // 行政处罚
	KindAbnormalOperation Kind = "abnormal_operation" // 列入经营异常名录
	KindSeriousDishonesty Kind = "serious_dishonesty" // 列入严重违法失信名单
)

// Kinds lists the kinds, for validation and forms.
var Kinds = []Kind{KindPenalty, KindAbnormalOperation, KindSeriousDishonesty}

// Measure is one kind of administrative penalty (行政处罚种类, 行政处罚法 art. 9) of a decision.
type Measure string

// The measures.
const (
	MeasureWarning          Measure = "warning"           // 警告
	MeasureCriticism        Measure = "criticism"         // 通报批评
	MeasureFine             Measure = "fine"              // 罚款
	MeasureConfiscation     Measure = "confiscation"      // 没收违法所得、没收非法财物
	MeasureDowngrade        Measure = "downgrade"         // 降低资质等级
	MeasureLicenceRevoked   Measure = "licence_revoked"   // 吊销许可证件
	MeasureBusinessRestrict Measure = "business_restrict" // 限制开展生产经营活动
	MeasurePracticeBan      Measure = "practice_ban"      // 限制从业
	MeasureSuspension       Measure = "suspension"        // 责令停产停业
	MeasureClosure          Measure = "closure"           // 责令关闭
	MeasureCharterRevoked   Measure = "charter_revoked"   // 吊销营业执照
)

// Measures lists the measures in the order of the law.
var Measures = []Measure{MeasureWarning, MeasureCriticism, MeasureFine, MeasureConfiscation, MeasureDowngrade,
	MeasureLicenceRevoked, MeasureBusinessRestrict, MeasurePracticeBan, MeasureSuspension, MeasureClosure, MeasureCharterRevoked}

// irreparable reports whether a penalty with m may never stop its publicity early (Order 45
// art. 14 ¶3); each of them is also a heavier penalty (较重行政处罚, Order 44).
func (m Measure) irreparable() bool {
	switch m {
	case MeasureDowngrade, MeasureLicenceRevoked, MeasureBusinessRestrict, MeasurePracticeBan,
		MeasureSuspension, MeasureClosure, MeasureCharterRevoked:
		return true
	}
	return false
}

// End reasons of a record's publicity or listing.
const (
	EndRemoved  = "removed"  // a listing removed by the bureau (移出)
	EndRepaired = "repaired" // ended early by an approved credit repair (信用修复)
)

// Record is one credit record of a business (信用记录).
type Record struct {
	ID             int64     `json:"id"`
	BusinessID     int64     `json:"business_id"`
	Kind           Kind      `json:"kind"`
	DocumentNumber string    `json:"document_number"` // 决定书文号
	DecidedOn      time.Time `json:"decided_on"`
	// Penalty facts: the violation type of the summary (违法行为类型, Order 45 art. 4), the
	// measures, the fine, the months of a business or practice ban, whether the penalty is
	// heavier (较重) and whether it was decided under the simple procedure (not published).
	Violation       string    `json:"violation,omitempty"`
	Measures        []Measure `json:"measures,omitempty"`
	FineYuan        float64   `json:"fine_yuan,omitempty"`
	BanMonths       int       `json:"ban_months,omitempty"`
	Severe          bool      `json:"severe,omitempty"`
	SimpleProcedure bool      `json:"simple_procedure,omitempty"`
	// PenaltyID is the heavier penalty a serious-dishonesty listing rests on; Reason the
	// listing's cause.
	PenaltyID *int64 `json:"penalty_id,omitempty"`
	Reason    string `json:"reason,omitempty"`
	Publicity
	Revoked      *time.Time `json:"revoked_on,omitempty"`
	RevokeReason string     `json:"revoke_reason,omitempty"`
	Ended        *time.Time `json:"ended_on,omitempty"`
	EndReason    string     `json:"end_reason,omitempty"`
	EndNote      string     `json:"end_note,omitempty"`
}

// heavier reports whether the record is a penalty that is heavier (较重): marked so, or with a
// measure that is heavier by definition.
func (r Record) heavier() bool { return r.Kind == KindPenalty && (r.Severe || r.irreparable()) }

// irreparable reports whether a penalty carries a measure that forbids early repair.
func (r Record) irreparable() bool {
	for _, m := range r.Measures {
		if m.irreparable() {
			return true
		}
	}
	return false
}

// listed reports whether a listing record is in force on day: listed, not removed, within
// its term.
func (r Record) listed(day time.Time) bool {
	if r.Kind == KindPenalty || day.Before(r.DecidedOn) || r.Ended != nil && !day.Before(*r.Ended) {
		return false
	}
	return r.PublicityMonths == 0 || day.Before(r.DecidedOn.AddDate(0, r.PublicityMonths, 0))
}

// counts reports whether a penalty counts against the business on day: decided by then,
// neither revoked nor repaired.
func (r Record) counts(day time.Time) bool {
	return r.Kind == KindPenalty && !day.Before(r.DecidedOn) && r.Revoked == nil && r.EndReason != EndRepaired
}
