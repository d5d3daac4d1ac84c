package graph

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
)

// TestAddWhileQuerying adds and retracts events while queries run (run it with -race): every
// answer during the writes is well formed, and once the writer is done the answers equal
// those of an index built with no queries running.
func TestAddWhileQuerying(t *testing.T) {
	events, gen := generated(20_000)
	lots := slices.Concat(gen.farmLots, gen.endLots)
	retracted := func(row int64) bool { return row%50 == 0 }

	ix := New()
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(done)
		for i, batch := range slices.Collect(slices.Chunk(events, 100)) {
			var err error
			if i%2 == 0 {
				err = ix.AddBatch(batch)
			} else {
				err = ix.Add(batch[0])
				err = errors.Join(err, ix.AddBatch(batch[1:]))
			}
			if err != nil {
				t.Error(err)
			}
			for _, e := range batch {
				if retracted(e.Row) {
					ix.Retract(e.Row)
				}
			}
		}
	})
	for range 3 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-done:
					return
				default:
				}
				checkAnswers(t, ix, lots[i%len(lots)], int64(len(events)))
			}
		})
	}
	wg.Wait()

	var retract []int64
	for _, e := range events {
		if retracted(e.Row) {
			retract = append(retract, e.Row)
		}
	}
	want := mustIndex(t, events, retract...)
	for _, id := range lots {
		for _, walk := range []func(*Index) (any, error){
			func(ix *Index) (any, error) { return ix.Forward(id, Options{}) },
			func(ix *Index) (any, error) { return ix.Backward(id, Options{}) },
			func(ix *Index) (any, error) { return ix.Recall(id, Options{}) },
		} {
			got, err1 := walk(ix)
			exp, err2 := walk(want)
			if err1 != nil || err2 != nil || !reflect.DeepEqual(got, exp) {
				t.Fatalf("%s: answer after concurrent writes differs (errors %v, %v)", short(id), err1, err2)
			}
		}
	}
}

// checkAnswers traces id both ways during the writes: the identifier may not be there
// yet, but an answer must be in time order with rows among those being added.
func checkAnswers(t *testing.T, ix *Index, id string, maxRow int64) {
	for _, walk := range []func(string, Options) (Trace, error){ix.Forward, ix.Backward} {
		tr, err := walk(id, Options{})
		if errors.Is(err, ErrUnknownID) {
			continue
		}
		if err != nil {
			t.Error(err)
			return
		}
		if !slices.IsSortedFunc(tr.Steps, func(a, b Step) int { return a.Time.Compare(b.Time) }) {
			t.Errorf("%s: steps out of time order", short(id))
		}
		for _, s := range tr.Steps {
			if s.Row < 1 || s.Row > maxRow || !strings.HasPrefix(s.ID, "https://id.gs1.org/") {
				t.Errorf("%s: step of row %d about %q", short(id), s.Row, s.ID)
			}
		}
	}
	if _, err := ix.Recall(id, Options{}); err != nil && !errors.Is(err, ErrUnknownID) {
		t.Error(err)
	}
}
