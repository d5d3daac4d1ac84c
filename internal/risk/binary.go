package risk

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"
)

// The binary forms of packed records (record_pack.go) and stored grades (grade_codec.go)
// are varints, bytes and times, read here.

// errCutShort is wrapped when a binary form ends before what it says it holds.
var errCutShort = errors.New("cut short")

// binReader reads a binary form, keeping the first error: after one, every read gives zero.
type binReader struct {
	data []byte
	err  error
}

func (r *binReader) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

func (r *binReader) byte() byte {
	if r.err == nil && len(r.data) == 0 {
		r.fail(errCutShort)
	}
	if r.err != nil {
		return 0
	}
	c := r.data[0]
	r.data = r.data[1:]
	return c
}

func (r *binReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.data)
	return r.varintRead(v, n)
}

func (r *binReader) varint() int64 {
	v, n := binary.Varint(r.data)
	return int64(r.varintRead(uint64(v), n))
}

func (r *binReader) varintRead(v uint64, n int) uint64 {
	if r.err == nil && n <= 0 {
		r.fail(fmt.Errorf("bad varint: %w", errCutShort))
	}
	if r.err != nil {
		return 0
	}
	r.data = r.data[n:]
	return v
}

// bytes reads the next n bytes.
func (r *binReader) bytes(n uint64) []byte {
	if r.err == nil && n > uint64(len(r.data)) {
		r.fail(errCutShort)
	}
	if r.err != nil {
		return nil
	}
	b := r.data[:n]
	r.data = r.data[n:]
	return b
}

// unixTime reads a time as appendUnixTime writes it, in UTC.
func (r *binReader) unixTime() time.Time {
	sec, nsec := r.varint(), r.uvarint()
	if r.err == nil && nsec >= uint64(time.Second) {
		r.fail(fmt.Errorf("%d nanoseconds", nsec))
	}
	if r.err != nil {
		return time.Time{}
	}
	return time.Unix(sec, int64(nsec)).UTC()
}

// appendUnixTime appends t as its Unix seconds and nanoseconds, to the nanosecond.
func appendUnixTime(b []byte, t time.Time) []byte {
	return binary.AppendUvarint(binary.AppendVarint(b, t.Unix()), uint64(t.Nanosecond()))
}
