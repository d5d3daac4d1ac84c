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
// day at, page by page (a page is one transaction), telling progress how many of the total are done. Reading,
// grading and writing run at once, each on its own pages. Every grading replaces the
// latest of its business, and one that changed the grade is added to its history
// (grades_write.go).
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
	g, gctx := errgroup.WithContext(ctx)
	read, graded := make(chan *gradingPage, 1), make(chan *gradingPage, 1)
	s.readPages(gctx, g, run.at, first, last, read)
	g.Go(func() error {
		defer close(graded)
		for p := range read {
			if err := run.gradePage(gctx, p); err != nil || !passOn(gctx, graded, p) {
				return err
			}
		}
		return nil
	})
	g.Go(func() error {
		done := 0
		for p := range graded {
			if err := s.writeGrades(gctx, run.at, p.graded); err != nil {
				return err
			}
			sum.add(p)
			done += p.seen
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

// readPages reads the businesses with ids from first to last a page at a time on every
// core, in g, and passes on the pages that hold any, closing read at the end. Reading is
// most of a recompute's work when businesses have a record to read.
func (s *Service) readPages(ctx context.Context, g *errgroup.Group, at time.Time, first, last int64, read chan<- *gradingPage) {
	starts := make(chan int64)
	g.Go(func() error {
		defer close(starts)
		for start := first; start <= last; start += pageSize {
			select {
			case starts <- start:
			case <-ctx.Done():
				return nil
			}
		}
		return nil
	})
	var readers sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		readers.Add(1)
		g.Go(func() error {
			defer readers.Done()
			for start := range starts {
				p, err := s.readPage(ctx, at, pageSize, idRange, start, start+pageSize)
				if err != nil || p.seen > 0 && !passOn(ctx, read, p) {
					return err
				}
			}
			return nil
		})
	}
	g.Go(func() error {
		readers.Wait()
		close(read)
		return nil
	})
}

// passOn passes p on unless ctx ends first.
func passOn(ctx context.Context, ch chan<- *gradingPage, p *gradingPage) bool {
	select {
	case ch <- p:
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
	inputs []gradeInput // the businesses read that have a static table
	seen   int          // the businesses read
	last   int64        // the highest id read
	graded []storedGrade
	failed int
}
