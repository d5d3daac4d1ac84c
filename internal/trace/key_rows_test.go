package trace

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestKeyRowsMatchAMap files rows as the rebuild and capture do, and looks keys up between,
// against a map of the same rows: every key answers its rows in row order, however the
// rows were filed and whether the bucket was sorted since. Narrow keys all fall in the
// first bucket, so its tail is sorted into its run again and again; wide keys spread over
// every bucket.
func TestKeyRowsMatchAMap(t *testing.T) {
	for _, tc := range []struct {
		name   string
		key    func(r *rand.Rand) int64
		loaded int // rows the rebuild appends before captures add theirs
		added  int
	}{
		{"narrow keys, many rows each", func(r *rand.Rand) int64 { return r.Int64N(300) }, 3000, 3000},
		{"wide keys", func(r *rand.Rand) int64 { return int64(r.Uint64()) }, 20000, 20000},
		{"wide keys, captures only", func(r *rand.Rand) int64 { return int64(r.Uint64()) }, 0, 5000},
		{"a few wide keys repeated", func(r *rand.Rand) int64 { return int64(r.Uint64N(40)) << 57 }, 2000, 2000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, 2))
			k := newKeyRows(int64(tc.loaded))
			want := map[int64][]int64{}
			var keys []int64
			check := func(when string) {
				t.Helper()
				for _, key := range append(keys[max(0, len(keys)-200):], 7, -7, 1<<62) {
					if got := k.appendRows(nil, key); !slices.Equal(got, want[key]) {
						t.Fatalf("%s: rows of key %d %v, want %v", when, key, got, want[key])
					}
				}
			}
			row := int64(0)
			file := func(add func(key, row int64)) {
				key := tc.key(r)
				row++
				add(key, row)
				want[key] = append(want[key], row)
				keys = append(keys, key)
			}
			for i := range tc.loaded {
				file(k.append)
				if i == tc.loaded/2 {
					check("a lookup while loading")
				}
			}
			k.settleAll()
			for _, b := range k.buckets {
				if b.sorted != len(b.pairs) || !slices.IsSortedFunc(b.pairs, compareKeyRows) {
					t.Fatalf("a bucket after settleAll: %d of %d pairs sorted", b.sorted, len(b.pairs))
				}
			}
			check("loaded")
			for i := range tc.added {
				file(k.add)
				if i%997 == 0 {
					check("adding")
				}
			}
			check("added")
			if n := k.len(); int64(n) != row {
				t.Errorf("%d pairs filed, want %d", n, row)
			}
		})
	}
}

// TestKeyBucketSettle merges a tail into a run: before, after and among its pairs, and under
// the same key, where rows keep their order.
func TestKeyBucketSettle(t *testing.T) {
	pairs := func(kr ...int64) []keyRow {
		var out []keyRow
		for i := 0; i < len(kr); i += 2 {
			out = append(out, keyRow{kr[i], kr[i+1]})
		}
		return out
	}
	for _, tc := range []struct {
		name      string
		run, tail []keyRow
		want      []keyRow
	}{
		{"no tail", pairs(1, 1, 3, 2), nil, pairs(1, 1, 3, 2)},
		{"no run", nil, pairs(5, 3, 2, 4), pairs(2, 4, 5, 3)},
		{"tail after the run", pairs(1, 1, 3, 2), pairs(9, 4, 4, 3), pairs(1, 1, 3, 2, 4, 3, 9, 4)},
		{"tail among the run", pairs(1, 1, 3, 2, 5, 3), pairs(4, 5, 0, 4, 6, 6), pairs(0, 4, 1, 1, 3, 2, 4, 5, 5, 3, 6, 6)},
		{"same key", pairs(2, 1, 2, 3), pairs(2, 7, 1, 8), pairs(1, 8, 2, 1, 2, 3, 2, 7)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := keyBucket{pairs: append(slices.Clone(tc.run), tc.tail...), sorted: len(tc.run)}
			b.settle()
			if !slices.Equal(b.pairs, tc.want) || b.sorted != len(tc.want) {
				t.Errorf("settled %v (%d sorted), want %v", b.pairs, b.sorted, tc.want)
			}
		})
	}
}

// TestFirstOf finds the first pair not below a key as a binary search does, in runs whose
// keys spread evenly over a bucket's range and in runs bunched at one end of it.
func TestFirstOf(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, tc := range []struct {
		name string
		key  func() int64
	}{
		{"even", func() int64 { return int64(r.Uint64N(1 << 56)) }},
		{"bunched low", func() int64 { return r.Int64N(1000) }},
		{"bunched high", func() int64 { return 1<<56 - 1 - r.Int64N(1000) }},
		{"negative", func() int64 { return -1<<63 + int64(r.Uint64N(1<<56)) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, n := range []int{0, 1, 2, 5, 300, 5000} {
				run := make([]keyRow, n)
				for i := range run {
					run[i] = keyRow{key: tc.key(), row: int64(i)}
				}
				slices.SortFunc(run, compareKeyRows)
				for range 500 {
					key := tc.key()
					if n > 0 && r.IntN(2) == 0 {
						key = run[r.IntN(n)].key
					}
					want, _ := slices.BinarySearchFunc(run, key, func(p keyRow, key int64) int { return cmp.Compare(p.key, key) })
					if got := firstOf(run, key); got != want {
						t.Fatalf("%d pairs: first under %d at %d, want %d", n, key, got, want)
					}
				}
			}
		})
	}
}

// BenchmarkKeyRows files the keys of ten million events as LoadIndex does, appended in row
// order, then every bucket sorted ("load"), and looks them up as capture does ("lookup").
func BenchmarkKeyRows(b *testing.B) {
	const rows = 10_000_000
	r := rand.New(rand.NewPCG(1, 2))
	keys := make([]int64, rows)
	for i := range keys {
		keys[i] = int64(r.Uint64())
	}
	load := func() keyRows {
		k := newKeyRows(rows)
		for i, key := range keys {
			k.append(key, int64(i+1))
		}
		k.settleAll()
		return k
	}
	b.Run("load", func(b *testing.B) {
		for b.Loop() {
			load()
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*rows), "ns/row")
	})
	b.Run("lookup", func(b *testing.B) {
		k := load()
		var rows []int64
		for i := 0; b.Loop(); i++ {
			rows = k.appendRows(rows[:0], keys[i*7919%len(keys)])
		}
	})
}
