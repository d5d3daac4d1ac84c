package enforce

import (
	"slices"
	"time"
)

// Step is a step of a case (案件) under the ordinary procedure, or a terminal outcome.
type Step string

// The steps in the order of the law, then the two other ways a case ends.
const (
	Registered   Step = "registered"   // 案件来源登记: a lead is registered, filing to be decided
	Filed        Step = "filed"        // 立案审批: the head approved opening the case
	Investigated Step = "investigated" // 调查取证: evidence gathered
	Notified     Step = "notified"     // 处罚告知: the party told of the intended penalty and its rights
	Heard        Step = "heard"        // 听证: held only when the party asked for it
	Decided      Step = "decided"      // 处罚决定: the penalty decision, final (sealed)
	Executed     Step = "executed"     // 执行: fines paid, measures carried out
	CaseClosed   Step = "closed"       // 结案
	NotFiled     Step = "not_filed"    // 不予立案: the head decided not to open a case
	Transferred  Step = "transferred"  // 移送公安: transferred to the police as a suspected crime
)

// Steps lists every step, the lifecycle first.
var Steps = []Step{Registered, Filed, Investigated, Notified, Heard, Decided, Executed, CaseClosed, NotFiled, Transferred}

// documents names the standard document (文书) each step issues, as its URL names it under
// /api/v1/enforce/cases/{id}/documents/{name}.pdf; internal/enforce/documents renders them
// and checks that its kinds are these.
var documents = map[Step]string{Registered: "source", Filed: "filing", NotFiled: "not_filed", Notified: "notice",
	Heard: "hearing", Decided: "decision", CaseClosed: "closure", Transferred: "transfer"}

// Document is the URL name of the standard document step s issues, or "" when none.
func (s Step) Document() string { return documents[s] }

// next lists the steps that may follow each step; 移送公安 may follow any open step.
var next = map[Step][]Step{
	Registered:   {Filed, NotFiled},
	Filed:        {Investigated},
	Investigated: {Notified},
	Notified:     {Heard, Decided},
	Heard:        {Decided},
	Decided:      {Executed},
	Executed:     {CaseClosed},
}

// needsApproval lists the steps a head approves (负责人审批), by name.
var needsApproval = []Step{Filed, NotFiled, Decided, CaseClosed, Transferred}

// terminal reports whether a case at s is over.
func (s Step) terminal() bool { return s == CaseClosed || s == NotFiled || s == Transferred }

// follows reports whether step s may be recorded on a case at current.
func (s Step) follows(current Step) bool {
	if s == Transferred {
		return !current.terminal()
	}
	return slices.Contains(next[current], s)
}

// Case is an enforcement case (立案查处) about one business.
type Case struct {
	ID               int64      `json:"id"`
	InspectionUUID   string     `json:"inspection_uuid,omitempty"`
	Corrects         string     `json:"corrects,omitempty"`
	BusinessID       int64      `json:"business_id"`
	BusinessName     string     `json:"business_name"`
	DistrictID       int64      `json:"district_id"`
	StationID        int64      `json:"station_id"`
	Findings         Findings   `json:"findings"`
	Step             Step       `json:"step"`
	StepDue          *time.Time `json:"step_due,omitempty"`
	HearingRequested bool       `json:"hearing_requested"`
	DocumentNumber   string     `json:"document_number,omitempty"`
	FineYuan         float64    `json:"fine_yuan"`
	ConfiscatedYuan  float64    `json:"confiscated_yuan"`
	PaidYuan         float64    `json:"paid_yuan"`
	RegisteredOn     time.Time  `json:"registered_on"`
	Overdue          bool       `json:"overdue"`
	Steps            []CaseStep `json:"steps"`
}

// Findings are what the case source found: the failed key and general items of an
// inspection, or the facts another source reported.
type Findings struct {
	KeyFailures     []string `json:"key_failures"`
	GeneralFailures []string `json:"general_failures"`
	Note            string   `json:"note,omitempty"` // what a source other than an inspection reported
}

// CaseStep is one step a case went through.
type CaseStep struct {
	ID         int64          `json:"id"`
	Step       Step           `json:"step"`
	DoneOn     time.Time      `json:"done_on"`
	DueOn      *time.Time     `json:"due_on,omitempty"`
	ApprovedBy string         `json:"approved_by,omitempty"`
	Note       string         `json:"note,omitempty"`
	Facts      map[string]any `json:"facts"`
	RecordedBy string         `json:"recorded_by"`
	RecordedAt time.Time      `json:"recorded_at"`
}

func (c *Case) place() place { return place{c.BusinessID, c.DistrictID, c.StationID} }

// stepRow returns the row of step s, or nil when the case has not been through it.
func (c *Case) stepRow(s Step) *CaseStep {
	for i := range c.Steps {
		if c.Steps[i].Step == s {
			return &c.Steps[i]
		}
	}
	return nil
}

func (c *Case) fact(s Step, day time.Time) CaseStepFact {
	return CaseStepFact{CaseID: c.ID, BusinessID: c.BusinessID, DistrictID: c.DistrictID, StationID: c.StationID,
		Step: s, Date: day.Format(time.DateOnly)}
}

// refusal is the message key that refuses step on c, or "" when step may come next: it
// must follow the current step, 听证 only when requested and then before the decision.
func (c *Case) refusal(step Step) string {
	switch {
	case step == Heard && c.Step == Notified && !c.HearingRequested:
		return "enforce.hearing_not_requested"
	case step == Decided && c.Step == Notified && c.HearingRequested:
		return "enforce.hearing_pending"
	case !step.follows(c.Step):
		return "enforce.step_out_of_order"
	}
	return ""
}

// nextSteps lists the steps that may be recorded now, for the case page.
func (c *Case) nextSteps() []Step {
	var out []Step
	for _, s := range Steps {
		if c.refusal(s) == "" {
			out = append(out, s)
		}
	}
	return out
}
