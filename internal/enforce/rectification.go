package enforce

import "time"

// Status is where a rectification (整改) stands.
type Status string

// The statuses.
const (
	Open      Status = "open"      // ordered, waiting for the re-inspection
	Escalated Status = "escalated" // overdue or failed its re-inspection: the station's head follows it up
	Closed    Status = "closed"    // passed its re-inspection
	Replaced  Status = "replaced"  // its inspection was corrected; the correction's order applies
)

// Rectification is an order to correct failed general items by a deadline, followed by a
// re-inspection.
type Rectification struct {
	ID             int64      `json:"id"`
	InspectionUUID string     `json:"inspection_uuid"`
	Corrects       string     `json:"corrects,omitempty"`
	BusinessID     int64      `json:"business_id"`
	BusinessName   string     `json:"business_name"`
	DistrictID     int64      `json:"district_id"`
	StationID      int64      `json:"station_id"`
	Items          []string   `json:"items"`
	OrderedOn      time.Time  `json:"ordered_on"`
	DueOn          time.Time  `json:"due_on"`
	RuleRef        string     `json:"rule_ref"`
	Status         Status     `json:"status"`
	EscalatedAt    *time.Time `json:"escalated_at,omitempty"`
	ClosedOn       *time.Time `json:"closed_on,omitempty"`
	ReplacedBy     string     `json:"replaced_by,omitempty"`
	Overdue        bool       `json:"overdue"`
	Rechecks       []Recheck  `json:"rechecks"`
}

// Recheck is one re-inspection (复查) of a rectification.
type Recheck struct {
	CheckedOn  time.Time  `json:"checked_on"`
	Passed     bool       `json:"passed"`
	Note       string     `json:"note,omitempty"`
	NewDueOn   *time.Time `json:"new_due_on,omitempty"`
	RecordedBy string     `json:"recorded_by"`
	RecordedAt time.Time  `json:"recorded_at"`
}

// live reports whether the rectification still waits for its business to correct.
func (r *Rectification) live() bool { return r.Status == Open || r.Status == Escalated }

func (r *Rectification) fact(reason string) RectificationFact {
	return RectificationFact{ID: r.ID, InspectionUUID: r.InspectionUUID, BusinessID: r.BusinessID,
		DistrictID: r.DistrictID, StationID: r.StationID, Status: r.Status,
		DueOn: r.DueOn.Format(time.DateOnly), Reason: reason}
}
