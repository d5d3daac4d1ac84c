package draw

import (
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"
)

// frozenTask is what a task keeps of its inputs (the inputs column of draw_tasks): the
// published inputs it committed to and, for the staff only, the key of its pseudonyms and
// who is behind each of them.
type frozenTask struct {
	Format     string           `json:"format"`
	Key        string           `json:"pseudonym_key"` // hex; secret for good
	Inputs     Inputs           `json:"inputs"`        // published form, canonical order
	Businesses []frozenBusiness `json:"businesses"`    // of Inputs.Entities, position by position
	People     []int64          `json:"people"`        // of Inputs.Inspectors, position by position
}

// frozenBusiness is the business behind a published entity.
type frozenBusiness struct {
	ID   int64  `json:"id"`
	USCC string `json:"uscc"`
}

// freeze checks raw, a snapshot by registry IDs, as Commit would, so that a refusal names
// the business the staff know rather than its pseudonym, and returns its published form
// under a fresh pseudonym key.
func freeze(raw *Inputs, seed []byte) (*frozenTask, error) {
	if err := prepare(raw, seed); err != nil {
		return nil, err
	}
	if err := checkFeasible(raw); err != nil {
		return nil, err
	}
	key, err := secretBytes(pseudonymKeySize)
	if err != nil {
		return nil, fmt.Errorf("draw pseudonym key: %w", err)
	}
	return pseudonymize(raw, key)
}

// pseudonymKeySize is the length of a task's pseudonym key in bytes.
const pseudonymKeySize = 32

// business returns the business behind the published entity id.
func (f *frozenTask) business(id string) (frozenBusiness, error) {
	i, ok := slices.BinarySearchFunc(f.Inputs.Entities, id, func(e Entity, id string) int { return strings.Compare(e.ID, id) })
	if !ok {
		return frozenBusiness{}, fmt.Errorf("draw result: entity %s is not in the task's inputs", id)
	}
	return f.Businesses[i], nil
}

// person returns the person behind the published inspector id.
func (f *frozenTask) person(id string) (int64, error) {
	i, ok := slices.BinarySearchFunc(f.Inputs.Inspectors, id, func(p Inspector, id string) int { return strings.Compare(p.ID, id) })
	if !ok {
		return 0, fmt.Errorf("draw result: inspector %s is not in the task's inputs", id)
	}
	return f.People[i], nil
}

// openings names the drawn entities of r: the salt and the USCC each one's ID commits to.
func (f *frozenTask) openings(r Result) ([]Opening, error) {
	key, err := hex.DecodeString(f.Key)
	if err != nil {
		return nil, fmt.Errorf("draw pseudonym key: %w", err)
	}
	p := newPseudonymizer(key)
	out := make([]Opening, len(r.Assignments))
	for i, a := range r.Assignments {
		b, err := f.business(a.Entity)
		if err != nil {
			return nil, err
		}
		out[i] = Opening{Entity: a.Entity, Salt: hex.EncodeToString(p.salt(b.ID)), USCC: b.USCC}
	}
	return out, nil
}

// bundle assembles the bundle of f's draw: committed as c, drawn at drawnAt from seed and
// beacon with result r, and with the openings naming the businesses drawn.
func (f *frozenTask) bundle(c Commitment, seed []byte, beacon string, r Result, drawnAt time.Time) (*Bundle, error) {
	b := NewBundle(f.Inputs, c, seed, beacon, r, drawnAt)
	var err error
	if b.Openings, err = f.openings(r); err != nil {
		return nil, err
	}
	return b, nil
}
