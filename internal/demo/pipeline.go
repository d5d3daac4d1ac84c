package demo

import (
	"context"
	"runtime"
	"sync"

	"github.com/shejian/shejian/internal/registry"
)

// batch is a run of generated businesses. A gram worker fills in their search grams and
// closes ready.
type batch struct {
	businesses [][]any
	texts      []searchText // what the search index holds of each business
	grams      [][]any
	ready      chan struct{}
}

// run generates the businesses in one goroutine, computes their search grams in a worker
// per CPU (the grams cost more than the rest of a business) and calls write with each batch
// in id order, so that generating and writing overlap. It stops at the first error.
func (g *generator) run(ctx context.Context, size int, write func(*batch) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := runtime.GOMAXPROCS(0)
	ordered, jobs := make(chan *batch, 2*workers), make(chan *batch, 2*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for b := range jobs {
				g.fillGrams(b)
				close(b.ready)
			}
		})
	}
	produced := make(chan error, 1)
	go func() {
		produced <- g.produce(size, func(b *batch) error {
			b.ready = make(chan struct{})
			select {
			case ordered <- b:
				jobs <- b
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		close(jobs)
		close(ordered)
	}()
	var err error
	for b := range ordered {
		<-b.ready
		if err == nil {
			if err = write(b); err != nil {
				cancel()
			}
		}
	}
	wg.Wait()
	if perr := <-produced; err == nil {
		err = perr
	}
	return err
}

// searchText is what the search index holds of a business: the grams of its name and
// address, and on PostgreSQL the keys of its place.
type searchText struct {
	name, address string
	place         registry.Place
}

// fillGrams computes the search grams of b's businesses as the engine stores them: a text[]
// on PostgreSQL, one space-separated string for SQLite's FTS5.
func (g *generator) fillGrams(b *batch) {
	b.grams = make([][]any, len(b.texts))
	for i, t := range b.texts {
		id := b.businesses[i][0].(int64)
		b.grams[i] = []any{id, registry.GramsArg(g.dialect, id, registry.IndexGrams(t.name, t.address), t.place)}
	}
}
