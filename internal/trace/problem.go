package trace

import (
	"strconv"

	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/i18n"
)

// The rules capture adds to those of epcis.Validate: they compare an event with the
// registry and with the events stored before it.
const (
	// RuleLocationUnknown: a urn:shejian:uscc location names no registered business.
	RuleLocationUnknown = "trace_location_unknown"
	// RuleLocationOutOfScope: the location is a business the capturer may not speak for.
	RuleLocationOutOfScope = "trace_location_out_of_scope"
	// RuleLocationNotOwn: a business operator sent an event that happened at no location
	// of its business.
	RuleLocationNotOwn = "trace_location_not_own"
	// RuleEventIDConflict: the eventID is stored for an event of other content.
	RuleEventIDConflict = "trace_event_id_conflict"
)

// Refusal says why a document was refused; it decides the answer's status.
type Refusal string

// The refusals.
const (
	RefusedInvalid   Refusal = "invalid"   // a problem in the document itself, or a clash with stored events
	RefusedForbidden Refusal = "forbidden" // an event at a place the capturer may not speak for
)

// Report is why a document was refused: the kind of refusal and every problem, each naming
// its event. A failed capture job keeps it.
type Report struct {
	Refusal  Refusal         `json:"refusal"`
	Problems []epcis.Problem `json:"problems"`
}

// RefusedError is the error of a capture that refused its document; Job is the failed job
// that records it.
type RefusedError struct {
	Job    Job
	Report Report
}

func (e *RefusedError) Error() string {
	return "capture refused (" + string(e.Report.Refusal) + "): " + strconv.Itoa(len(e.Report.Problems)) + " problem(s), first: " + e.Report.Problems[0].Message
}

// newProblem names a broken rule at the field suffix of event r ("/bizLocation/id"), with
// its English message as epcis writes its own.
func newProblem(r *record, base, suffix, rule string, params map[string]any) epcis.Problem {
	pointer := suffix
	if base != "" {
		pointer = base + "/" + strconv.Itoa(r.index) + suffix
	}
	params["field"] = suffix[1:]
	return epcis.Problem{Event: r.index, EventID: r.facts.EventID, Pointer: pointer, Rule: rule, Params: params,
		Message: i18n.T(i18n.English, "rule."+rule, params)}
}
