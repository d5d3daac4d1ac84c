package trace

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
)

// splitDoc is a document cut around its event list, so that parts of the list can be
// validated as documents of their own, in parallel: part i of the list is head, the items
// joined by commas, then tail — the same envelope and @context around fewer events.
type splitDoc struct {
	head, tail []byte
	items      []json.RawMessage
	base       string // JSON pointer of the event list
	docType    string
	context    json.RawMessage // the document's @context, as sent
	start, end int64           // where the items lie: after "[" up to "]"
}

// listBase is where each type of document holds its event list (a JSON pointer); a single
// event has none.
var listBase = map[string]string{"EPCISDocument": "/epcisBody/eventList", "EPCISQueryDocument": "/epcisBody/queryResults/resultsBody/eventList"}

// errNoList reports a document split cannot cut: not one JSON object with one event list
// where the document's type puts it. Validate then says what is wrong, if anything.
var errNoList = errors.New("no event list to split")

// splitDocument finds the event list of an EPCISDocument or EPCISQueryDocument.
func splitDocument(doc []byte) (*splitDoc, error) {
	s := &splitDoc{start: -1}
	err := s.seek(json.NewDecoder(bytes.NewReader(doc)), "")
	if err != nil || s.start < 0 || listBase[s.docType] != s.base {
		return nil, errNoList
	}
	s.head, s.tail = doc[:s.start], doc[s.end:]
	return s, nil
}

// seek reads the object at pointer at, taking the document's type and @context and
// descending towards an event list.
func (s *splitDoc) seek(dec *json.Decoder, at string) error {
	return walkObject(dec, func(key string) (bool, error) {
		ptr := at + "/" + strings.NewReplacer("~", "~0", "/", "~1").Replace(key)
		switch {
		case ptr == "/@context":
			return true, dec.Decode(&s.context)
		case ptr == "/type":
			return true, dec.Decode(&s.docType)
		case ptr == listBase["EPCISDocument"] || ptr == listBase["EPCISQueryDocument"]:
			s.base = ptr
			return true, s.readList(dec)
		case strings.HasPrefix(listBase["EPCISQueryDocument"], ptr+"/"): // on the way to a list
			return true, s.seek(dec, ptr)
		}
		return false, nil
	})
}

// walkObject reads one JSON object from dec, calling field with each key while dec stands
// before its value; field reads the value and reports true, or reports false to skip it.
func walkObject(dec *json.Decoder, field func(key string) (bool, error)) error {
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return errNoList
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		read, err := field(key)
		if err != nil {
			return err
		}
		if !read {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return err
			}
		}
	}
	_, err := dec.Token()
	return err
}

// readList reads the event list's items and where they lie. A second list (a key written
// twice) is not cut: the last one counts in JSON, and Validate reads it so.
func (s *splitDoc) readList(dec *json.Decoder) error {
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') || s.start >= 0 {
		return errNoList
	}
	s.start = dec.InputOffset()
	for dec.More() {
		var item json.RawMessage
		if err := dec.Decode(&item); err != nil {
			return err
		}
		s.items = append(s.items, item)
	}
	if _, err := dec.Token(); err != nil {
		return err
	}
	s.end = dec.InputOffset() - 1
	return nil
}

// part returns the document holding items [from, to) of the list.
func (s *splitDoc) part(from, to int) []byte {
	var b bytes.Buffer
	b.Grow(len(s.head) + len(s.tail) + to - from)
	b.Write(s.head)
	for i, item := range s.items[from:to] {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(item)
	}
	b.Write(s.tail)
	return b.Bytes()
}
