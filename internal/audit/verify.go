package audit

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/shejian/shejian/internal/store"
)

// The kinds of Problem, from the package doc.
const (
	Changed      = "changed"
	Removed      = "removed"
	Reordered    = "reordered"
	HeadMismatch = "head_mismatch"
)

// Problem is the first break in the chain: the seq where it shows, its kind and a sentence
// for the operator.
type Problem struct {
	Seq    int64
	Kind   string
	Detail string
}

func (p *Problem) String() string { return fmt.Sprintf("entry %d: %s: %s", p.Seq, p.Kind, p.Detail) }

// How Verify splits the chain: into at most maxParts ranges of at least partSize entries,
// each read and hashed by its own pair of goroutines. Tests lower them to cross boundaries.
var (
	maxParts = min(runtime.GOMAXPROCS(0), 4)
	partSize = int64(200_000)
)

// progressTick is how often Verify reports progress.
const progressTick = 100 * time.Millisecond

// Verify recomputes the whole chain and returns how many entries it found intact and the
// first Problem, or nil when the chain and the head agree. progress, if not nil, is called
// now and then with the entries checked and the head's count, from the calling goroutine.
// err is a failure to read, not a broken chain.
//
// The chain is read in ranges of seq in parallel. The last range is read in the snapshot
// that read the head, so it sees exactly the entries the head counts; the others in
// snapshots taken after it, which hold every entry below the head, since entries are only
// ever appended.
func Verify(ctx context.Context, st *store.Store, progress func(done, total int64)) (checked int64, problem *Problem, err error) {
	tx, err := beginRead(ctx, st)
	if err != nil {
		return 0, nil, err
	}
	defer tx.Rollback()
	var headSeq int64
	var headHash []byte
	if err := tx.QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&headSeq, &headHash); err != nil {
		return 0, nil, fmt.Errorf("audit verify: read head: %w", store.Normalize(err))
	}
	parts := split(headSeq, headHash)
	parts[len(parts)-1].tx = tx
	for _, p := range parts[:len(parts)-1] {
		if p.tx, err = beginRead(ctx, st); err != nil {
			return 0, nil, err
		}
		defer p.tx.Rollback()
	}
	var done atomic.Int64
	var wg sync.WaitGroup
	for _, p := range parts {
		wg.Go(func() { p.run(ctx, st.Dialect(), &done) })
	}
	wait(&wg, func() {
		if progress != nil {
			progress(done.Load(), headSeq)
		}
	})
	return merge(parts)
}

func beginRead(ctx context.Context, st *store.Store) (*sql.Tx, error) {
	tx, err := st.ReadDB().BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead})
	if err != nil {
		return nil, fmt.Errorf("audit verify: begin: %w", err)
	}
	return tx, nil
}

// wait calls tick every progressTick until wg is done, and once more at the end.
func wait(wg *sync.WaitGroup, tick func()) {
	finished := make(chan struct{})
	go func() { wg.Wait(); close(finished) }()
	t := time.NewTicker(progressTick)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			tick()
		case <-finished:
			tick()
			return
		}
	}
}

// split divides seq 1 to headSeq into ranges; the last one is open-ended, so that it meets
// entries lying past the head.
func split(headSeq int64, headHash []byte) []*part {
	n := max(1, min(int64(maxParts), headSeq/partSize))
	parts := make([]*part, n)
	for i := range n {
		from := 1 + i*headSeq/n
		parts[i] = &part{from: from, to: (i + 1) * headSeq / n, v: verifier{headSeq: headSeq, headHash: headHash, next: from}}
		if from == 1 {
			parts[i].v.last = []byte(GenesisHash)
		}
	}
	parts[n-1].to = math.MaxInt64
	return parts
}

// merge returns the first problem in seq order: a part's own, or a broken link between two
// parts (the first entry of a part does not follow the last of the one before).
func merge(parts []*part) (int64, *Problem, error) {
	var checked int64
	for i, p := range parts {
		if i > 0 && p.v.first != nil && !bytes.Equal(p.v.first, parts[i-1].v.last) {
			return checked, linkBroken(p.from), nil
		}
		checked += p.v.checked
		switch {
		case p.v.problem != nil:
			return checked, p.v.problem, nil
		case p.err != nil:
			return checked, nil, fmt.Errorf("audit verify: read entries from %d: %w", p.from, p.err)
		}
	}
	return checked, nil, nil
}

