package synth

import (
	"errors"
	"fmt"

	"github.com/shejian/shejian/internal/epcis"
)

// Context is the JSON-LD context every document names: the full EPCIS 2.0 context.
const Context = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"

// The envelope of a document, around its creationDate and its events.
const (
	docHead = `{"@context":["` + Context + `"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"`
	docBody = `","epcisBody":{"eventList":[`
	docTail = `]}}`
)

// Documents writes the chain's events as EPCIS 2.0 JSON-LD documents of at most perDoc
// events, exactly Config.Events events in all, in causal order: no event comes before one
// it depends on. A flow's events stay in one document, unless the flow alone holds more
// than perDoc: documents sent at once may be captured in any order, and capture checks a
// market's 一票通 sales against what the market received, in the same flow (flows share no
// lots). It hands each document to yield and stops at yield's first error, which it
// returns. The slice is reused for the next document: copy it to keep it.
func (c *Chain) Documents(perDoc int, yield func(doc []byte) error) error {
	if perDoc < 1 {
		return fmt.Errorf("synth: %d events per document", perDoc)
	}
	w := docWriter{perDoc: perDoc, end: c.cfg.End.UnixMilli(), yield: yield}
	err := c.walk(func(b *builder, take int) error {
		if w.n+take > perDoc {
			if err := w.flush(); err != nil {
				return err
			}
		}
		for i := range take {
			if err := w.add(b, &b.events[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return w.flush()
}

// walk plans the chain's flows in order, each starting a little later, and hands each to
// visit with how many of its events belong to the chain: all of them but in the last
// flow, which is cut so that the chain holds exactly Config.Events events, and which is
// planned without corrections, so that no wrongly recorded event is left undeclared.
func (c *Chain) walk(visit func(b *builder, take int) error) error {
	b := newBuilder(c)
	first := c.cfg.End.Add(-c.cfg.Span).UnixMilli()
	last := c.cfg.End.Add(-flowMargin).UnixMilli()
	for f, done := uint64(0), 0; done < c.cfg.Events; f++ {
		start := first + int64(float64(last-first)*float64(done)/float64(c.cfg.Events))
		b.reset(f, false)
		b.plan(start)
		if len(b.events) > c.cfg.Events-done {
			b.reset(f, true) // the flow will be cut: plan it without corrections to cut
			b.plan(start)    // none in half
		}
		take := min(len(b.events), c.cfg.Events-done)
		if err := visit(b, take); err != nil {
			return err
		}
		done += take
	}
	return nil
}

// docWriter gathers events into one document buffer it reuses.
type docWriter struct {
	perDoc, n   int
	latest, end int64 // the latest time in the document; Config.End
	buf         []byte
	yield       func([]byte) error
}

// add writes event e of b's flow into the document, handing the document on when full.
func (w *docWriter) add(b *builder, e *event) error {
	if w.n == 0 {
		w.buf = append(w.buf[:0], docHead...)
		w.buf = appendTime(w.buf, w.end) // a placeholder of the same width, see flush
		w.buf = append(w.buf, docBody...)
	} else {
		w.buf = append(w.buf, ',')
	}
	hash, err := b.declaredHash(e)
	if err != nil {
		return err
	}
	w.buf = b.appendEvent(w.buf, e, hash)
	w.latest = max(w.latest, e.at, e.declaredAt)
	w.n++
	if w.n == w.perDoc {
		return w.flush()
	}
	return nil
}

// flush closes the document, dates it a few minutes after its latest event, and yields
// it.
func (w *docWriter) flush() error {
	if w.n == 0 {
		return nil
	}
	w.buf = append(w.buf, docTail...)
	created := min(w.latest+minutes(5), w.end)
	appendTime(w.buf[len(docHead):len(docHead)], created) // overwrites the placeholder in place
	w.n, w.latest = 0, 0
	return w.yield(w.buf)
}

// declaredHash returns the eventID of an error declaration whose event was sent without
// one: the Event Hash ID capture filled for that event, which is e without its
// declaration. It returns "" for any other event.
func (b *builder) declaredHash(e *event) (string, error) {
	if e.declaredAt == 0 || e.id != none {
		return "", nil
	}
	plain := *e
	plain.declaredAt = 0
	return b.hashOf(&plain)
}

// hashOf returns the Event Hash ID of e.
func (b *builder) hashOf(e *event) (string, error) {
	doc := append([]byte(docHead), "2000-01-01T00:00:00.000+08:00"+docBody...)
	doc = append(b.appendEvent(doc, e, ""), docTail...)
	events, err := epcis.Parse(doc)
	if err != nil {
		return "", fmt.Errorf("synth: read back an event: %w", err)
	}
	if len(events) != 1 {
		return "", errors.New("synth: read back an event: not one event")
	}
	return events[0].HashID()
}
