package draw

import (
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
)

// bundleChunkSize is the size of the pieces a stored bundle is kept in (draw_bundle_chunks):
// a download holds one piece at a time.
const bundleChunkSize = 1 << 20

// bundleHead describes a stored bundle: the size and SHA-256 of its JSON and of the gzip
// of it, which give the two encodings of a download their Content-Length and ETag, and the
// number of pieces the gzip is kept in.
type bundleHead struct {
	JSONSize   int64
	JSONSHA256 string
	GzipSize   int64
	GzipSHA256 string
	Chunks     int
}

// packedBundle is a bundle as it is stored: its head and the gzip of its JSON in pieces of
// bundleChunkSize bytes, the last one shorter.
type packedBundle struct {
	bundleHead
	chunks [][]byte
}

// packBundle encodes b as it is stored and served. The JSON streams through the gzip
// writer into the pieces, so that only the compressed bytes are kept; the gzip header has
// no name and no time, so the same bundle packs to the same bytes.
func packBundle(b *Bundle) (*packedBundle, error) {
	p := &packedBundle{}
	pieces := &chunker{out: &p.chunks}
	compressed := &digestWriter{w: pieces, sum: sha256.New()}
	zw, err := gzip.NewWriterLevel(compressed, gzip.DefaultCompression)
	if err != nil {
		return nil, fmt.Errorf("pack draw bundle: %w", err)
	}
	plain := &digestWriter{w: zw, sum: sha256.New()}
	if err := b.Write(plain); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("pack draw bundle: %w", err)
	}
	pieces.flush()
	p.bundleHead = bundleHead{JSONSize: plain.n, JSONSHA256: plain.hex(), GzipSize: compressed.n, GzipSHA256: compressed.hex(), Chunks: len(p.chunks)}
	return p, nil
}

// digestWriter passes writes on to w, counting the bytes and hashing them.
type digestWriter struct {
	w   io.Writer
	sum hash.Hash
	n   int64
}

func (d *digestWriter) Write(b []byte) (int, error) {
	n, err := d.w.Write(b)
	d.sum.Write(b[:n])
	d.n += int64(n)
	return n, err
}

func (d *digestWriter) hex() string { return hex.EncodeToString(d.sum.Sum(nil)) }

// chunker cuts what is written to it into pieces of bundleChunkSize bytes, appended to out;
// flush appends the last, shorter piece.
type chunker struct {
	out *[][]byte
	cur []byte
}

func (c *chunker) Write(b []byte) (int, error) {
	n := len(b)
	for len(b) > 0 {
		if c.cur == nil {
			c.cur = make([]byte, 0, bundleChunkSize)
		}
		k := min(len(b), bundleChunkSize-len(c.cur))
		c.cur, b = append(c.cur, b[:k]...), b[k:]
		if len(c.cur) == bundleChunkSize {
			c.flush()
		}
	}
	return n, nil
}

func (c *chunker) flush() {
	if len(c.cur) > 0 {
		*c.out = append(*c.out, c.cur)
	}
	c.cur = nil
}