// part is one range of the chain: from to to, both included.
type part struct {
	from, to int64
	tx       *sql.Tx
	v        verifier
	err      error
}

// run reads the part in one goroutine and hashes it in this one, until its end or its
// first problem.
func (p *part) run(ctx context.Context, d store.Dialect, done *atomic.Int64) {
	readCtx, stop := context.WithCancel(ctx)
	defer stop()
	full, free := make(chan *batch), make(chan *batch, batchCount)
	for range batchCount {
		free <- &batch{}
	}
	go func() {
		p.err = readChain(readCtx, p.tx, d, p.from, p.to, full, free)
		close(full)
	}()
	for b := range full {
		if p.v.problem == nil {
			before := p.v.checked
			if p.v.check(b); p.v.problem != nil {
				stop() // the reader ends at its next row
			}
			done.Add(p.v.checked - before)
		}
		free <- b
	}
	if p.v.problem == nil && p.err == nil {
		p.v.finish(p.to)
	}
}

// verifier walks a range of the chain in seq order.
type verifier struct {
	headSeq  int64
	headHash []byte
	next     int64  // the seq the next row must have
	last     []byte // the stored hash of the row before; nil before a part's first row
	first    []byte // the prev_hash of a part's first row, checked against the part before
	checked  int64
	problem  *Problem
}

// check verifies the rows of b until the first problem.
func (v *verifier) check(b *batch) {
	var sum [2 * sha256.Size]byte
	for i := range b.rows {
		r := &b.rows[i]
		switch {
		case r.seq > v.headSeq:
			v.fail(r.seq, HeadMismatch, "the entry lies past the head at %d: it was appended without moving the head", v.headSeq)
			return
		case r.seq != v.next:
			v.fail(v.next, Removed, "entries %d to %d are missing", v.next, r.seq-1)
			return
		}
		msg, hash := b.bytes(r.msg), b.bytes(r.hash)
		if hexHash(&sum, msg); !bytes.Equal(sum[:], hash) {
			v.mismatch(r.seq, msg, hash)
			return
		}
		switch prev := b.bytes(r.prev); {
		case v.last == nil:
			v.first = bytes.Clone(prev)
		case !bytes.Equal(prev, v.last):
			v.problem = linkBroken(r.seq)
			return
		}
		v.last = append(v.last[:0], hash...)
		v.next++
		v.checked++
	}
}

// maxSearch bounds the positions mismatch tries for a misplaced row.
const maxSearch = 1 << 26

// mismatch reports a row whose columns do not give its hash: a reordered row when they give
// it at another seq (the row was moved there), a changed one otherwise.
func (v *verifier) mismatch(seq int64, msg, hash []byte) {
	moved := bytes.Clone(msg)
	var sum [2 * sha256.Size]byte
	for k := int64(1); k <= min(max(v.headSeq, seq+1), maxSearch); k++ {
		if k == seq {
			continue
		}
		putSeq(moved, k)
		if hexHash(&sum, moved); bytes.Equal(sum[:], hash) {
			v.fail(seq, Reordered, "the entry was written as entry %d", k)
			return
		}
	}
	v.fail(seq, Changed, "its columns no longer match its hash")
}

// finish checks, once every row of a part ending at to passed, that none is missing at its
// end and, for the last part, that the head agrees with the last entry.
func (v *verifier) finish(to int64) {
	end := min(to, v.headSeq)
	switch {
	case v.next <= end && to < math.MaxInt64:
		v.fail(v.next, Removed, "entries %d to %d are missing", v.next, end)
	case v.next <= end:
		v.fail(v.next, Removed, "the head counts %d entries but the log ends at %d", v.headSeq, v.next-1)
	case to == math.MaxInt64 && !bytes.Equal(v.last, v.headHash):
		v.fail(v.headSeq, HeadMismatch, "the head's hash is not the hash of the last entry")
	}
}

func (v *verifier) fail(seq int64, kind, format string, args ...any) {
	v.problem = &Problem{Seq: seq, Kind: kind, Detail: fmt.Sprintf(format, args...)}
}

func linkBroken(seq int64) *Problem {
	return &Problem{Seq: seq, Kind: Reordered,
		Detail: fmt.Sprintf("its prev_hash is not the hash of entry %d: the chain was cut and rejoined here", seq-1)}
}
