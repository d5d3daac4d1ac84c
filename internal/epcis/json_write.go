package epcis

import (
	"encoding/json"
	"slices"
	"strconv"
	"unicode/utf8"
)

// jsonWriter writes decoded JSON (objects, arrays, strings, json.Number, booleans, null)
// back as JSON, keys sorted as encoding/json sorts them. It serves capture, which writes
// every event it stores: encoding/json reflects over each value and takes several times as
// long.
type jsonWriter struct {
	buf []byte
	err error
}

// maxStackKeys is how many keys an object may have before sorting them allocates.
const maxStackKeys = 32

// object writes obj with the members of set in place of its own (see replaces).
func (w *jsonWriter) object(obj map[string]any, set []jsonMember) {
	var stack [maxStackKeys]string
	keys := stack[:0]
	for k := range obj {
		if len(set) == 0 || !replaces(set, k) {
			keys = append(keys, k)
		}
	}
	for _, m := range set {
		keys = append(keys, m.key)
	}
	slices.Sort(keys)
	w.buf = append(w.buf, '{')
	for i, k := range keys {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		w.buf = appendJSONString(w.buf, k)
		w.buf = append(w.buf, ':')
		if i := slices.IndexFunc(set, func(m jsonMember) bool { return m.key == k }); i >= 0 {
			w.value(set[i].value)
		} else {
			w.value(obj[k])
		}
	}
	w.buf = append(w.buf, '}')
}

func (w *jsonWriter) value(v any) {
	switch v := v.(type) {
	case nil:
		w.buf = append(w.buf, "null"...)
	case string:
		w.buf = appendJSONString(w.buf, v)
	case json.Number:
		w.buf = append(w.buf, v...)
	case bool:
		w.buf = strconv.AppendBool(w.buf, v)
	case map[string]any:
		w.object(v, nil)
	case []any:
		w.buf = append(w.buf, '[')
		for i, e := range v {
			if i > 0 {
				w.buf = append(w.buf, ',')
			}
			w.value(e)
		}
		w.buf = append(w.buf, ']')
	default:
		data, err := json.Marshal(v)
		if err != nil && w.err == nil {
			w.err = err
		}
		w.buf = append(w.buf, data...)
	}
}

// appendJSONString writes s as a JSON string: quotes, backslashes and control characters
// escaped, other characters as they are, invalid UTF-8 as U+FFFD as encoding/json writes it.
func appendJSONString(buf []byte, s string) []byte {
	const hex = "0123456789abcdef"
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			switch c {
			case '"', '\\':
				buf = append(buf, '\\', c)
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\r':
				buf = append(buf, '\\', 'r')
			case '\t':
				buf = append(buf, '\\', 't')
			default:
				buf = append(buf, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf = append(append(buf, s[start:i]...), "\ufffd"...)
			i++
			start = i
			continue
		}
		i += size
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}
