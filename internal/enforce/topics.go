package enforce

// The journal topics this package reads and writes. It reads the inspection's signed fact
// by topic and shape only, never by importing the inspection package.
const (
	topicInspectionSigned = "inspect.signed"

	TopicRectificationOrdered   = "enforce.rectification.ordered"   // payload RectificationFact
	TopicRectificationEscalated = "enforce.rectification.escalated" // payload RectificationFact
	TopicRectificationClosed    = "enforce.rectification.closed"    // payload RectificationFact
	TopicCaseStep               = "enforce.case.step"               // payload CaseStepFact
	TopicPenaltyDecided         = "enforce.penalty.decided"         // payload PenaltyDecided
)

// signedInspection is what this package reads of an "inspect.signed" entry.
type signedInspection struct {
	UUID            string   `json:"uuid"`
	BusinessID      int64    `json:"business_id"`
	DistrictID      int64    `json:"district_id"`
	StationID       int64    `json:"station_id"`
	Date            string   `json:"date"`
	KeyFailures     []string `json:"key_failures"`
	GeneralFailures []string `json:"general_failures"`
	Corrects        string   `json:"corrects"`
}

// RectificationFact is the payload of the rectification topics: which rectification of
// which business, where, its state and deadline.
type RectificationFact struct {
	ID             int64  `json:"id"`
	InspectionUUID string `json:"inspection_uuid"`
	BusinessID     int64  `json:"business_id"`
	DistrictID     int64  `json:"district_id"`
	StationID      int64  `json:"station_id"`
	Status         Status `json:"status"`
	DueOn          string `json:"due_on"`
	Reason         string `json:"reason,omitempty"` // why escalated: "overdue" or "recheck_failed"
}

// CaseStepFact is the payload of "enforce.case.step": a case reached step on day (KPIs
// count 立案, 结案 and 移送公安 from it).
type CaseStepFact struct {
	CaseID     int64  `json:"case_id"`
	BusinessID int64  `json:"business_id"`
	DistrictID int64  `json:"district_id"`
	StationID  int64  `json:"station_id"`
	Step       Step   `json:"step"`
	Date       string `json:"date"`
}

// PenaltyDecided is the payload of "enforce.penalty.decided": the penalty decision
// (行政处罚决定) as the credit file records it, with the case and place it came from.
// Measures use the credit file's names (warning, criticism, fine, confiscation, …); Severe
// marks a heavier penalty (较重).
type PenaltyDecided struct {
	CaseID     int64  `json:"case_id"`
	BusinessID int64  `json:"business_id"`
	DistrictID int64  `json:"district_id"`
	StationID  int64  `json:"station_id"`
	DecidedOn  string `json:"decided_on"` // YYYY-MM-DD
	DecisionInput
}
