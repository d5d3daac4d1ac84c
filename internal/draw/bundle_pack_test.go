package draw

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
)

func TestChunkerCutsPieces(t *testing.T) {
	const c = bundleChunkSize
	tests := []struct {
		writes []int // sizes written, in order
		pieces []int
	}{
		{nil, nil},
		{[]int{1}, []int{1}},
		{[]int{c - 1}, []int{c - 1}},
		{[]int{c}, []int{c}},
		{[]int{c + 1}, []int{c, 1}},
		{[]int{c / 2, c / 2, 3}, []int{c, 3}},
		{[]int{2*c + 5, 0, 7}, []int{c, c, 12}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.writes), func(t *testing.T) {
			var out [][]byte
			ch := &chunker{out: &out}
			var written []byte
			for i, n := range tt.writes {
				b := bytes.Repeat([]byte{byte('a' + i)}, n)
				if k, err := ch.Write(b); k != n || err != nil {
					t.Fatalf("Write(%d bytes): %d %v", n, k, err)
				}
				written = append(written, b...)
			}
			ch.flush()
			var sizes []int
			for _, p := range out {
				sizes = append(sizes, len(p))
			}
			if !slices.Equal(sizes, tt.pieces) || !bytes.Equal(bytes.Join(out, nil), written) {
				t.Errorf("pieces of %v bytes, want %v, holding what was written", sizes, tt.pieces)
			}
		})
	}
}

// TestPackBundle packs a published bundle: its pieces are the gzip of its JSON, the head
// gives their sizes and digests, and packing it again gives the same bytes.
func TestPackBundle(t *testing.T) {
	b := mustPublishedBundle(t, publishedCity(21), testSeed("pack"), "")
	p := mustPack(t, b)
	want := bundleHead{JSONSize: int64(len(p.json)), JSONSHA256: sha256Hex(p.json),
		GzipSize: int64(len(p.gzip)), GzipSHA256: sha256Hex(p.gzip), Chunks: len(p.chunks)}
	if p.bundleHead != want || !bytes.Equal(gunzip(t, p.gzip), p.json) || p.Chunks == 0 {
		t.Fatalf("head %+v, want %+v; the gzip holds the JSON: %v", p.bundleHead, want, bytes.Equal(gunzip(t, p.gzip), p.json))
	}
	if again := mustPack(t, b); !bytes.Equal(again.gzip, p.gzip) {
		t.Error("the same bundle packs to other bytes")
	}
}

// packed is a bundle's JSON and its packing, whose pieces joined are gzip.
type packed struct {
	*packedBundle
	json, gzip []byte
}

func mustPack(tb testing.TB, b *Bundle) packed {
	tb.Helper()
	var plain bytes.Buffer
	if err := b.Write(&plain); err != nil {
		tb.Fatal(err)
	}
	p, err := packBundle(b)
	if err != nil {
		tb.Fatal(err)
	}
	return packed{packedBundle: p, json: plain.Bytes(), gzip: bytes.Join(p.chunks, nil)}
}

// TestReadBundleTakesGzip reads a bundle as the JSON and as the gzip of it, and refuses a
// gzip whose checksum does not hold.
func TestReadBundleTakesGzip(t *testing.T) {
	b := mustPublishedBundle(t, publishedCity(22), testSeed("read gzip"), "")
	p := mustPack(t, b)
	for name, file := range map[string][]byte{"json": p.json, "gzip": p.gzip} {
		read, err := ReadBundle(bytes.NewReader(file))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		mustVerify(t, read, b.Commitment)
	}
	damaged := slices.Clone(p.gzip)
	damaged[len(damaged)-5] ^= 0xff // the CRC-32 of the gzip trailer
	if _, err := ReadBundle(bytes.NewReader(damaged)); err == nil || !strings.Contains(err.Error(), "checksum") {
		t.Errorf("a damaged gzip read as %v, want a checksum error", err)
	}
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
