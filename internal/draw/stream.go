package draw

import (
	"crypto/sha256"
	"encoding/binary"
)

// stream is the draw's random number generator: SHA-256 in counter mode over the seed, the
// beacon, the task and the stream's name (see "Random numbers" in the package doc). It is
// defined by bytes alone, so every implementation and Go version draws the same numbers.
type stream struct {
	input   []byte // str(seed) ‖ str(beacon) ‖ str(task) ‖ str(name) ‖ u64(counter)
	counter uint64
	block   [sha256.Size]byte
	next    int // index of the next unread word of block; 4 when spent
}

func newStream(seed []byte, beacon, task, name string) *stream {
	var in []byte
	for _, part := range []string{string(seed), beacon, task, name} {
		in = appendStr(in, part)
	}
	return &stream{input: append(in, make([]byte, 8)...), next: 4}
}

// word returns the stream's next 64-bit word.
func (s *stream) word() uint64 {
	if s.next == 4 {
		binary.BigEndian.PutUint64(s.input[len(s.input)-8:], s.counter)
		s.block = sha256.Sum256(s.input)
		s.counter++
		s.next = 0
	}
	w := binary.BigEndian.Uint64(s.block[8*s.next:])
	s.next++
	return w
}

// below returns a uniform number in [0, n), n > 0, by rejection: words under 2^64 mod n
// are discarded so that every remainder is equally likely.
func (s *stream) below(n uint64) uint64 {
	reject := -n % n // 2^64 mod n in 64-bit arithmetic
	for {
		if x := s.word(); x >= reject {
			return x % n
		}
	}
}
