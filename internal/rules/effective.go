package rules

import (
	"encoding/json"
	"strconv"
	"time"
)

// Effective is a rule as it applies on a day: its definition, the value in force and the
// override that set it, if any.
type Effective struct {
	Rule
	Value      json.RawMessage `json:"value"`
	Overridden bool            `json:"overridden"`
	Override   *Change         `json:"override,omitempty"`
	// Ref names exactly what was applied, for records to keep: "deadlines/v1" for the
	// default, "deadlines/v1/override-12" for the city's override number 12.
	Ref string `json:"ref"`
}

func effective(r Rule, c *Change) Effective {
	e := Effective{Rule: r, Value: r.Default, Ref: r.SetRef()}
	if c != nil {
		e.Value, e.Overridden, e.Override = c.Value, true, c
		e.Ref += "/override-" + strconv.FormatInt(c.ID, 10)
	}
	return e
}

// Shown is the value in force as people read it ("20", "1–2", "≥ 1").
func (e Effective) Shown() string { return e.show(e.Value) }

// DefaultShown is the shipped default as people read it.
func (e Effective) DefaultShown() string { return e.show(e.Default) }

// Input is the value in force as the override form takes it.
func (e Effective) Input() string { return e.input(e.Value) }

// latest returns the newest of changes (newest first) made up to t, or nil.
func latest(changes []Change, at time.Time) *Change {
	for i := range changes {
		if !changes[i].CreatedAt.After(at) {
			return &changes[i]
		}
	}
	return nil
}
