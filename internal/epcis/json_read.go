package epcis

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// jsonReader decodes a JSON document into the tree encoding/json decodes into an any with
// UseNumber: objects as map[string]any, arrays as []any, numbers as json.Number. Capture
// decodes every document it receives, and encoding/json takes several times as long and
// allocates every key and string on its own: here keys and strings without escapes are
// slices of one copy of the document, and maps are made at their final size. It also
// notes where the event lists' items and the @context lie, so that capture stores each
// event as it was sent.
//
// It reads valid JSON in valid UTF-8 (readDocument checks that first) and reports any other
// input with errJSONSyntax: decodeJSON then reads the document again with encoding/json,
// for the same tree or error.
type jsonReader struct {
	data []byte
	text string // data as one string
	pos  int
	// path holds the steps from the root to the value being read, as deep as an event
	// list lies (maxListDepth).
	path []step
	// lists are the event lists read, with where their items lie.
	lists []readList
	// context is where the document's @context lies, when it has one.
	context span
	// values and members hold the items of the arrays and objects being read.
	values  []any
	members []member
}

// span is where a value lies in the document: data[start:end].
type span struct{ start, end int }

// readList is an array read at an event list's place, with where its items lie.
type readList struct {
	items []any
	spans []span
}

type member struct {
	key   string
	value any
}

// step is a step on the path to a value: the key of an object's member, or an item of an
// array.
type step struct {
	key  string
	item bool
}

// errJSONSyntax reports input jsonReader does not read: no valid JSON, or no object.
var errJSONSyntax = errors.New("not a JSON object")

// maxJSONDepth is how deeply values may nest, as in encoding/json.
const maxJSONDepth = 10000

// eventListPaths are the paths to the event list of an EPCISDocument and of an
// EPCISQueryDocument.
var eventListPaths = [][]step{{{key: "epcisBody"}, {key: "eventList"}},
	{{key: "epcisBody"}, {key: "queryResults"}, {key: "resultsBody"}, {key: "eventList"}}}

// maxListDepth is the depth of the deepest event list.
const maxListDepth = 4

// readJSONObject reads data, which must be one JSON object, and returns the object and the
// reader, which knows where its parts lie.
func readJSONObject(data []byte) (*jsonReader, map[string]any, error) {
	r := &jsonReader{data: data, text: string(data), path: make([]step, 0, maxListDepth)}
	r.space()
	if r.pos >= len(data) || data[r.pos] != '{' {
		return nil, nil, errJSONSyntax
	}
	v, err := r.value(0)
	if err != nil {
		return nil, nil, err
	}
	if r.space(); r.pos != len(data) {
		return nil, nil, errJSONSyntax
	}
	return r, v.(map[string]any), nil
}

// itemSpans returns where the items of an event list lie, or nil when list was not read
// at an event list's place (a key written twice may have replaced it).
func (r *jsonReader) itemSpans(list []any) []span {
	for _, l := range slices.Backward(r.lists) {
		if len(l.items) == len(list) && (len(list) == 0 || &l.items[0] == &list[0]) {
			return l.spans
		}
	}
	return nil
}

func (r *jsonReader) space() {
	for r.pos < len(r.data) && isJSONSpace(r.data[r.pos]) {
		r.pos++
	}
}

// value reads the value at r.pos, which is not white space, nested depth deep.
func (r *jsonReader) value(depth int) (any, error) {
	if r.pos >= len(r.data) || depth > maxJSONDepth {
		return nil, errJSONSyntax
	}
	switch c := r.data[r.pos]; {
	case c == '{':
		return r.object(depth)
	case c == '[':
		return r.array(depth)
	case c == '"':
		return r.string()
	case c == '-' || '0' <= c && c <= '9':
		return r.number()
	case r.literal("true"):
		return true, nil
	case r.literal("false"):
		return false, nil
	case r.literal("null"):
		return nil, nil
	}
	return nil, errJSONSyntax
}

// literal reads the literal word at r.pos, reporting whether it is there.
func (r *jsonReader) literal(word string) bool {
	if len(r.text)-r.pos < len(word) || r.text[r.pos:r.pos+len(word)] != word {
		return false
	}
	r.pos += len(word)
	return true
}

// next skips white space and reports whether the byte after it is c, consuming it.
func (r *jsonReader) next(c byte) bool {
	r.space()
	if r.pos < len(r.data) && r.data[r.pos] == c {
		r.pos++
		return true
	}
	return false
}

func (r *jsonReader) object(depth int) (any, error) {
	r.pos++
	first := len(r.members)
	if !r.next('}') {
		for {
			r.space()
			if r.pos >= len(r.data) || r.data[r.pos] != '"' {
				return nil, errJSONSyntax
			}
			key, err := r.quoted()
			if err != nil {
				return nil, err
			}
			if !r.next(':') {
				return nil, errJSONSyntax
			}
			r.space()
			start := r.pos
			value, err := r.nested(step{key: key}, depth)
			if err != nil {
				return nil, err
			}
			if depth == 0 && key == "@context" {
				r.context = span{start, r.pos}
			}
			r.members = append(r.members, member{key, value})
			if r.next(',') {
				continue
			}
			if r.next('}') {
				break
			}
			return nil, errJSONSyntax
		}
	}
	obj := make(map[string]any, len(r.members)-first)
	for _, m := range r.members[first:] {
		obj[m.key] = m.value
	}
	clear(r.members[first:])
	r.members = r.members[:first]
	return obj, nil
}

