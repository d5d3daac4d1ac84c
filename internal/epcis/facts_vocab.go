package epcis

import (
	"maps"
	"sync"
	"sync/atomic"
)

// vocabOf writes a CBV value as a web URI: a bare word in the field's vocabulary, a CBV URN
// or standard CURIE expanded, any other URI canonical.
func vocabOf(raw, vocab string) string {
	prefix, value := canonicalVocab(raw, vocab)
	if prefix == "" {
		return value
	}
	if words := vocabWords[prefix]; words != nil {
		return words.uri(prefix, value)
	}
	return prefix + value
}

// vocabWords interns the web URIs of bare words, a table a vocabulary. EPCIS JSON writes
// bizStep, disposition, business transaction, source and sensor types as bare words, a few
// dozen in all, and Facts would otherwise build the same URIs for every event captured.
var vocabWords = map[string]*wordTable{
	bizStepWeb: {}, dispWeb: {}, bttWeb: {}, sdtWeb: {}, errReasonWeb: {}, componentWeb: {}, gs1Voc: {},
}

// maxInternedWords bounds a table: the standard vocabularies are smaller, and words past it
// (documents read without validation may bring any) are built each time instead.
const maxInternedWords = 512

// wordTable maps words to their web URIs. Readers load the map without locking; a writer
// replaces it with a copy holding one word more.
type wordTable struct {
	uris atomic.Pointer[map[string]string]
	mu   sync.Mutex // serialises writers
}

// uri returns vocab+word, interned.
func (t *wordTable) uri(vocab, word string) string {
	if m := t.uris.Load(); m != nil {
		if uri, ok := (*m)[word]; ok {
			return uri
		}
	}
	uri := vocab + word
	t.mu.Lock()
	defer t.mu.Unlock()
	m := map[string]string{word: uri}
	if old := t.uris.Load(); old != nil {
		if len(*old) >= maxInternedWords {
			return uri
		}
		maps.Copy(m, *old)
	}
	t.uris.Store(&m)
	return uri
}
