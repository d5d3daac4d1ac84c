package demo

import (
	"math"
	"math/rand/v2"
)

// rng is a seeded PCG stream with the draws the generator needs. Every stream is derived
// from the seed and a fixed label, so a change in one part of the city does not reshuffle
// the others.
type rng struct{ *rand.Rand }

// Stream labels: one per independent part of the city.
const (
	streamLayout uint64 = iota + 1
	streamPeople
	streamIdentity
	streamStation = 1 << 32 // + station index
)

func newRNG(seed int64, stream uint64) rng {
	return rng{rand.New(rand.NewPCG(uint64(seed), stream*0x9E3779B97F4A7C15+1))}
}

// between returns an integer in [lo, hi].
func (r rng) between(lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// chance reports true with probability p.
func (r rng) chance(p float64) bool { return r.Float64() < p }

// pick returns a random element.
func pick[T any](r rng, list []T) T { return list[r.IntN(len(list))] }

// pickSkewed favours the front of list (used for surnames, listed by frequency).
func pickSkewed[T any](r rng, list []T) T {
	u := r.Float64()
	return list[int(u*u*float64(len(list)))]
}

// logUniform returns a value between lo and hi, uniform on a log scale: many small shops,
// few big ones.
func (r rng) logUniform(lo, hi float64) float64 {
	if lo <= 0 || hi <= lo {
		return lo
	}
	return lo * math.Pow(hi/lo, r.Float64())
}

// inDisk returns a point of the unit disk by rejection (no trigonometry, so the result is
// the same on every platform).
func (r rng) inDisk() (x, y float64) {
	for {
		x, y = 2*r.Float64()-1, 2*r.Float64()-1
		if x*x+y*y <= 1 {
			return x, y
		}
	}
}

// weighted picks an index with probability proportional to weights[i].
func (r rng) weighted(weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}
