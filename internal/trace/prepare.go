package trace

import (
	"encoding/json"
	"errors"
	"sync"
	"time"

	"github.com/shejian/shejian/internal/epcis"
)

// prepared is a document validated and made ready to store: its records in document
// order, or the problems that refuse it.
type prepared struct {
	records  []record
	problems []epcis.Problem
	base     string // JSON pointer of the event list; "" for a single event
	context  json.RawMessage
	events   int       // how many events the document holds
	uris     knownURIs // the URIs the records name, looked up before the transaction
}

// prepare validates doc and makes its events records, each on up to workers cores. A
// document over maxEvents is refused before any validation (epcis.ErrTooManyEvents).
func prepare(doc []byte, now time.Time, maxEvents, workers int) (prepared, error) {
	d, err := epcis.Validation{Now: now, MaxEvents: maxEvents, Workers: workers}.Validate(doc)
	p := prepared{base: d.ListPointer, context: d.Context, events: d.Count}
	var invalid *epcis.InvalidError
	if errors.As(err, &invalid) {
		p.problems = invalid.Problems
		return p, nil
	}
	if err != nil {
		return p, err
	}
	p.records, err = newRecords(d.Events, now.UTC().Truncate(time.Millisecond), workers)
	return p, err
}

// minRecords is the fewest events worth a goroutine of their own to make records of.
const minRecords = 64

// newRecords makes the records of events, recorded at recorded, sharing them among up to
// workers goroutines that each take every n-th.
func newRecords(events []epcis.Event, recorded time.Time, workers int) ([]record, error) {
	records := make([]record, len(events))
	workers = max(1, min(workers, len(events)/minRecords))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(events) && errs[w] == nil; i += workers {
				records[i], errs[w] = newRecord(events[i], i, recorded)
			}
		})
	}
	wg.Wait()
	return records, errors.Join(errs...)
}
