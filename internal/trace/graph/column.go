package graph

// column is a grow-only array in fixed-size chunks: appending never copies what is stored,
// so growing to ten million entries neither doubles memory for a moment nor holds readers
// while tens of megabytes move.
type column[T any] struct {
	chunks [][]T
	n      int
}

const (
	columnBits = 16
	columnSize = 1 << columnBits
	columnMask = columnSize - 1
)

// push appends v and returns its index.
func (c *column[T]) push(v T) uint32 {
	if c.n&columnMask == 0 {
		c.chunks = append(c.chunks, make([]T, columnSize))
	}
	c.chunks[c.n>>columnBits][c.n&columnMask] = v
	c.n++
	return uint32(c.n - 1)
}

// at returns entry i.
func (c *column[T]) at(i uint32) T { return c.chunks[i>>columnBits][i&columnMask] }

// ref returns a pointer to entry i, for updating it in place.
func (c *column[T]) ref(i uint32) *T { return &c.chunks[i>>columnBits][i&columnMask] }

// wordArena holds the variable part of every event record as runs of uint32 words in chunks.
// A run never straddles two chunks; a run longer than a chunk gets a chunk of its own. A run
// is found by its position: chunk number and offset packed in one uint32.
type wordArena struct {
	chunks [][]uint32
	used   int // words used in the last chunk
}

const (
	arenaBits = 18
	arenaSize = 1 << arenaBits
	arenaMask = arenaSize - 1
)

// alloc reserves n words and returns their position and the words to fill.
func (a *wordArena) alloc(n int) (uint32, []uint32) {
	if len(a.chunks) == 0 || a.used+n > len(a.chunks[len(a.chunks)-1]) {
		a.chunks = append(a.chunks, make([]uint32, max(n, arenaSize)))
		a.used = 0
	}
	last := len(a.chunks) - 1
	pos := uint32(last)<<arenaBits | uint32(a.used)
	run := a.chunks[last][a.used : a.used+n : a.used+n]
	a.used += n
	return pos, run
}

// from returns the words from position pos to the end of its chunk; the record's own header
// tells how many of them are its own.
func (a *wordArena) from(pos uint32) []uint32 { return a.chunks[pos>>arenaBits][pos&arenaMask:] }
