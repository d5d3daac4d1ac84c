package trace

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/epcis"
)

// TestPrepare: a valid document gives one record per event in document order, on one core
// or several; an invalid one the problems of epcis.Validate; one over the limit is too
// large.
func TestPrepare(t *testing.T) {
	events := make([]string, 300)
	for i := range events {
		events[i] = shipping("", i, gs1Place, "")
	}
	valid := document(events...)
	invalid := []byte(strings.Replace(string(valid), `"bizStep": "shipping"`, `"bizStep": "shiping"`, 1))
	now := time.Now()
	for _, workers := range []int{1, 3} {
		p, err := prepare(valid, now, MaxEvents, workers)
		if err != nil || len(p.problems) > 0 || len(p.records) != len(events) || p.events != len(events) || p.base != "/epcisBody/eventList" {
			t.Fatalf("%d workers: %d records of %d events at %q, problems %v, %v", workers, len(p.records), p.events, p.base, p.problems, err)
		}
		for i, r := range p.records {
			if r.index != i || !strings.Contains(r.json, `"recordTime":`) {
				t.Fatalf("%d workers: record %d is event %d: %s", workers, i, r.index, r.json)
			}
		}
	}
	_, err := epcis.Validate(invalid, now)
	var want *epcis.InvalidError
	if !errors.As(err, &want) {
		t.Fatal(err)
	}
	if p, err := prepare(invalid, now, MaxEvents, 2); err != nil || !reflect.DeepEqual(p.problems, want.Problems) || p.events != len(events) {
		t.Errorf("problems %v, %v; want %v", p.problems, err, want.Problems)
	}
	if _, err := prepare(valid, now, len(events)-1, 2); !errors.Is(err, epcis.ErrTooManyEvents) {
		t.Errorf("over the limit: %v", err)
	}
}
