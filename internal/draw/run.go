package draw

import (
	"crypto/rand"
	"fmt"
	"time"

	"github.com/shejian/shejian/internal/apperr"
)

// SeedSize is the length of a draw seed in bytes.
const SeedSize = 32

// NewSeed returns a fresh secret seed from the operating system's random source.
func NewSeed() ([]byte, error) {
	seed, err := secretBytes(SeedSize)
	if err != nil {
		return nil, fmt.Errorf("draw seed: %w", err)
	}
	return seed, nil
}

// secretBytes returns n bytes from the operating system's random source.
func secretBytes(n int) ([]byte, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	return b, nil
}

// Commitment is what the bureau publishes before the draw (公示): the seed's hash and the
// digest of the inputs, so that neither can change afterwards unnoticed.
type Commitment struct {
	SeedSHA256  string    `json:"seed_sha256"`
	InputDigest string    `json:"input_digest"`
	CommittedAt time.Time `json:"committed_at"`
}

// Commit puts in into canonical order, checks it, and returns the commitment to seed over
// it. Inputs where some entity could not get enough inspectors are refused: whether such a
// draw failed would depend on the seed.
func Commit(in *Inputs, seed []byte, at time.Time) (Commitment, error) {
	if err := prepare(in, seed); err != nil {
		return Commitment{}, err
	}
	if err := checkFeasible(in); err != nil {
		return Commitment{}, err
	}
	return Commitment{SeedSHA256: seedCommitment(seed), InputDigest: inputDigest(in), CommittedAt: at}, nil
}

// Run draws entities and seats inspectors from in, seed and the public beacon, as the
// package doc specifies. It puts in into canonical order; on any error nothing is drawn.
func Run(in *Inputs, seed []byte, beacon string) (Result, error) {
	if err := prepare(in, seed); err != nil {
		return Result{}, err
	}
	return run(in, seed, beacon)
}

func prepare(in *Inputs, seed []byte) error {
	if len(seed) != SeedSize {
		return apperr.Fields(apperr.Field("seed", "draw_seed_size", map[string]any{"size": SeedSize}))
	}
	in.normalize()
	return in.validate()
}

// run draws from normalized, valid inputs.
func run(in *Inputs, seed []byte, beacon string) (Result, error) {
	selected, strata := sample(in, seed, beacon)
	assignments, err := newAssigner(in, seed, beacon).assign(selected)
	if err != nil {
		return Result{}, err
	}
	return Result{Strata: strata, Assignments: assignments}, nil
}
