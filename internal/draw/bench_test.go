package draw

import (
	"bytes"
	"sync"
	"testing"
)

// The Target of issue 5: a draw over 1,000,000 businesses and 10,000 inspectors in ≤ 2 s,
// and its verification. 100 districts of 10 stations, 30 % of businesses with two previous
// inspectors, every inspector with 3 declared conflicts, own stations excluded.
var provinceShape = cityShape{entities: 1_000_000, inspectors: 10_000, regions: 100, stations: 10,
	previousShare: 0.3, conflictsPerInspector: 3}

var province = sync.OnceValue(func() Inputs {
	in := synthCity(7, provinceShape)
	in.Config.ExcludeOwnStation = true
	return in
})

func BenchmarkDraw(b *testing.B) {
	in, seed := province(), testSeed("bench")
	b.Run("run", func(b *testing.B) {
		for b.Loop() {
			if _, err := Run(&in, seed, ""); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("run-any-region", func(b *testing.B) {
		anyRegion := in
		anyRegion.Config.AnyRegion = true
		for b.Loop() {
			if _, err := Run(&anyRegion, seed, ""); err != nil {
				b.Fatal(err)
			}
		}
	})
	bundle := mustBundle(b, in, seed, "")
	b.Run("verify", func(b *testing.B) {
		for b.Loop() {
			if _, err := Verify(bundle); err != nil {
				b.Fatal(err)
			}
		}
	})
	var file bytes.Buffer
	if err := bundle.Write(&file); err != nil {
		b.Fatal(err)
	}
	b.Run("read-bundle", func(b *testing.B) {
		b.SetBytes(int64(file.Len()))
		for b.Loop() {
			if _, err := ReadBundle(bytes.NewReader(file.Bytes())); err != nil {
				b.Fatal(err)
			}
		}
	})
}