// nested reads a value inside a value nested depth deep, one step further on the path.
func (r *jsonReader) nested(at step, depth int) (any, error) {
	if depth >= maxListDepth {
		return r.value(depth + 1)
	}
	r.path = append(r.path, at)
	v, err := r.value(depth + 1)
	r.path = r.path[:depth]
	return v, err
}

func (r *jsonReader) array(depth int) (any, error) {
	r.pos++
	first := len(r.values)
	var spans []span
	atList := slices.ContainsFunc(eventListPaths, func(p []step) bool { return slices.Equal(p, r.path) })
	if !r.next(']') {
		for {
			r.space()
			start := r.pos
			v, err := r.nested(step{item: true}, depth)
			if err != nil {
				return nil, err
			}
			if atList {
				spans = append(spans, span{start, r.pos})
			}
			r.values = append(r.values, v)
			if r.next(',') {
				continue
			}
			if r.next(']') {
				break
			}
			return nil, errJSONSyntax
		}
	}
	items := make([]any, len(r.values)-first)
	copy(items, r.values[first:])
	clear(r.values[first:])
	r.values = r.values[:first]
	if atList {
		r.lists = append(r.lists, readList{items: items, spans: spans})
	}
	return items, nil
}

// string reads a string value.
func (r *jsonReader) string() (any, error) {
	s, err := r.quoted()
	if err != nil {
		return nil, err
	}
	return s, nil
}

// quoted reads a string, a slice of the document's text unless it has escapes.
func (r *jsonReader) quoted() (string, error) {
	start := r.pos + 1
	for i := start; i < len(r.data); i++ {
		switch c := r.data[i]; {
		case c == '"':
			r.pos = i + 1
			return r.text[start:i], nil
		case c == '\\':
			return r.unquote(start)
		case c < 0x20:
			return "", errJSONSyntax
		}
	}
	return "", errJSONSyntax
}

// unquote reads a string with escapes from its first byte, as encoding/json does: a
// \u escape of half a surrogate pair that has no other half becomes U+FFFD.
func (r *jsonReader) unquote(start int) (string, error) {
	buf := make([]byte, 0, 64)
	for i := start; i < len(r.data); {
		c := r.data[i]
		switch {
		case c == '"':
			r.pos = i + 1
			return string(buf), nil
		case c < 0x20:
			return "", errJSONSyntax
		case c != '\\':
			buf = append(buf, c)
			i++
			continue
		}
		if i+1 >= len(r.data) {
			return "", errJSONSyntax
		}
		esc := r.data[i+1]
		i += 2
		switch esc {
		case '"', '\\', '/':
			buf = append(buf, esc)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			rr := r.hex4(i)
			if rr < 0 {
				return "", errJSONSyntax
			}
			i += 4
			if utf16.IsSurrogate(rr) {
				if i+1 < len(r.data) && r.data[i] == '\\' && r.data[i+1] == 'u' {
					if pair := utf16.DecodeRune(rr, r.hex4(i+2)); pair != utf8.RuneError {
						buf = utf8.AppendRune(buf, pair)
						i += 6
						continue
					}
				}
				rr = utf8.RuneError
			}
			buf = utf8.AppendRune(buf, rr)
		default:
			return "", errJSONSyntax
		}
	}
	return "", errJSONSyntax
}

// hex4 reads the four hexadecimal digits at i, or returns -1.
func (r *jsonReader) hex4(i int) rune {
	if i+4 > len(r.data) {
		return -1
	}
	n, err := strconv.ParseUint(r.text[i:i+4], 16, 32)
	if err != nil {
		return -1
	}
	return rune(n)
}

// number reads a number as the JSON grammar writes it:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (r *jsonReader) number() (any, error) {
	start := r.pos
	r.optional("-")
	if !r.optional("0") && r.digits() == 0 {
		return nil, errJSONSyntax
	}
	if r.optional(".") && r.digits() == 0 {
		return nil, errJSONSyntax
	}
	if r.optional("eE") {
		r.optional("+-")
		if r.digits() == 0 {
			return nil, errJSONSyntax
		}
	}
	return json.Number(r.text[start:r.pos]), nil
}

// optional consumes one byte of set at r.pos, reporting whether there was one.
func (r *jsonReader) optional(set string) bool {
	if r.pos < len(r.data) && strings.IndexByte(set, r.data[r.pos]) >= 0 {
		r.pos++
		return true
	}
	return false
}

// digits consumes the decimal digits at r.pos and returns how many there were.
func (r *jsonReader) digits() int {
	start := r.pos
	for r.pos < len(r.data) && '0' <= r.data[r.pos] && r.data[r.pos] <= '9' {
		r.pos++
	}
	return r.pos - start
}

// compactJSON appends valid JSON to dst without its insignificant white space, copying
// the runs between white space and whole strings at once.
func compactJSON(dst, src []byte) []byte {
	for i := 0; i < len(src); {
		switch {
		case isJSONSpace(src[i]):
			i++
		case src[i] == '"':
			end := i + 1
			for {
				q := bytes.IndexByte(src[end:], '"')
				if q < 0 { // no valid JSON: the rest as it is
					return append(dst, src[i:]...)
				}
				end += q + 1
				if escapes := end - 1 - len(bytes.TrimRight(src[:end-1], "\\")); escapes%2 == 0 {
					break // not an escaped quote
				}
			}
			dst = append(dst, src[i:end]...)
			i = end
		default:
			end := i + 1
			for end < len(src) && !isJSONSpace(src[end]) && src[end] != '"' {
				end++
			}
			dst = append(dst, src[i:end]...)
			i = end
		}
	}
	return dst
}

func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
