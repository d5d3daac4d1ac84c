package risk

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/shejian/shejian/internal/store"
)

// pageSize is how many businesses a recompute reads, grades and writes at a time; a page is
// written in one transaction.
const pageSize = 5000

// Summary counts what a recompute did: businesses graded by grade, the grades that changed
// (appended to the history, first gradings included), and the businesses skipped for
// having no static table (farms) or failing to grade.
type Summary struct {
	Graded  map[Grade]int `json:"graded"`
	Changed int           `json:"changed"`
	Skipped int           `json:"skipped"`
	Failed  int           `json:"failed"`
}

// RecomputeAll grades every business registered when it starts that is not closed, on the
// day at, page by page (a page is one transaction), telling progress how many of the total
// are done. Reading, grading and writing run at once, each on its own pages (stageWorkers).
// Every grading replaces the latest of its business, and one that changed the grade is
// added to its history (grades_write.go).
func (s *Service) RecomputeAll(ctx context.Context, at time.Time, producersDraft bool, progress Progress) (Summary, error) {
	sum := Summary{Graded: map[Grade]int{}}
	run, err := s.newRun(ctx, at, producersDraft)
	if err != nil {
		return sum, err
	}
	var total int
	var first, last int64
	if err := s.st.ReadDB().QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(MIN(id), 0), COALESCE(MAX(id), -1)
		FROM businesses WHERE status <> 'closed'`).Scan(&total, &first, &last); err != nil {
		return sum, fmt.Errorf("count businesses: %w", store.Normalize(err))
	}
	if progress != nil {
		progress(0, total)
	}
	readers, graders, writers := stageWorkers(s.st.Dialect())
	readAt, release, err := s.recomputeReader(ctx)
	if err != nil {
		return sum, err
	}
	defer release()
	g, gctx := errgroup.WithContext(ctx)
	starts, read, graded, written := make(chan int64), make(chan *gradingPage, 1), make(chan *gradingPage, 1), make(chan *gradingPage)
	g.Go(func() error {
		defer close(starts)
		for start := first; start <= last; start += pageSize {
			if !passOn(gctx, starts, start) {
				break
			}
		}
		return nil
	})
	pool := make(pagePool, 2*(readers+graders+writers)) // about as many as are on their way at once
	inStage(gctx, g, readers, starts, read, func(start int64) (*gradingPage, bool, error) {
		p := pool.get()
		err := readAt(gctx, p, run.at, start)
		if err == nil && p.seen == 0 {
			pool.put(p)
		}
		return p, err == nil && p.seen > 0, err
	})
	inStage(gctx, g, graders, read, graded, func(p *gradingPage) (*gradingPage, bool, error) {
		return p, true, run.gradePage(p)
	})
	inStage(gctx, g, writers, graded, written, func(p *gradingPage) (*gradingPage, bool, error) {
		return p, true, s.writeGrades(gctx, run.at, p.graded)
	})
	g.Go(func() error {
		done := 0
		for p := range written {
			sum.add(p)
			done += p.seen
			pool.put(p)
			if progress != nil {
				progress(done, total)
			}
		}
		return nil
	})
	if err := g.Wait(); err != nil {
		return sum, err
	}
	return sum, ctx.Err() // a stage stops quietly when ctx ends
}

// stageWorkers says how many goroutines read pages, grade them and write them. On two
// cores, the machine a recompute is sized for, one goroutine a stage keeps both busy: more
// only take turns with the others, and on SQLite, with its one writer, the writing is the
// longest stage. On PostgreSQL the server does most of the reading and writing, in a
// process a connection, and transactions write side by side: there every core reads and
// writes. Grading gets the cores of a larger machine that reading and writing leave.
func stageWorkers(d store.Dialect) (readers, graders, writers int) {
	cores := runtime.GOMAXPROCS(0)
	if d == store.Postgres {
		return cores, max(1, cores-2), cores
	}
	return 1, max(1, cores-2), 1
}

// inStage runs n workers in g that take the items of in, pass each through work and, when
// it says so, on to out, which is closed once they have all ended. A worker stops at the
// first error of work, or quietly when ctx ends.
func inStage[I, O any](ctx context.Context, g *errgroup.Group, n int, in <-chan I, out chan<- O,
	work func(I) (O, bool, error)) {
	var workers sync.WaitGroup
	for range n {
		workers.Add(1)
		g.Go(func() error {
			defer workers.Done()
			for item := range in {
				o, ok, err := work(item)
				if err != nil || ok && !passOn(ctx, out, o) {
					return err
				}
			}
			return nil
		})
	}
	g.Go(func() error {
		workers.Wait()
		close(out)
		return nil
	})
}

// passOn passes v on unless ctx ends first.
func passOn[T any](ctx context.Context, ch chan<- T, v T) bool {
	select {
	case ch <- v:
		return true
	case <-ctx.Done():
		return false
	}
}

func (s *Summary) add(p *gradingPage) {
	for _, g := range p.graded {
		s.Graded[g.grade]++
		if g.changed {
			s.Changed++
		}
	}
	s.Skipped += p.seen - len(p.inputs)
	s.Failed += p.failed
}

// gradingPage is a page of businesses on its way through a recompute: read, then graded.
type gradingPage struct {
	inputs  []gradeInput // the businesses read that have a static table
	records []byte       // their packed records, one after another
	seen    int          // the businesses read
	graded  []storedGrade
	failed  int
}

// empty empties p for another page, keeping its arrays.
func (p *gradingPage) empty() {
	*p = gradingPage{inputs: p.inputs[:0], records: p.records[:0], graded: p.graded[:0]}
}

// pagePool keeps the pages a recompute has written, for its reading to fill again rather
// than allocate: a page's arrays hold five thousand businesses.
type pagePool chan *gradingPage

func (pool pagePool) get() *gradingPage {
	select {
	case p := <-pool:
		return p
	default:
		return &gradingPage{inputs: make([]gradeInput, 0, pageSize), records: make([]byte, 0, pageSize*recordBytes)}
	}
}

// put keeps p unless the pool is full.
func (pool pagePool) put(p *gradingPage) {
	select {
	case pool <- p:
	default:
	}
}

// recordBytes is about how long a packed record of five years is: ten events of about 8 bytes.
const recordBytes = 128
