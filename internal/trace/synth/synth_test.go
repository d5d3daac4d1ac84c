package synth

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
)

// TestDocuments generates chains of several sizes and checks that every document passes
// capture's validation, that they hold exactly the events asked for, at most perDoc a
// document, and that replaying them moves goods only where they are and after they got
// there: all of them in order, and, where no flow is larger than a document, each
// document on its own, as capture may take documents sent at once in any order.
func TestDocuments(t *testing.T) {
	for _, tc := range []struct{ events, perDoc int }{
		{1, 1}, {2, 100}, {37, 5}, {1000, 1000}, {6000, 333},
	} {
		t.Run(fmt.Sprintf("%d events by %d", tc.events, tc.perDoc), func(t *testing.T) {
			cfg := Config{Events: tc.events, Seed: 3, ErrorRate: 0.02}
			end := New(cfg).Config().End
			docs := generate(t, cfg, tc.perDoc)
			var all []decoded
			for i, doc := range docs {
				events := decodeAll(t, [][]byte{doc}, end)
				if len(events) > tc.perDoc {
					t.Errorf("document %d holds %d events, more than %d", i, len(events), tc.perDoc)
				}
				if err := newLedger(end).replay(events); err != nil && largestFlow(cfg) <= tc.perDoc {
					t.Errorf("document %d on its own: %v", i, err)
				}
				all = append(all, events...)
			}
			if len(all) != tc.events {
				t.Fatalf("%d events, want %d", len(all), tc.events)
			}
			if err := newLedger(end).replay(all); err != nil {
				t.Error(err)
			}
		})
	}
}

// largestFlow is the most events one flow of the chain of cfg holds.
func largestFlow(cfg Config) int {
	largest := 0
	New(cfg).walk(func(_ *builder, take int) error {
		largest = max(largest, take)
		return nil
	})
	return largest
}

// TestDeterministic: a Config gives the same bytes every time, another seed other bytes,
// and the size of the documents changes how events are grouped, not the events.
func TestDeterministic(t *testing.T) {
	cfg := Config{Events: 3000, Seed: 9}
	a, b := generate(t, cfg, 250), generate(t, cfg, 250)
	if !bytes.Equal(bytes.Join(a, nil), bytes.Join(b, nil)) {
		t.Error("the same Config gave different documents")
	}
	other := generate(t, Config{Events: 3000, Seed: 10}, 250)
	if bytes.Equal(bytes.Join(a, nil), bytes.Join(other, nil)) {
		t.Error("another seed gave the same documents")
	}
	regrouped := generate(t, cfg, 1000)
	if !bytes.Equal(eventBytes(t, a), eventBytes(t, regrouped)) {
		t.Error("documents of 1000 events hold other events than documents of 250")
	}
}

// eventBytes returns the events of docs, as written, one after another.
func eventBytes(t *testing.T, docs [][]byte) []byte {
	t.Helper()
	var out []byte
	for _, doc := range docs {
		var body struct {
			EPCISBody struct{ EventList []json.RawMessage } `json:"epcisBody"`
		}
		if err := json.Unmarshal(doc, &body); err != nil {
			t.Fatal(err)
		}
		for _, e := range body.EPCISBody.EventList {
			out = append(out, e...)
		}
	}
	return out
}

// TestErrorDeclarations: about the configured share of shipping and receiving events is
// withdrawn by an error declaration naming a corrective event, none when the rate is
// negative; declarations name their event by urn:uuid or by Event Hash ID.
func TestErrorDeclarations(t *testing.T) {
	for _, tc := range []struct {
		name string
		rate float64
		want float64
	}{
		{"none", -1, 0},
		{"default", 0, DefaultErrorRate},
		{"five percent", 0.05, 0.05},
	} {
		t.Run(tc.name, func(t *testing.T) {
			docs := bytes.Join(generate(t, Config{Events: 60000, Seed: 4, ErrorRate: tc.rate}, 1000), nil)
			declared := bytes.Count(docs, []byte(`"errorDeclaration"`))
			moves := bytes.Count(docs, []byte(`"bizStep":"shipping"`)) + bytes.Count(docs, []byte(`"bizStep":"receiving"`))
			got := float64(declared) / float64(moves-2*declared) // each adds a wrong and a corrective event
			if got < 0.75*tc.want || got > 1.25*tc.want {
				t.Errorf("%d declarations among %d moves: rate %.4f, want about %.4f", declared, moves, got, tc.want)
			}
			if tc.want == 0 {
				return
			}
			for _, named := range []string{`"eventID":"urn:uuid:`, `"eventID":"ni:///sha-256;`} {
				if !containsDeclaration(docs, named) {
					t.Errorf("no declaration names its event with %s", named)
				}
			}
		})
	}
}

// containsDeclaration reports whether an event whose eventID starts as named carries an
// error declaration.
func containsDeclaration(docs []byte, named string) bool {
	for rest := docs; ; {
		i := bytes.Index(rest, []byte(named))
		if i < 0 {
			return false
		}
		rest = rest[i+len(named):]
		end := bytes.IndexByte(rest, '"')
		if bytes.HasPrefix(rest[end:], []byte(`","errorDeclaration"`)) {
			return true
		}
	}
}

// TestDocumentsStops: Documents refuses documents of no events, and stops at the first
// error yield returns, returning it.
func TestDocumentsStops(t *testing.T) {
	c := New(Config{Events: 100, Seed: 1})
	if err := c.Documents(0, func([]byte) error { return nil }); err == nil {
		t.Error("documents of 0 events: no error")
	}
	stop := errors.New("capture refused")
	calls := 0
	err := c.Documents(10, func([]byte) error {
		calls++
		if calls == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || calls != 2 {
		t.Errorf("after %d calls: %v, want %v after 2", calls, err, stop)
	}
}
