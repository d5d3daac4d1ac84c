package draw

import (
	"bytes"
	"encoding/json"
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
	benchVerify(b, "", mustBundle(b, in, seed, ""))
}

// BenchmarkPublishedDraw times the draw as the store runs it, on the published form of the
// province (entities by commitments, inspectors by pseudonyms) read back from its JSON as
// Store.Draw reads it, the freezing that makes it, and what verifying its public bundle
// costs a stranger who has read the file.
func BenchmarkPublishedDraw(b *testing.B) {
	raw, seed := registryForm(province()), testSeed("bench")
	b.Run("freeze", func(b *testing.B) {
		for b.Loop() {
			if _, err := freeze(&raw, seed); err != nil {
				b.Fatal(err)
			}
		}
	})
	f, err := freeze(&raw, seed)
	if err != nil {
		b.Fatal(err)
	}
	raw = Inputs{}
	stored, err := json.Marshal(f)
	if err != nil {
		b.Fatal(err)
	}
	benchVerify(b, "-published", frozenBundle(b, f, seed, ""))
	f = nil // the store holds only the frozen task, read from its row, when it draws
	var task frozenTask
	if err := json.Unmarshal(stored, &task); err != nil {
		b.Fatal(err)
	}
	stored = nil
	b.Run("run", func(b *testing.B) {
		for b.Loop() {
			if _, err := Run(&task.Inputs, seed, ""); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// benchVerify times reading bundle from its JSON, and Verify of what was read.
func benchVerify(b *testing.B, suffix string, bundle *Bundle) {
	var file bytes.Buffer
	if err := bundle.Write(&file); err != nil {
		b.Fatal(err)
	}
	read, err := ReadBundle(bytes.NewReader(file.Bytes()))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("verify"+suffix, func(b *testing.B) {
		for b.Loop() {
			if _, err := Verify(read); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("read-bundle"+suffix, func(b *testing.B) {
		b.SetBytes(int64(file.Len()))
		for b.Loop() {
			if _, err := ReadBundle(bytes.NewReader(file.Bytes())); err != nil {
				b.Fatal(err)
			}
		}
	})
}
