package risk

import "time"

// EventKind is the kind of a fact in a business's record that grading counts.
type EventKind string

// The kinds of record events. Inspections carry a Result; listings (serious dishonesty,
// abnormal operation) run from On to Until.
const (
	EventInspection           EventKind = "inspection"            // 监督检查
	EventSamplingFailure      EventKind = "sampling_failure"      // 监督抽检不合格
	EventPenalty              EventKind = "penalty"               // 行政处罚
	EventComplaint            EventKind = "complaint"             // 查实的投诉举报
	EventIntentionalViolation EventKind = "intentional_violation" // 故意违法
	EventIncident             EventKind = "incident"              // 食品安全事故
	EventRecallFailure        EventKind = "recall_failure"        // 未按规定召回或停止生产经营
	EventObstruction          EventKind = "obstruction"           // 拒绝、逃避、阻挠检查
	EventSeriousDishonesty    EventKind = "serious_dishonesty"    // 列入严重违法失信名单
	EventAbnormalOperation    EventKind = "abnormal_operation"    // 列入经营异常名录
)

// eventKinds lists the kinds; an event's position here indexes the counts of a tally.
var eventKinds = [...]EventKind{EventInspection, EventSamplingFailure, EventPenalty, EventComplaint,
	EventIntentionalViolation, EventIncident, EventRecallFailure, EventObstruction,
	EventSeriousDishonesty, EventAbnormalOperation}

// EventKinds lists the kinds, for validation and forms.
var EventKinds = eventKinds[:]

// index is the kind's position in eventKinds, or -1 for an unknown kind.
func (k EventKind) index() int {
	for i, x := range eventKinds {
		if x == k {
			return i
		}
	}
	return -1
}

// Inspection results (监督检查结果).
const (
	ResultCompliant    = "compliant"     // 符合
	ResultBasic        = "basic"         // 基本符合
	ResultNonCompliant = "non_compliant" // 不符合
)

// Event is one fact of a business's record, imported or, later, taken from the journal.
type Event struct {
	Kind          EventKind  `json:"kind"`
	On            time.Time  `json:"on"`
	Until         *time.Time `json:"until,omitempty"`  // end of a listing; nil while it runs
	Result        string     `json:"result,omitempty"` // of an inspection
	FullChecklist bool       `json:"full_checklist,omitempty"`
}

// listing reports whether the event puts the business on a list for a term.
func (e Event) listing() bool {
	return e.Kind == EventSeriousDishonesty || e.Kind == EventAbnormalOperation
}

// problemUntil is the last day on which the event counts against a clean record, seen at
// at: its day, or for a listing the day it ended (at while it runs); zero for an
// inspection found compliant, which is no problem.
func (e Event) problemUntil(at time.Time) time.Time {
	switch {
	case e.Kind == EventInspection && e.Result == ResultCompliant:
		return time.Time{}
	case !e.listing():
		return e.On
	case e.Until == nil || e.Until.After(at):
		return at
	}
	return *e.Until
}
