package graph

import (
	"encoding/binary"
	"hash/maphash"
	"unsafe"
)

// interner numbers strings (字符串驻留): each distinct string is stored once, in an arena of
// byte chunks, and named by a dense uint32 from 0 on, so events and posting lists hold 4-byte
// numbers instead of 50-byte URIs. Number 0 is always the empty string, which the index uses
// as "none". Nothing in it holds a pointer per string, so the garbage collector never scans
// millions of entries.
type interner struct {
	seed  maphash.Seed
	bytes [][]byte       // the arena: each string as its uvarint length and its bytes
	used  int            // bytes used in the last chunk
	refs  column[uint64] // number → chunk<<32 | offset in the arena
	// slots is an open-addressing table: the hash's high 32 bits (which also choose the
	// slot) above the number plus one; 0 is an empty slot.
	slots []uint64
	// recent remembers the last strings interned, by a cheap hash of their tail:
	// consecutive events repeat places, lots and units, and a hit costs no table lookup.
	// Only intern uses it.
	recent [1 << recentBits]struct {
		s  string
		id uint32
	}
}

const (
	stringChunk  = 1 << 20
	initialSlots = 1 << 10
	recentBits   = 12
)

func newInterner() *interner {
	in := &interner{seed: maphash.MakeSeed(), slots: make([]uint64, initialSlots)}
	in.number("") // number 0; the empty entries of recent say so already
	return in
}

// len is how many strings are numbered.
func (in *interner) len() int { return in.refs.n }

// str returns the string numbered id. It points into the arena, which is never written
// again, so it needs no copy.
func (in *interner) str(id uint32) string {
	if id == 0 {
		return ""
	}
	ref := in.refs.at(id)
	b := in.bytes[ref>>32][uint32(ref):]
	n, k := binary.Uvarint(b)
	if n == 0 {
		return ""
	}
	return unsafe.String(&b[k], n)
}

// lookup returns the number of s, if s has one.
func (in *interner) lookup(s string) (uint32, bool) {
	tag := in.tag(s)
	mask := uint32(len(in.slots) - 1)
	for i := tag & mask; ; i = (i + 1) & mask {
		slot := in.slots[i]
		if slot == 0 {
			return 0, false
		}
		if uint32(slot>>32) == tag && in.str(uint32(slot)-1) == s {
			return uint32(slot) - 1, true
		}
	}
}

// intern returns the number of s, numbering it when new. The table must have room: the
// writer calls grown first.
func (in *interner) intern(s string) uint32 {
	h := uint64(len(s)) // from the length and the last 8 bytes, where identifiers differ
	for i := max(0, len(s)-8); i < len(s); i++ {
		h = h*31 + uint64(s[i])
	}
	r := &in.recent[(h*0x9E3779B97F4A7C15)>>(64-recentBits)]
	if r.s == s {
		return r.id
	}
	r.id = in.number(s)
	r.s = in.str(r.id)
	return r.id
}

// number finds or numbers s in the table.
func (in *interner) number(s string) uint32 {
	tag := in.tag(s)
	mask := uint32(len(in.slots) - 1)
	i := tag & mask
	for ; in.slots[i] != 0; i = (i + 1) & mask {
		slot := in.slots[i]
		if uint32(slot>>32) == tag && in.str(uint32(slot)-1) == s {
			return uint32(slot) - 1
		}
	}
	id := in.refs.push(in.store(s))
	in.slots[i] = uint64(tag)<<32 | uint64(id+1)
	return id
}

// store appends s to the arena and returns its reference.
func (in *interner) store(s string) uint64 {
	need := binary.MaxVarintLen64 + len(s)
	if len(in.bytes) == 0 || in.used+need > len(in.bytes[len(in.bytes)-1]) {
		in.bytes = append(in.bytes, make([]byte, max(need, stringChunk)))
		in.used = 0
	}
	last := len(in.bytes) - 1
	ref := uint64(last)<<32 | uint64(in.used)
	chunk := in.bytes[last]
	in.used += binary.PutUvarint(chunk[in.used:], uint64(len(s)))
	in.used += copy(chunk[in.used:], s)
	return ref
}

// grown returns a larger slot table when extra more strings could fill the table past three
// quarters, else nil. It only reads, so the writer builds it while queries go on and swaps it
// in under the lock.
func (in *interner) grown(extra int) []uint64 {
	size := len(in.slots)
	for (in.len()+extra)*4 > size*3 {
		size *= 2
	}
	if size == len(in.slots) {
		return nil
	}
	slots := make([]uint64, size)
	mask := uint32(size - 1)
	for _, slot := range in.slots {
		if slot == 0 {
			continue
		}
		i := uint32(slot>>32) & mask
		for slots[i] != 0 {
			i = (i + 1) & mask
		}
		slots[i] = slot
	}
	return slots
}

func (in *interner) tag(s string) uint32 { return uint32(maphash.String(in.seed, s) >> 32) }
