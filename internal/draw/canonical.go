package draw

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"math"
	"slices"
	"strings"
)

// Format names the bundle format and starts the input digest.
const Format = "shejian-draw/v2"

// normalize puts in into canonical order in place (see the package doc), so that neither
// the digest nor the draw depends on the order the directories were read in.
func (in *Inputs) normalize() {
	sortBy(in.Items, func(a, b InspectionItem) int { return strings.Compare(a.ID, b.ID) })
	sortBy(in.Entities, func(a, b Entity) int { return strings.Compare(a.ID, b.ID) })
	sortBy(in.Inspectors, func(a, b Inspector) int { return strings.Compare(a.ID, b.ID) })
	for i := range in.Entities {
		in.Entities[i].PreviousInspectors = sortedSet(in.Entities[i].PreviousInspectors)
		in.Entities[i].Recused = sortedSet(in.Entities[i].Recused)
	}
	for i := range in.Inspectors {
		in.Inspectors[i].Conflicts = sortedSet(in.Inspectors[i].Conflicts)
	}
}

// sortBy sorts s unless it already is: bundles arrive sorted, and checking is linear.
func sortBy[T any](s []T, cmp func(a, b T) int) {
	if !slices.IsSortedFunc(s, cmp) {
		slices.SortStableFunc(s, cmp)
	}
}

// sortedSet returns s sorted without repeats, copying only when s is not already so.
func sortedSet(s []string) []string {
	strictlyIncreasing := func() bool {
		for i := 1; i < len(s); i++ {
			if s[i-1] >= s[i] {
				return false
			}
		}
		return true
	}
	if strictlyIncreasing() {
		return s
	}
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}

// basisPoints converts a percentage to hundredths of a percent. Values far outside 0–100
// are clamped so that even invalid input encodes the same on every platform.
func basisPoints(percent float64) int64 {
	return int64(math.Round(math.Max(-1e6, math.Min(percent, 1e6)) * 100))
}

// inputDigest is the SHA-256 of the canonical encoding of normalized inputs, in hex.
func inputDigest(in *Inputs) string {
	e := newEncoder(sha256.New())
	e.str(Format)
	c := in.Config
	e.str(c.TaskID)
	e.str(c.TaskName)
	for _, class := range Classes {
		e.u64(uint64(basisPoints(c.RatioPercent[class])))
	}
	e.u64(uint64(c.InspectorsPerEntity))
	e.flag(c.AnyRegion)
	e.flag(c.ExcludeOwnStation)
	e.u64(uint64(len(in.Items)))
	for _, it := range in.Items {
		e.str(it.ID)
		e.str(it.Name)
		e.str(it.Basis)
		e.u64(uint64(basisPoints(it.RatioPercent)))
		e.str(it.Frequency)
	}
	e.u64(uint64(len(in.Entities)))
	for _, en := range in.Entities {
		e.str(en.ID)
		e.str(en.OrgUnit)
		e.str(en.Region)
		e.str(string(en.Credit))
		e.strs(en.PreviousInspectors)
		e.strs(en.Recused)
	}
	e.u64(uint64(len(in.Inspectors)))
	for _, p := range in.Inspectors {
		e.str(p.ID)
		e.str(p.OrgUnit)
		e.str(p.Region)
		e.strs(p.Conflicts)
	}
	return hex.EncodeToString(e.sum())
}

// seedCommitment is SHA-256(seed) in hex, published before the draw.
func seedCommitment(seed []byte) string {
	sum := sha256.Sum256(seed)
	return hex.EncodeToString(sum[:])
}

// encoder writes the str/u64 encoding of the package doc into a hash through a buffer.
type encoder struct {
	h   hash.Hash
	buf []byte
}

func newEncoder(h hash.Hash) *encoder { return &encoder{h: h, buf: make([]byte, 0, 1<<16)} }

func (e *encoder) str(s string) {
	e.buf = appendStr(e.buf, s)
	e.spill()
}

// appendStr appends str(s) of the package doc: the length as 4 bytes big-endian, then s.
func appendStr(b []byte, s string) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
	return append(b, s...)
}

func (e *encoder) strs(list []string) {
	e.u64(uint64(len(list)))
	for _, s := range list {
		e.str(s)
	}
}

func (e *encoder) u64(n uint64) {
	e.buf = binary.BigEndian.AppendUint64(e.buf, n)
	e.spill()
}

func (e *encoder) flag(b bool) {
	if b {
		e.u64(1)
	} else {
		e.u64(0)
	}
}

func (e *encoder) spill() {
	if len(e.buf) >= 1<<15 {
		e.h.Write(e.buf)
		e.buf = e.buf[:0]
	}
}

func (e *encoder) sum() []byte {
	e.h.Write(e.buf)
	e.buf = e.buf[:0]
	return e.h.Sum(nil)
}
