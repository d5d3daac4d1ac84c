package draw

import (
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// The ways a bundle fails verification; Verify wraps one of them with the detail.
var (
	ErrFormat         = errors.New("not a " + Format + " bundle")
	ErrSeedCommitment = errors.New("seed does not match its commitment")
	ErrInputDigest    = errors.New("inputs do not match the input digest")
	ErrResult         = errors.New("result differs from the re-run draw")
)

// Summary describes a verified draw.
type Summary struct {
	TaskID      string
	SeedSHA256  string
	InputDigest string
	Entities    int
	Inspectors  int
	Strata      []Stratum
	Assignments int
}

// Verify checks a bundle as a third party would: the revealed seed against its hash, the
// inputs against their digest, and the result against a re-run of the draw. It puts the
// bundle's inputs into canonical order.
func Verify(b *Bundle) (Summary, error) {
	if b.Format != Format {
		return Summary{}, fmt.Errorf("%w: format %q", ErrFormat, b.Format)
	}
	seed, err := hex.DecodeString(b.Seed)
	if err != nil || len(seed) != SeedSize {
		return Summary{}, fmt.Errorf("%w: the seed is not %d bytes of hex", ErrSeedCommitment, SeedSize)
	}
	if got := seedCommitment(seed); !same(got, b.Commitment.SeedSHA256) {
		return Summary{}, fmt.Errorf("%w: SHA-256 of the seed is %s, the commitment %s", ErrSeedCommitment, got, b.Commitment.SeedSHA256)
	}
	b.Inputs.normalize()
	if got := inputDigest(&b.Inputs); !same(got, b.Commitment.InputDigest) {
		return Summary{}, fmt.Errorf("%w: the inputs digest to %s, the commitment says %s", ErrInputDigest, got, b.Commitment.InputDigest)
	}
	if err := b.Inputs.validate(); err != nil {
		return Summary{}, fmt.Errorf("committed inputs: %w", err)
	}
	again, err := run(&b.Inputs, seed, b.Beacon)
	if err != nil {
		return Summary{}, fmt.Errorf("re-run: %w", err)
	}
	if err := compareResults(b.Result, again); err != nil {
		return Summary{}, err
	}
	return Summary{TaskID: b.Inputs.Config.TaskID, SeedSHA256: b.Commitment.SeedSHA256, InputDigest: b.Commitment.InputDigest,
		Entities: len(b.Inputs.Entities), Inspectors: len(b.Inputs.Inspectors), Strata: again.Strata, Assignments: len(again.Assignments)}, nil
}

// CheckPublished compares the bundle's commitment with the values published before the
// draw, when given: a bundle rebuilt from scratch with another seed is consistent in itself
// and is caught only this way.
func (b *Bundle) CheckPublished(seedSHA256, inputDigest string) error {
	if seedSHA256 != "" && !same(seedSHA256, b.Commitment.SeedSHA256) {
		return fmt.Errorf("%w: the bundle commits to seed hash %s, %s was published", ErrSeedCommitment, b.Commitment.SeedSHA256, seedSHA256)
	}
	if inputDigest != "" && !same(inputDigest, b.Commitment.InputDigest) {
		return fmt.Errorf("%w: the bundle commits to input digest %s, %s was published", ErrInputDigest, b.Commitment.InputDigest, inputDigest)
	}
	return nil
}

// same compares two hex digests; whoever copies a published one may change its case.
func same(a, b string) bool { return strings.EqualFold(a, b) }

// compareResults names the first difference between the published result and the re-run.
func compareResults(published, again Result) error {
	if !slices.Equal(published.Strata, again.Strata) {
		return fmt.Errorf("%w: strata %v published, %v drawn", ErrResult, published.Strata, again.Strata)
	}
	for i := range min(len(published.Assignments), len(again.Assignments)) {
		p, a := published.Assignments[i], again.Assignments[i]
		if p.Entity != a.Entity || !slices.Equal(p.Inspectors, a.Inspectors) {
			return fmt.Errorf("%w: assignment %d is entity %s with inspectors %v, the draw gives entity %s with %v",
				ErrResult, i+1, p.Entity, p.Inspectors, a.Entity, a.Inspectors)
		}
	}
	if len(published.Assignments) != len(again.Assignments) {
		return fmt.Errorf("%w: %d assignments published, %d drawn", ErrResult, len(published.Assignments), len(again.Assignments))
	}
	return nil
}
