package trace

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/i18n"
)

// minPart is the fewest events worth validating as a part of their own: each part repeats
// the envelope's validation and costs a goroutine.
const minPart = 64

// prepared is a document validated and made ready to store: its records in document
// order, or the problems that refuse it.
type prepared struct {
	records  []record
	problems []epcis.Problem
	base     string // JSON pointer of the event list; "" for a single event
	context  json.RawMessage
	events   int // how many events the document holds
}

// prepare validates doc and makes its events records on up to workers cores: the event
// list is cut into parts that are validated and read in parallel, as documents of their
// own. A document over maxEvents is refused before any validation (errTooManyEvents).
func prepare(doc []byte, now time.Time, maxEvents, workers int) (prepared, error) {
	doc = bytes.TrimPrefix(doc, []byte("\xef\xbb\xbf"))
	s, err := splitDocument(doc)
	if err != nil {
		return prepareWhole(doc, now)
	}
	p := prepared{base: s.base, context: s.context, events: len(s.items)}
	if p.events > maxEvents {
		return p, errTooManyEvents
	}
	bounds := partBounds(p.events, workers)
	results := make([]partResult, len(bounds)-1)
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() {
			from, to := bounds[i], bounds[i+1]
			results[i] = preparePart(s.part(from, to), from, now)
		})
	}
	wg.Wait()
	for i, res := range results {
		if res.err != nil {
			return p, res.err
		}
		for _, pr := range res.problems {
			pr = rebase(pr, s.base, bounds[i])
			if pr.Event >= 0 || i == 0 || strings.HasPrefix(pr.Pointer, s.base+"/") {
				p.problems = append(p.problems, pr)
			}
		}
		p.records = append(p.records, res.records...)
	}
	p.problems = append(p.problems, crossPartDuplicates(p.records, bounds, s.base)...)
	sortProblems(p.problems)
	return p, nil
}

// prepareWhole validates a document that split cannot cut (a single event, or one that is
// not valid JSON) in one piece.
func prepareWhole(doc []byte, now time.Time) (prepared, error) {
	var head struct {
		Context json.RawMessage `json:"@context"`
		Type    string          `json:"type"`
	}
	json.Unmarshal(doc, &head) // a document that is no JSON object has neither; Validate says why
	res := preparePart(doc, 0, now)
	p := prepared{records: res.records, problems: res.problems, base: listBase[head.Type], context: head.Context, events: len(res.records)}
	if slices.Contains(EventTypes[1:], head.Type) {
		p.events = 1 // counted even when it is refused
	}
	return p, res.err
}

// partBounds cuts n events into at most workers parts of at least minPart events each and
// returns the parts' bounds: part i is [b[i], b[i+1]).
func partBounds(n, workers int) []int {
	parts := max(1, min(workers, n/minPart))
	b := make([]int, parts+1)
	for i := range b {
		b[i] = i * n / parts
	}
	return b
}

// partResult is a part's records, or its problems.
type partResult struct {
	records  []record
	problems []epcis.Problem
	err      error
}

// preparePart validates one part, whose first event is event offset of the document, and
// reads its events.
func preparePart(doc []byte, offset int, now time.Time) partResult {
	events, err := epcis.Validate(doc, now)
	var invalid *epcis.InvalidError
	if errors.As(err, &invalid) {
		return partResult{problems: invalid.Problems}
	}
	if err != nil {
		return partResult{err: err}
	}
	recorded := now.UTC().Truncate(time.Millisecond)
	records := make([]record, len(events))
	for i, ev := range events {
		if records[i], err = newRecord(ev, offset+i, recorded); err != nil {
			return partResult{err: err}
		}
	}
	return partResult{records: records}
}

// rebase turns a part's problem into the document's: event indexes, the pointers into
// the event list and the message's event numbers move by the part's offset.
func rebase(p epcis.Problem, base string, offset int) epcis.Problem {
	if offset == 0 {
		return p
	}
	if p.Event >= 0 {
		p.Event += offset
	}
	if rest, ok := strings.CutPrefix(p.Pointer, base+"/"); ok {
		index, tail, _ := strings.Cut(rest, "/")
		if n, err := strconv.Atoi(index); err == nil {
			p.Pointer = base + "/" + strconv.Itoa(n+offset) + strings.TrimSuffix("/"+tail, "/")
			if list := base[strings.LastIndexByte(base, '/')+1:] + "/"; p.Params["field"] == list+index {
				p.Params["field"] = list + strconv.Itoa(n+offset) // the field is the event itself
			}
		}
	}
	if first, ok := p.Params["first"].(int); ok && p.Rule == epcis.RuleDuplicateEventID {
		p.Params["first"] = first + offset
	}
	p.Message = i18n.T(i18n.English, "rule."+p.Rule, p.Params)
	return p
}

// crossPartDuplicates finds the eventIDs two parts use with different content, which no
// part's validation could see: as Validate does within a document, each such event is
// compared with the first event of the eventID.
func crossPartDuplicates(records []record, bounds []int, base string) []epcis.Problem {
	partOf := func(index int) int {
		i, _ := slices.BinarySearch(bounds, index+1)
		return i - 1
	}
	first := map[string]*record{}
	var problems []epcis.Problem
	for i := range records {
		r := &records[i]
		f, seen := first[r.eventID]
		switch {
		case !seen:
			first[r.eventID] = r
		case !bytes.Equal(f.hash, r.hash) && partOf(f.index) != partOf(r.index):
			problems = append(problems, newProblem(r, base, "/eventID", epcis.RuleDuplicateEventID,
				map[string]any{"eventID": r.eventID, "first": f.index}))
		}
	}
	return problems
}

// sortProblems orders problems as Validate does: by event, then pointer, then rule.
func sortProblems(problems []epcis.Problem) {
	slices.SortStableFunc(problems, func(a, b epcis.Problem) int {
		return cmp.Or(cmp.Compare(a.Event, b.Event), cmp.Compare(a.Pointer, b.Pointer), cmp.Compare(a.Rule, b.Rule))
	})
}
