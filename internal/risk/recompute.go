package risk

import (
	"context"
	"runtime"
	"sync"
)

// Schemes picks the scheme a business is graded under: the 2022 draft for producers when
// the city applies it (Producers non-nil), the default scheme otherwise.
type Schemes struct {
	Default, Producers *Scheme
}

// For returns the scheme for a sector.
func (s Schemes) For(sector Sector) *Scheme {
	if s.Producers != nil && s.Producers.covers(sector) {
		return s.Producers
	}
	return s.Default
}

// Progress is told how many businesses of the total are graded; a terminal progress bar or
// a page indicator shows it. It is called from one goroutine.
type Progress func(done, total int)

// Graded is the outcome of grading one input of a batch.
type Graded struct {
	Result Result
	Err    error
}

// chunk is how many businesses one worker grades at a time.
const chunk = 1024

// Recompute grades n businesses, input(i) giving the i-th, on every core. Results come to
// output one chunk at a time, in no particular order of chunks, from one goroutine, so
// that output may write them without locking. It stops at the first error of output or
// when ctx ends.
func Recompute(ctx context.Context, schemes Schemes, n int, input func(i int) Input,
	output func(first int, graded []Graded) error, progress Progress) error {
	return inChunks(ctx, n, func(first, end int) []Graded { return gradeChunk(schemes, first, end, input) }, output, progress)
}

func gradeChunk(schemes Schemes, first, end int, input func(i int) Input) []Graded {
	out := make([]Graded, end-first)
	for i := range out {
		in := input(first + i)
		out[i].Result, out[i].Err = schemes.For(in.Factors.Sector).Grade(in)
	}
	return out
}

// inChunks runs work over [0, n) a chunk at a time on every core and hands each chunk's
// outcome to output from one goroutine, telling progress the items done. It stops at the
// first error of output or when ctx ends.
func inChunks[T any](ctx context.Context, n int, work func(first, end int) []T,
	output func(first int, out []T) error, progress Progress) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	starts := make(chan int)
	done := make(chan chunkResult[T])
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for first := range starts {
				select {
				case done <- chunkResult[T]{first, work(first, min(first+chunk, n))}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(starts)
		for first := 0; first < n; first += chunk {
			select {
			case starts <- first:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(done) }()
	return collect(ctx, cancel, n, done, output, progress)
}

type chunkResult[T any] struct {
	first int
	out   []T
}

// collect hands every chunk to output and reports progress, then says why it stopped.
func collect[T any](ctx context.Context, cancel context.CancelFunc, n int, done <-chan chunkResult[T],
	output func(int, []T) error, progress Progress) error {
	var err error
	count := 0
	for c := range done {
		if err != nil {
			continue // drain, so that the workers end
		}
		if err = output(c.first, c.out); err != nil {
			cancel()
			continue
		}
		count += len(c.out)
		if progress != nil {
			progress(count, n)
		}
	}
	if err == nil {
		err = ctx.Err()
	}
	return err
}
