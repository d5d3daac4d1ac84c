package draw

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// Bundle is the published record of a draw (抽查结果公示包): everything needed to re-run it
// offline and to see that nothing changed since the commitment, and who was drawn.
type Bundle struct {
	Format     string     `json:"format"`
	Inputs     Inputs     `json:"inputs"`
	Commitment Commitment `json:"commitment"`
	Beacon     string     `json:"beacon,omitempty"`
	Seed       string     `json:"seed"` // hex, revealed after the draw
	DrawnAt    time.Time  `json:"drawn_at"`
	Result     Result     `json:"result"`
	// Openings name the drawn entities, one per assignment in draw order, when the entity
	// IDs are commitments (a published draw); empty when the IDs name businesses themselves.
	Openings []Opening `json:"openings,omitempty"`
}

// Opening names a drawn entity of a published draw: the salt and the USCC (统一社会信用代码)
// its ID commits to (entityCommitment).
type Opening struct {
	Entity string `json:"entity"`
	Salt   string `json:"salt"` // hex
	USCC   string `json:"uscc"`
}

// NewBundle assembles the bundle of a draw run from in after commitment c.
func NewBundle(in Inputs, c Commitment, seed []byte, beacon string, r Result, drawnAt time.Time) *Bundle {
	return &Bundle{Format: Format, Inputs: in, Commitment: c, Beacon: beacon,
		Seed: hex.EncodeToString(seed), DrawnAt: drawnAt, Result: r}
}

// ReadBundle decodes a bundle, refusing fields the format does not have.
func ReadBundle(r io.Reader) (*Bundle, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var b Bundle
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("read draw bundle: %w", err)
	}
	return &b, nil
}

// Write encodes the bundle as JSON.
func (b *Bundle) Write(w io.Writer) error {
	if err := json.NewEncoder(w).Encode(b); err != nil {
		return fmt.Errorf("write draw bundle: %w", err)
	}
	return nil
}
