package enforce

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/web"
)

// StepInput is one step of a case as the officer records it. Decision is the penalty of
// 处罚决定, PaidYuan what was paid at 执行, PoliceUnit the police office of 移送公安.
type StepInput struct {
	Step       Step           `json:"step"`
	DoneOn     string         `json:"done_on"` // YYYY-MM-DD, today when empty
	ApprovedBy string         `json:"approved_by"`
	Note       string         `json:"note"`
	Decision   *DecisionInput `json:"decision,omitempty"`
	PaidYuan   float64        `json:"paid_yuan"`
	PoliceUnit string         `json:"police_unit"`
}

// Advance records step in.Step on case id: it must follow the case's current step (听证
// only when the party asked for one), steps a head approves name the approver and need the
// approve permission, and each step sets the deadline of what comes next.
func (s *Service) Advance(ctx context.Context, id int64, in StepInput) (*Case, error) {
	step := in.Step
	var out *Case
	err := s.st.Tx(ctx, func(tx *sql.Tx) error {
		c, err := s.writableCase(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := s.checkOrder(ctx, tx, c, step); err != nil {
			return err
		}
		row, err := s.stepRow(ctx, c, step, in)
		if err != nil {
			return err
		}
		if err := s.apply(ctx, tx, c, row, in); err != nil {
			return err
		}
		out, err = caseByID(ctx, tx, id)
		return err
	})
	return out, err
}

// writableCase reads case id for a write by the caller: forbidden outside its scope and to
// operators.
func (s *Service) writableCase(ctx context.Context, tx *sql.Tx, id int64) (*Case, error) {
	c, err := caseByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if !c.place().writableBy(access.ScopeFrom(ctx)) {
		return nil, errOutOfScope
	}
	return c, nil
}

// checkOrder refuses a step that does not follow the case's current step, naming it; a
// decision once made is sealed, so recording it again is the seal's 409.
func (s *Service) checkOrder(ctx context.Context, tx *sql.Tx, c *Case, step Step) error {
	if !slices.Contains(Steps, step) || step == Registered {
		return apperr.Fields(apperr.Field("step", "one_of", map[string]any{"values": stepList()}))
	}
	if d := c.stepRow(Decided); d != nil && step == Decided {
		return checkDecisionWritable(ctx, tx, d.ID)
	}
	if key := c.refusal(step); key != "" {
		return stepError(key, c.Step, step)
	}
	return nil
}

// stepError is a Conflict naming the case's current step and the step asked for, in both
// languages (the message picks its own).
func stepError(key string, current, asked Step) error {
	return apperr.New(apperr.Conflict, key, map[string]any{
		"current": string(current), "step": string(asked),
		"current_zh": stepNames[current][0], "current_en": stepNames[current][1],
		"step_zh": stepNames[asked][0], "step_en": stepNames[asked][1],
	})
}

// stepNames are the names of the steps in Chinese and English, for error messages.
var stepNames = map[Step][2]string{
	Registered: {"案件来源登记", "case source registered"}, Filed: {"立案审批", "case filed"},
	Investigated: {"调查取证", "investigation"}, Notified: {"处罚告知", "notice of intended penalty"},
	Heard: {"听证", "hearing"}, Decided: {"处罚决定", "penalty decision"}, Executed: {"执行", "execution"},
	CaseClosed: {"结案", "case closed"}, NotFiled: {"不予立案", "not filed"}, Transferred: {"移送公安", "transferred to police"},
}

func stepList() string {
	out := make([]string, 0, len(Steps))
	for _, s := range Steps[1:] {
		out = append(out, string(s))
	}
	return strings.Join(out, ", ")
}

// stepRow validates in for step on c and returns the row to record.
func (s *Service) stepRow(ctx context.Context, c *Case, step Step, in StepInput) (CaseStep, error) {
	var v apperr.Collector
	row := CaseStep{Step: step, ApprovedBy: strings.TrimSpace(in.ApprovedBy), Note: strings.TrimSpace(in.Note), Facts: map[string]any{}}
	row.DoneOn = parseDay(&v, "done_on", in.DoneOn, false)
	today := s.today()
	switch {
	case row.DoneOn.IsZero():
		row.DoneOn = today
	case row.DoneOn.After(today):
		v.Add("done_on", "enforce_not_future", nil)
	case row.DoneOn.Before(c.Steps[len(c.Steps)-1].DoneOn):
		v.Add("done_on", "enforce_not_before_previous", map[string]any{"date": c.Steps[len(c.Steps)-1].DoneOn.Format(time.DateOnly)})
	}
	if len([]rune(row.Note)) > maxNote {
		v.Add("note", "too_long", map[string]any{"max": maxNote})
	}
	if slices.Contains(needsApproval, step) {
		if !mayApprove(ctx) {
			return row, apperr.New(apperr.Forbidden, "enforce.approval_needed", nil)
		}
		if row.ApprovedBy == "" {
			v.Add("approved_by", "required", nil)
		}
	}
	switch step {
	case Decided:
		checkDecision(&v, in.Decision)
		if err := s.checkFine(ctx, &v, in.Decision, row.DoneOn, row.Facts); err != nil {
			return row, err
		}
	case Executed:
		checkPaid(&v, in.PaidYuan, c)
	case Transferred:
		if strings.TrimSpace(in.PoliceUnit) == "" {
			v.Add("police_unit", "required", nil)
		}
		row.Facts["police_unit"] = strings.TrimSpace(in.PoliceUnit)
	}
	return row, v.Err()
}

// mayApprove reports whether the caller holds the approve permission.
func mayApprove(ctx context.Context) bool {
	u := web.UserFrom(ctx)
	return u != nil && u.Permits != nil && u.Permits(PermApprove)
}

func checkPaid(v *apperr.Collector, paid float64, c *Case) {
	switch {
	case paid < 0:
		v.Add("paid_yuan", "min", map[string]any{"min": 0})
	case paid > c.FineYuan+c.ConfiscatedYuan:
		v.Add("paid_yuan", "max", map[string]any{"max": c.FineYuan + c.ConfiscatedYuan})
	}
}

// deadlineRules names the rule of the deadline (in calendar days) each step starts: the
// decision after filing, the hearing request after the notice, the payment after the
// decision.
var deadlineRules = map[Step]string{Filed: ruleDecisionDays, Notified: ruleHearingDays, Decided: rulePaymentDays}

// apply sets the case's new step and deadline, records the step and, for a decision,
// seals it and publishes the penalty.
func (s *Service) apply(ctx context.Context, tx *sql.Tx, c *Case, row CaseStep, in StepInput) error {
	due := c.StepDue
	if key, ok := deadlineRules[row.Step]; ok {
		d, ref, err := s.calendarDeadline(ctx, key, row.DoneOn)
		if err != nil {
			return err
		}
		row.DueOn, row.Facts["rule_ref"] = &d, ref
		if row.Step != Notified { // the hearing request window does not move the decision deadline
			due = &d
		}
	}
	if row.Step == Executed || row.Step.terminal() {
		due = nil
	}
	if row.Step == Decided {
		return s.decide(ctx, tx, c, row, *in.Decision, due)
	}
	paid := c.PaidYuan
	if row.Step == Executed {
		paid, row.Facts["paid_yuan"] = in.PaidYuan, in.PaidYuan
	}
	if _, err := tx.ExecContext(ctx, `UPDATE cases SET step = $2, step_due = $3, paid_yuan = $4, updated_at = $5 WHERE id = $1`,
		c.ID, string(row.Step), due, paid, s.stamp()); err != nil {
		return fmt.Errorf("case %d to %s: %w", c.ID, row.Step, store.Normalize(err))
	}
	return s.addStep(ctx, tx, c, row)
}
