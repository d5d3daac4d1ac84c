package documents

import (
	"encoding/json"
	"fmt"

	"github.com/shejian/shejian/internal/enforce"
)

// The keys of the facts enforce records on a step (case_steps.facts).
const (
	factSource     = "source"          // registered: inspection, complaint, sampling, referral, other
	factSourceRef  = "source_ref"      // registered: the complaint's or referral's reference
	factInspection = "inspection_uuid" // registered from an inspection
	factDecision   = "decision"        // decided: the DecisionInput
	factPaid       = "paid_yuan"       // executed
	factPolice     = "police_unit"     // transferred
)

// decisionOf decodes the decision recorded on the decided step row.
func decisionOf(row *enforce.CaseStep) (enforce.DecisionInput, error) {
	var d enforce.DecisionInput
	raw, err := json.Marshal(row.Facts[factDecision])
	if err == nil {
		err = json.Unmarshal(raw, &d)
	}
	if err != nil {
		return d, fmt.Errorf("decision of step %d: %w", row.ID, err)
	}
	return d, nil
}

// text is the string fact key of row, "" when absent.
func text(row *enforce.CaseStep, key string) string {
	s, _ := row.Facts[key].(string)
	return s
}

// yuan is the money fact key of row, 0 when absent.
func yuan(row *enforce.CaseStep, key string) float64 {
	v, _ := row.Facts[key].(float64)
	return v
}
