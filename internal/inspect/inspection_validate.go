package inspect

import (
	"regexp"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/apperr"
)

// uuidRe is the canonical text form of a UUID, the key a phone gives every record it makes.
var uuidRe = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// normalUUID lower-cases u and reports whether it is a UUID.
func normalUUID(u string) (string, bool) {
	u = strings.ToLower(strings.TrimSpace(u))
	return u, uuidRe.MatchString(u)
}

// checkUUID adds a field error when u is not a UUID.
func checkUUID(c *apperr.Collector, field, u string) {
	if _, ok := normalUUID(u); !ok {
		c.Add(field, "inspect_uuid", nil)
	}
}

// NewInspection is what a planner, a draw reaction or a phone gives to create an inspection.
type NewInspection struct {
	Source     Source  `json:"source"`
	SourceRef  string  `json:"source_ref"`
	Kind       Kind    `json:"kind"`
	BusinessID int64   `json:"business_id"`
	TemplateID int64   `json:"template_id"`
	PlannedOn  string  `json:"planned_on"` // YYYY-MM-DD, optional
	Inspectors []int64 `json:"inspectors"` // person ids, at least two when given
}

// validate checks the fields that need no database and returns the planned date.
func (n NewInspection) validate(uuid string) (*time.Time, error) {
	var c apperr.Collector
	checkUUID(&c, "uuid", uuid)
	switch n.Source {
	case FromPlan, FromDraw, FromComplaint, AdHoc:
	default:
		c.Add("source", "one_of", map[string]any{"values": "plan, draw, complaint, ad_hoc"})
	}
	switch n.Kind {
	case Daily, Flying, Systems:
	default:
		c.Add("kind", "one_of", map[string]any{"values": "daily, flying, systems"})
	}
	text(&c, "source_ref", n.SourceRef, 100, n.Source == FromDraw || n.Source == FromComplaint)
	if n.BusinessID <= 0 {
		c.Add("business_id", "required", nil)
	}
	if n.TemplateID <= 0 {
		c.Add("template_id", "required", nil)
	}
	var planned *time.Time
	if n.PlannedOn != "" {
		d, err := time.Parse(time.DateOnly, n.PlannedOn)
		if err != nil {
			c.Add("planned_on", "date", nil)
		}
		planned = &d
	}
	return planned, c.Err()
}

// maxNote bounds an answer's note and a witness's name.
const (
	maxNote = 2000
	maxName = 100
)
