package synth

import "math/rand/v2"

// Lots returns k lots of the chain drawn at random with seed, each as its canonical GS1
// Digital Link (https://id.gs1.org/01/<GTIN-14>/10/<lot>): harvested and processed lots
// alike, each created by an event the documents hold. It plans the chain again without
// writing it, which costs a fraction of Documents. It returns every lot, in random order,
// when the chain has k or fewer.
func (c *Chain) Lots(k int, seed uint64) []string {
	if k <= 0 {
		return nil
	}
	r := rand.New(rand.NewPCG(seed, streamLots))
	picked := make([]string, 0, min(k, 1<<16))
	seen := 0
	_ = c.walk(func(b *builder, take int) error { // visit returns no error
		for i := range b.lots {
			if int(b.lots[i].created) >= take {
				continue // cut off with the end of the last flow
			}
			seen++
			if len(picked) < k {
				picked = append(picked, string(b.appendLot(nil, int32(i), false)))
			} else if j := r.IntN(seen); j < k {
				picked[j] = string(b.appendLot(nil, int32(i), false))
			}
		}
		return nil
	})
	r.Shuffle(len(picked), func(i, j int) { picked[i], picked[j] = picked[j], picked[i] })
	return picked
}
