package credit

import (
	"slices"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/apperr"
)

// RecordInput is a credit record as the bureau enters it.
type RecordInput struct {
	BusinessID      int64     `json:"business_id"`
	Kind            Kind      `json:"kind"`
	DocumentNumber  string    `json:"document_number"`
	DecidedOn       string    `json:"decided_on"` // YYYY-MM-DD
	Violation       string    `json:"violation"`
	Measures        []Measure `json:"measures"`
	FineYuan        float64   `json:"fine_yuan"`
	BanMonths       int       `json:"ban_months"`
	Severe          bool      `json:"severe"`
	SimpleProcedure bool      `json:"simple_procedure"`
	PenaltyID       *int64    `json:"penalty_id"`
	Reason          string    `json:"reason"`
}

// maxDocument bounds a decision number.
const maxDocument = 100

// record validates in as of today and returns the record it describes. Field errors name
// the field and the rule.
func (in RecordInput) record(today time.Time) (Record, error) {
	var c apperr.Collector
	if !slices.Contains(Kinds, in.Kind) {
		c.Add("kind", "one_of", map[string]any{"values": joinKinds()})
	}
	doc := strings.TrimSpace(in.DocumentNumber)
	checkNote(&c, "document_number", doc, true)
	if len([]rune(doc)) > maxDocument {
		c.Add("document_number", "too_long", map[string]any{"max": maxDocument})
	}
	day := parseDay(&c, "decided_on", in.DecidedOn, today)
	if in.Kind == KindPenalty {
		in.checkPenalty(&c)
	} else {
		in.checkListing(&c)
	}
	r := Record{BusinessID: in.BusinessID, Kind: in.Kind, DocumentNumber: doc, DecidedOn: day,
		Violation: strings.TrimSpace(in.Violation), Measures: in.Measures, FineYuan: in.FineYuan, BanMonths: in.BanMonths,
		Severe: in.Severe, SimpleProcedure: in.SimpleProcedure, PenaltyID: in.PenaltyID, Reason: strings.TrimSpace(in.Reason)}
	return r, c.Err()
}

func (in RecordInput) checkPenalty(c *apperr.Collector) {
	checkNote(c, "violation", in.Violation, true)
	if len(in.Measures) == 0 {
		c.Add("measures", "required", nil)
	}
	for _, m := range in.Measures {
		if !slices.Contains(Measures, m) {
			c.Add("measures", "one_of", map[string]any{"values": joinMeasures()})
		}
	}
	hasFine := slices.Contains(in.Measures, MeasureFine)
	switch {
	case in.FineYuan < 0:
		c.Add("fine_yuan", "min", map[string]any{"min": 0})
	case hasFine != (in.FineYuan > 0):
		c.Add("fine_yuan", "credit_fine_measure", nil)
	}
	banned := slices.Contains(in.Measures, MeasureBusinessRestrict) || slices.Contains(in.Measures, MeasurePracticeBan)
	switch {
	case in.BanMonths < 0:
		c.Add("ban_months", "min", map[string]any{"min": 0})
	case in.BanMonths > 0 && !banned:
		c.Add("ban_months", "credit_ban_measure", nil)
	}
	if in.PenaltyID != nil {
		c.Add("penalty_id", "credit_serious_only", nil)
	}
}

func (in RecordInput) checkListing(c *apperr.Collector) {
	checkNote(c, "reason", in.Reason, true)
	if len(in.Measures) > 0 || in.FineYuan != 0 || in.BanMonths != 0 || in.Severe || in.SimpleProcedure || in.Violation != "" {
		c.Add("measures", "credit_penalty_only", nil)
	}
	switch {
	case in.Kind == KindSeriousDishonesty && in.PenaltyID == nil:
		c.Add("penalty_id", "credit_serious_needs_heavier", nil)
	case in.Kind != KindSeriousDishonesty && in.PenaltyID != nil:
		c.Add("penalty_id", "credit_serious_only", nil)
	}
}

// parseDay reads a civil date YYYY-MM-DD that is not after today.
func parseDay(c *apperr.Collector, field, s string, today time.Time) time.Time {
	d, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	switch {
	case strings.TrimSpace(s) == "":
		c.Add(field, "required", nil)
	case err != nil:
		c.Add(field, "date", nil)
	case d.After(today):
		c.Add(field, "credit_not_future", nil)
	}
	return d
}

func joinKinds() string {
	out := make([]string, len(Kinds))
	for i, k := range Kinds {
		out[i] = string(k)
	}
	return strings.Join(out, ", ")
}

func joinMeasures() string {
	out := make([]string, len(Measures))
	for i, m := range Measures {
		out[i] = string(m)
	}
	return strings.Join(out, ", ")
}
