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
	ErrOpening        = errors.New("a drawn entity's opening does not match its ID")
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
	Named       int // drawn entities named by an opening
}

// Verify checks a bundle as a third party would: the revealed seed against its hash, the
// inputs against their digest, the result against a re-run of the draw, and the openings,
// if any, against the drawn entities' IDs. It puts the bundle's inputs into canonical order.
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
	if err := checkOpenings(b.Openings, again.Assignments); err != nil {
		return Summary{}, err
	}
	return Summary{TaskID: b.Inputs.Config.TaskID, SeedSHA256: b.Commitment.SeedSHA256, InputDigest: b.Commitment.InputDigest,
		Entities: len(b.Inputs.Entities), Inspectors: len(b.Inputs.Inspectors), Strata: again.Strata, Assignments: len(again.Assignments),
		Named: len(b.Openings)}, nil
}

// checkOpenings checks that openings, unless there are none, name every drawn entity in
// draw order, each by the salt and USCC its ID commits to, and no business twice: a
// business entered twice under two pseudonyms would have had two chances.
func checkOpenings(openings []Opening, drawn []Assignment) error {
	if len(openings) == 0 {
		return nil
	}
	if len(openings) != len(drawn) {
		return fmt.Errorf("%w: %d openings for %d drawn entities", ErrOpening, len(openings), len(drawn))
	}
	seen := make(map[string]int, len(openings))
	for i, o := range openings {
		if o.Entity != drawn[i].Entity {
			return fmt.Errorf("%w: opening %d is of entity %s, assignment %d is entity %s", ErrOpening, i+1, o.Entity, i+1, drawn[i].Entity)
		}
		salt, err := hex.DecodeString(o.Salt)
		if err != nil || len(salt) != saltSize {
			return fmt.Errorf("%w: opening %d: the salt is not %d bytes of hex", ErrOpening, i+1, saltSize)
		}
		if got := entityCommitment(salt, o.USCC); !same(got, o.Entity) {
			return fmt.Errorf("%w: opening %d: salt and USCC %s hash to %s, not to entity %s", ErrOpening, i+1, o.USCC, got, o.Entity)
		}
		if first, dup := seen[o.USCC]; dup {
			return fmt.Errorf("%w: openings %d and %d both name USCC %s", ErrOpening, first, i+1, o.USCC)
		}
		seen[o.USCC] = i + 1
	}
	return nil
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
