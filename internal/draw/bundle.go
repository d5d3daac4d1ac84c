package draw

import (
	"bufio"
	"compress/gzip"
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

// ReadBundle decodes a bundle, refusing fields the format does not have. A bundle kept as
// the server sends it to clients that take gzip (draw-CODE.json.gz), known by the gzip
// magic bytes, which no JSON starts with, is decompressed first and read to its end, so
// that a damaged file fails its checksum rather than its digests.
func ReadBundle(r io.Reader) (*Bundle, error) {
	b, err := readBundle(bufio.NewReader(r))
	if err != nil {
		return nil, fmt.Errorf("read draw bundle: %w", err)
	}
	return b, nil
}

func readBundle(r *bufio.Reader) (*Bundle, error) {
	if magic, err := r.Peek(2); err != nil || magic[0] != 0x1f || magic[1] != 0x8b {
		return decodeBundle(r)
	}
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	b, err := decodeBundle(zr)
	if err != nil {
		return nil, err
	}
	if _, err := io.Copy(io.Discard, zr); err != nil {
		return nil, err
	}
	return b, nil
}

func decodeBundle(r io.Reader) (*Bundle, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var b Bundle
	if err := dec.Decode(&b); err != nil {
		return nil, err
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
