package epcis

import (
	"fmt"
	"slices"
	"sync"
)

// PreHash returns the event's canonical pre-hash string (CBV 2.0 §8.9): "eventType=…", the
// standard fields in canonical order, then the trailing elements sorted as whole strings.
func (e Event) PreHash() (string, error) {
	return e.withPreHash(func(preHash []byte) string { return string(preHash) })
}

// withPreHash writes e's pre-hash string into a pooled buffer and returns use of it; the
// buffer is reused once use returns.
func (e Event) withPreHash(use func(preHash []byte) string) (string, error) {
	w := preHashers.Get().(*preHasher)
	defer preHashers.Put(w)
	if err := w.writeEvent(e); err != nil {
		return "", err
	}
	return use(w.buf), nil
}

// preHasher writes one pre-hash string into a growing buffer. A group that must be sorted is
// written at the buffer's end, cut off piece by piece, sorted and written back.
type preHasher struct {
	buf      []byte
	trailing []string // the event's trailing elements, kept for reuse
}

// preHashers recycles buffers: capture hashes events by the thousand, and a buffer that has
// grown to the size of a pre-hash string serves the next event without allocating.
var preHashers = sync.Pool{New: func() any { return &preHasher{buf: make([]byte, 0, 2048)} }}

// writeEvent writes e's pre-hash string into w.buf, replacing what was there.
func (w *preHasher) writeEvent(e Event) error {
	w.buf = append(w.buf[:0], "eventType="...)
	w.buf = append(w.buf, e.Type...)
	trailing := w.trailing[:0]
	for _, f := range eventFields {
		mark := len(w.buf)
		rest, err := w.group(f, e.fields)
		if err != nil {
			return err
		}
		if f.trailing && len(w.buf) > mark {
			trailing = append(trailing, w.cut(mark))
		}
		for _, r := range rest {
			trailing = append(trailing, w.genericString(r))
		}
	}
	for _, n := range e.fields {
		if !isEventField[n.name] && !notHashed[n.name] && !e.hashIgnored[n.name] {
			trailing = append(trailing, w.genericString(n))
		}
	}
	w.writeSorted(trailing)
	w.trailing = trailing[:0]
	return nil
}

// isEventField holds the names of eventFields.
var isEventField = func() map[string]bool {
	m := make(map[string]bool, len(eventFields))
	for _, f := range eventFields {
		m[f.name] = true
	}
	return m
}()

// cut removes and returns what was written since mark.
func (w *preHasher) cut(mark int) string {
	s := string(w.buf[mark:])
	w.buf = w.buf[:mark]
	return s
}

// group writes all nodes named f.name, sorted among themselves. rest are the parts of them
// the field does not describe: pruned copies that keep the path to what is left.
func (w *preHasher) group(f field, nodes []*node) (rest []*node, err error) {
	count, first := 0, 0
	for i, n := range nodes {
		if n.name == f.name {
			if count == 0 {
				first = i
			}
			count++
		}
	}
	switch count {
	case 0:
		return nil, nil
	case 1: // the common case needs no sorting
		left, err := w.write(f, nodes[first])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.name, err)
		}
		return appendLeftover(nil, left), nil
	}
	var parts []string
	for _, n := range nodes[first:] {
		if n.name != f.name {
			continue
		}
		mark := len(w.buf)
		left, err := w.write(f, n)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.name, err)
		}
		if len(w.buf) > mark {
			parts = append(parts, w.cut(mark))
		}
		rest = appendLeftover(rest, left)
	}
	w.writeSorted(parts)
	return rest, nil
}

func (w *preHasher) write(f field, n *node) (*node, error) {
	switch f.kind {
	case recordField:
		return w.record(f, n)
	case typedField:
		return w.typed(f, n), nil
	}
	left := leftover(n, n.children)
	if n.value == "" {
		return left, nil
	}
	w.buf = append(append(w.buf, f.name...), '=')
	if f.kind == timeField {
		var err error
		w.buf, err = appendUTCMillis(w.buf, n.value)
		return left, err
	}
	if f.shared {
		w.buf = append(w.buf, sharedIDs.get(n.value)...)
		return left, nil
	}
	vocab, value := canonicalVocab(n.value, f.vocab)
	w.buf = append(append(w.buf, vocab...), value...)
	return left, nil
}

// record writes a record's name and its fields in order; at an extension point its user
// extensions follow, sorted. An empty record writes nothing.
func (w *preHasher) record(f field, n *node) (*node, error) {
	mark := len(w.buf)
	w.buf = append(w.buf, f.name...)
	body := len(w.buf)
	var left []*node
	for _, sub := range f.fields {
		rest, err := w.group(sub, n.children)
		if err != nil {
			return nil, err
		}
		left = append(left, rest...)
	}
	var extensions []string
	for _, c := range n.children {
		switch {
		case f.describes(c.name):
		case f.extensions && isExtension(c.name):
			extensions = append(extensions, w.genericString(c))
		default:
			left = append(left, c)
		}
	}
	w.writeSorted(extensions)
	if len(w.buf) == body {
		w.buf = w.buf[:mark]
	}
	return leftover(n, left), nil
}

// typed writes a business transaction, source or destination: its type first, then its
// identifier.
func (w *preHasher) typed(f field, n *node) *node {
	var left []*node
	for _, c := range n.children {
		if c.name != "type" || c.value == "" || len(c.children) > 0 {
			left = append(left, c)
			continue
		}
		vocab, value := canonicalVocab(c.value, f.vocab)
		w.buf = append(append(append(w.buf, "type="...), vocab...), value...)
	}
	if n.value != "" {
		canonical := canonicalValue
		if f.shared {
			canonical = sharedIDs.get
		}
		w.buf = append(append(append(w.buf, f.name...), '='), canonical(n.value)...)
	}
	return leftover(n, left)
}

// generic writes a node the canonical order does not describe: name, "=value" when it has
// one, then its children written the same way and sorted.
func (w *preHasher) generic(n *node) {
	w.buf = append(w.buf, n.name...)
	if n.value != "" {
		w.buf = append(append(w.buf, '='), canonicalValue(n.value)...)
	}
	if len(n.children) == 1 {
		w.generic(n.children[0])
		return
	}
	parts := make([]string, 0, len(n.children))
	for _, c := range n.children {
		parts = append(parts, w.genericString(c))
	}
	w.writeSorted(parts)
}

// genericString is generic returning the string instead of keeping it written.
func (w *preHasher) genericString(n *node) string {
	mark := len(w.buf)
	w.generic(n)
	return w.cut(mark)
}

func (w *preHasher) writeSorted(parts []string) {
	slices.Sort(parts)
	for _, s := range parts {
		w.buf = append(w.buf, s...)
	}
}

// describes reports whether name is one of the record's fields.
func (f field) describes(name string) bool {
	for _, sub := range f.fields {
		if sub.name == name {
			return true
		}
	}
	return false
}

// isExtension reports whether a field name is a user extension's "{namespace}local".
func isExtension(name string) bool {
	return len(name) > 0 && name[0] == '{'
}

// leftover returns the path to children the canonical order did not write, or nil.
func leftover(n *node, children []*node) *node {
	if len(children) == 0 {
		return nil
	}
	return &node{name: n.name, children: children}
}

func appendLeftover(rest []*node, left *node) []*node {
	if left == nil {
		return rest
	}
	return append(rest, left)
}
