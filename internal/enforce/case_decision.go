package enforce

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/journal"
	"github.com/shejian/shejian/internal/seal"
	"github.com/shejian/shejian/internal/store"
)

// sealDecision names penalty decisions (the 'decided' rows of case_steps) in seals.
const sealDecision = "enforce_decision"

// DecisionInput is the penalty decision (行政处罚决定书): its number (文号), the violation,
// the offence of the catalogue it is decided under (required with a fine, whose range it
// sets) and the goods value (货值金额) that range depends on, the measures (the credit
// file's names), fines and confiscations (罚没款) in yuan, the months of a business or
// practice ban and whether it is a heavier penalty (较重).
type DecisionInput struct {
	DocumentNumber  string   `json:"document_number"`
	Violation       string   `json:"violation"`
	Offence         string   `json:"offence,omitempty"`
	GoodsValueYuan  float64  `json:"goods_value_yuan,omitempty"`
	Measures        []string `json:"measures"`
	FineYuan        float64  `json:"fine_yuan"`
	ConfiscatedYuan float64  `json:"confiscated_yuan"`
	BanMonths       int      `json:"ban_months"`
	Severe          bool     `json:"severe"`
}

// Measures lists the kinds of penalty (行政处罚法 art. 9) by the names the credit file uses.
var Measures = []string{"warning", "criticism", "fine", "confiscation", "downgrade", "licence_revoked",
	"business_restrict", "practice_ban", "suspension", "closure", "charter_revoked"}

const maxDocument = 100

// checkDecision adds a field error for every rule d breaks.
func checkDecision(v *apperr.Collector, d *DecisionInput) {
	if d == nil {
		v.Add("decision", "required", nil)
		return
	}
	doc := strings.TrimSpace(d.DocumentNumber)
	switch {
	case doc == "":
		v.Add("document_number", "required", nil)
	case len([]rune(doc)) > maxDocument:
		v.Add("document_number", "too_long", map[string]any{"max": maxDocument})
	}
	if strings.TrimSpace(d.Violation) == "" {
		v.Add("violation", "required", nil)
	}
	if len(d.Measures) == 0 {
		v.Add("measures", "required", nil)
	}
	for _, m := range d.Measures {
		if !slices.Contains(Measures, m) {
			v.Add("measures", "one_of", map[string]any{"values": strings.Join(Measures, ", ")})
		}
	}
	checkOffence(v, d)
	amount(v, "fine_yuan", d.FineYuan, slices.Contains(d.Measures, "fine"))
	amount(v, "confiscated_yuan", d.ConfiscatedYuan, slices.Contains(d.Measures, "confiscation"))
	banned := slices.Contains(d.Measures, "business_restrict") || slices.Contains(d.Measures, "practice_ban")
	switch {
	case d.BanMonths < 0:
		v.Add("ban_months", "min", map[string]any{"min": 0})
	case d.BanMonths > 0 && !banned:
		v.Add("ban_months", "enforce_ban_measure", nil)
	}
}

// checkOffence requires an offence of the catalogue with a fine, refuses an unknown one
// and a negative goods value.
func checkOffence(v *apperr.Collector, d *DecisionInput) {
	_, known := offenceByCode(d.Offence)
	switch {
	case d.Offence == "" && slices.Contains(d.Measures, "fine"):
		v.Add("offence", "required", nil)
	case d.Offence != "" && !known:
		v.Add("offence", "enforce_offence_unknown", nil)
	}
	if d.GoodsValueYuan < 0 {
		v.Add("goods_value_yuan", "min", map[string]any{"min": 0})
	}
}

// amount checks a money field: not negative, and positive exactly when its measure is
// decided (a confiscation of goods may carry no amount).
func amount(v *apperr.Collector, field string, yuan float64, measure bool) {
	switch {
	case yuan < 0:
		v.Add(field, "min", map[string]any{"min": 0})
	case yuan > 0 && !measure:
		v.Add(field, "enforce_amount_measure", nil)
	case field == "fine_yuan" && measure && yuan == 0:
		v.Add(field, "required", nil)
	}
}

// decide records the decision on c, seals it and publishes the penalty for the credit file.
func (s *Service) decide(ctx context.Context, tx *sql.Tx, c *Case, row CaseStep, d DecisionInput, due *time.Time) error {
	d.DocumentNumber, d.Violation = strings.TrimSpace(d.DocumentNumber), strings.TrimSpace(d.Violation)
	row.Facts["decision"] = d
	_, err := tx.ExecContext(ctx, `UPDATE cases SET step = 'decided', step_due = $2, document_number = $3, fine_yuan = $4,
		confiscated_yuan = $5, updated_at = $6 WHERE id = $1`, c.ID, due, d.DocumentNumber, d.FineYuan, d.ConfiscatedYuan, s.stamp())
	if errors.Is(store.Normalize(err), store.ErrUnique) {
		return apperr.Fields(apperr.Field("document_number", "unique", nil))
	}
	if err != nil {
		return fmt.Errorf("decide case %d: %w", c.ID, store.Normalize(err))
	}
	if err := s.addStep(ctx, tx, c, row); err != nil {
		return err
	}
	id, err := decisionRowID(ctx, tx, c.ID)
	if err != nil {
		return err
	}
	if err := seal.SealNoted(ctx, tx, seal.ObjectOf(sealDecision, id), seal.Signed, actor(ctx), d.DocumentNumber); err != nil {
		return err
	}
	fact := PenaltyDecided{CaseID: c.ID, BusinessID: c.BusinessID, DistrictID: c.DistrictID, StationID: c.StationID,
		DecidedOn: row.DoneOn.Format(time.DateOnly), DecisionInput: d}
	_, err = journal.Append(ctx, tx, journal.Entry{Topic: TopicPenaltyDecided, Key: strconv.FormatInt(c.ID, 10), Payload: fact})
	return err
}

func decisionRowID(ctx context.Context, tx *sql.Tx, caseID int64) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM case_steps WHERE case_id = $1 AND step = 'decided'`, caseID).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("decision of case %d: %w", caseID, store.Normalize(err))
	}
	return id, nil
}

// checkDecisionWritable is the seal's refusal of any change to decision row id.
func checkDecisionWritable(ctx context.Context, tx *sql.Tx, id int64) error {
	return seal.CheckWritable(ctx, tx, seal.ObjectOf(sealDecision, id))
}
