package trace

import (
	"cmp"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// keyRows files event rows under their keys (eventKey) in memory, as pairs kept in 256
// buckets by the key's top byte, each sorted by key and row but for a short tail of the
// pairs added last. The keys are digests, so every bucket takes its share, and a key is
// sought from where an even spread would put it in its bucket (firstOf). A map took the
// rebuild of the trace index 5.5 s of cache misses to fill at ten million events (issue 4),
// each key landing at a random place of 200 MB: here the rebuild appends each pair to one
// of 256 buckets as it reads the rows, and sorts each bucket once at the end (settleAll),
// in memory that stays in the cache. Ten million keys took 0.59 s so (BenchmarkKeyRows),
// 2.5 s in a map made large enough at once. Rows are only ever added in row order, so the
// rows of a key come in row order: its sorted pairs, then those of the tail.
type keyRows struct {
	buckets []keyBucket // nil until made (newKeyRows)
}

// keyRow is a row filed under its key.
type keyRow struct{ key, row int64 }

// keyBucket holds the pairs of one top byte of the keys: pairs[:sorted] by key and row, the
// rest in the order added.
type keyBucket struct {
	pairs  []keyRow
	sorted int
}

const (
	keyBuckets = 256
	// keyTail is the most pairs a bucket's tail holds before it is sorted into its run,
	// except while the rebuild appends: a lookup scans the tail.
	keyTail = 256
)

// newKeyRows makes room for about hint pairs: each bucket takes its share and a margin
// of several standard deviations, so that the rebuild's appends do not grow the buckets.
func newKeyRows(hint int64) keyRows {
	buckets := make([]keyBucket, keyBuckets)
	if per := hint / keyBuckets; per > 0 {
		per += per/32 + 64
		for i := range buckets {
			buckets[i].pairs = make([]keyRow, 0, per)
		}
	}
	return keyRows{buckets: buckets}
}

func (k *keyRows) made() bool { return k.buckets != nil }

// len is how many pairs are filed.
func (k *keyRows) len() int {
	n := 0
	for _, b := range k.buckets {
		n += len(b.pairs)
	}
	return n
}

func (k *keyRows) bucket(key int64) *keyBucket { return &k.buckets[uint64(key)>>56] }

// append files row under key, leaving it in its bucket's tail, however long: for the
// rebuild, which sorts every bucket at the end (settleAll).
func (k *keyRows) append(key, row int64) {
	b := k.bucket(key)
	b.pairs = append(b.pairs, keyRow{key, row})
}

// add files row under key, sorting its bucket's tail into the run once it is long.
func (k *keyRows) add(key, row int64) {
	k.append(key, row)
	if b := k.bucket(key); len(b.pairs)-b.sorted > keyTail {
		b.settle()
	}
}

// appendRows appends the rows filed under key, in row order: none before the buckets are made.
func (k *keyRows) appendRows(dst []int64, key int64) []int64 {
	if !k.made() {
		return dst
	}
	b := k.bucket(key)
	if len(b.pairs)-b.sorted > keyTail {
		b.settle() // a lookup while the rebuild appends
	}
	run := b.pairs[:b.sorted]
	i := firstOf(run, key)
	for ; i < len(run) && run[i].key == key; i++ {
		dst = append(dst, run[i].row)
	}
	for _, p := range b.pairs[b.sorted:] {
		if p.key == key {
			dst = append(dst, p.row)
		}
	}
	return dst
}

// firstOf returns the index of the first pair of run under key, or of the first after
// where it would be. The keys of a bucket spread evenly over its range, being digests, so
// the search starts where key would be were they evenly spaced, a few hundred pairs from
// its place at most, and gallops from there. A binary search of the whole run, which meets
// a cache miss at most of its sixteen steps, took capture 12.8 s of CPU over ten million
// events (issue 4); at ten million keys a lookup took it 0.81–0.85 µs, this 0.46–0.59.
func firstOf(run []keyRow, key int64) int {
	n := len(run)
	if n == 0 {
		return 0
	}
	// The key's place in its bucket's range, as a fraction: the bits below the top byte.
	guess, _ := bits.Mul64(uint64(key)<<8, uint64(n))
	i := int(guess)
	var lo, hi int // the first pair not below key is at lo … hi
	if run[i].key < key {
		lo, hi = i+1, n
		for step := 1; i+step < n; step *= 2 {
			if run[i+step].key >= key {
				hi = i + step
				break
			}
			lo = i + step + 1
		}
	} else {
		lo, hi = 0, i
		for step := 1; i-step >= 0; step *= 2 {
			if run[i-step].key < key {
				lo = i - step + 1
				break
			}
			hi = i - step
		}
	}
	j, _ := slices.BinarySearchFunc(run[lo:hi], key, func(p keyRow, key int64) int { return cmp.Compare(p.key, key) })
	return lo + j
}

// settleAll sorts every bucket's tail into its run, the buckets shared among the cores.
func (k *keyRows) settleAll() {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(k.buckets)) {
		wg.Go(func() {
			for i := next.Add(1) - 1; i < int64(len(k.buckets)); i = next.Add(1) - 1 {
				k.buckets[i].settle()
			}
		})
	}
	wg.Wait()
}

func compareKeyRows(a, b keyRow) int {
	if c := cmp.Compare(a.key, b.key); c != 0 {
		return c
	}
	return cmp.Compare(a.row, b.row)
}

// settle sorts the tail and merges it into the run, from the back, so that only the tail
// is copied aside.
func (b *keyBucket) settle() {
	tail := b.pairs[b.sorted:]
	if len(tail) == 0 {
		return
	}
	slices.SortFunc(tail, compareKeyRows)
	if b.sorted > 0 && compareKeyRows(b.pairs[b.sorted-1], tail[0]) > 0 {
		tail = slices.Clone(tail)
		i, j := b.sorted-1, len(tail)-1
		for to := len(b.pairs) - 1; j >= 0; to-- {
			if i >= 0 && compareKeyRows(b.pairs[i], tail[j]) > 0 {
				b.pairs[to] = b.pairs[i]
				i--
			} else {
				b.pairs[to] = tail[j]
				j--
			}
		}
	}
	b.sorted = len(b.pairs)
}
