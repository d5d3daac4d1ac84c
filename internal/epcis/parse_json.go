package epcis

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// parseJSON reads a JSON / JSON-LD document. It does not run a JSON-LD processor: EPCIS JSON
// has a fixed shape, and the @context matters only for the prefixes of extension names.
func parseJSON(data []byte) ([]Event, error) {
	doc, err := readDocument(data)
	if err != nil {
		return nil, err
	}
	return jsonEvents(doc)
}

// jsonDocument is a decoded document, with where its parts lie when jsonReader read it.
type jsonDocument struct {
	data   []byte
	tree   map[string]any
	reader *jsonReader // nil when encoding/json read the document
}

// readDocument decodes a document into the generic tree that both the schema validator and
// the event converter read, so that capture decodes each document once.
func readDocument(data []byte) (*jsonDocument, error) {
	// The decoder would put U+FFFD in place of invalid bytes, and two different documents
	// would read, and hash, alike.
	if !utf8.Valid(data) {
		return nil, errors.New("read JSON: not valid UTF-8")
	}
	if r, tree, err := readJSONObject(data); err == nil {
		return &jsonDocument{data: data, tree: tree, reader: r}, nil
	}
	tree, err := decodeJSON(data)
	if err != nil {
		return nil, err
	}
	return &jsonDocument{data: data, tree: tree}, nil
}

// decodeJSON decodes a document with encoding/json, for the input jsonReader does not read:
// its error, or a null.
func decodeJSON(data []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // keep numbers as written; canonicalNumber decides how they are shown
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("read JSON: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("read JSON: data after the document")
	}
	return doc, nil
}

// contextJSON returns the document's @context as sent, or nil.
func (d *jsonDocument) contextJSON() json.RawMessage {
	if _, ok := d.tree["@context"]; !ok {
		return nil
	}
	if d.reader == nil {
		data, _ := marshalJSON(d.tree["@context"]) // a decoded value always marshals
		return data
	}
	c := d.reader.context
	return json.RawMessage(d.data[c.start:c.end])
}

// itemJSON returns a function giving the JSON of event i of list as the sender wrote it: a
// slice of the document (white space and all), or, where the reader did not note it, the
// event's object written anew.
func (d *jsonDocument) itemJSON(list eventList) func(i int) []byte {
	var spans []span
	switch {
	case d.reader == nil:
	case list.single:
		start := len(d.data) - len(bytes.TrimLeft(d.data, " \t\r\n"))
		spans = []span{{start, len(bytes.TrimRight(d.data, " \t\r\n"))}}
	default:
		spans = d.reader.itemSpans(list.items)
	}
	return func(i int) []byte {
		if spans != nil {
			return d.data[spans[i].start:spans[i].end]
		}
		data, _ := marshalJSON(list.items[i]) // a decoded value always marshals
		return data
	}
}

// marshalJSON writes a decoded value as JSON, as encoding/json does (keys sorted) but with
// <, > and & as they are.
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// jsonEvents converts the events of a decoded document, in document order.
func jsonEvents(doc *jsonDocument) ([]Event, error) {
	list, err := eventListOf(doc.tree)
	if err != nil {
		return nil, err
	}
	raw := doc.itemJSON(list)
	conv := newJSONConverter(doc.tree)
	events := make([]Event, 0, len(list.items))
	for i, item := range list.items {
		obj, ok := item.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("event %d: not a JSON object", i)
		}
		ev, err := conv.event(obj, raw(i))
		if err != nil {
			return nil, fmt.Errorf("event %d: %w", i, err)
		}
		events = append(events, ev)
	}
	return events, nil
}

// jsonConverter converts the event objects of one document. It holds what the document says
// about all its events: the CURIE prefixes of its @context and the extension fields its
// ignoreFields header leaves out of hashes.
type jsonConverter struct {
	prefixes prefixes
	ignored  map[string]bool
}

func newJSONConverter(doc map[string]any) jsonConverter {
	p := standardPrefixes.with(doc["@context"])
	body := object(doc["epcisBody"])
	return jsonConverter{prefixes: p, ignored: p.ignoredFields(doc, body, object(body["queryResults"]))}
}

// event converts one event object of the document, whose JSON as sent is raw.
func (c jsonConverter) event(obj map[string]any, raw []byte) (Event, error) {
	ev, err := c.prefixes.with(obj["@context"]).event(obj)
	ev.hashIgnored, ev.json = c.ignored, raw
	return ev, err
}

// jsonEventList finds the event list of a document, query document or single event.
func jsonEventList(doc map[string]any) ([]any, error) {
	typ, _ := doc["type"].(string)
	body := object(doc["epcisBody"])
	var list any
	switch {
	case typ == "EPCISDocument":
		list = body["eventList"]
	case typ == "EPCISQueryDocument":
		list = object(object(body["queryResults"])["resultsBody"])["eventList"]
	case eventTypes[typ]:
		return []any{doc}, nil
	default:
		return nil, fmt.Errorf("%w: type %q is not an EPCIS document, query document or event", ErrUnsupported, typ)
	}
	if list == nil {
		return nil, nil
	}
	items, ok := list.([]any)
	if !ok {
		return nil, fmt.Errorf("%s: eventList is not an array", typ)
	}
	return items, nil
}

// object returns v as a JSON object, or nil.
func object(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// event converts one event object to an Event.
func (p prefixes) event(obj map[string]any) (Event, error) {
	typ, _ := obj["type"].(string)
	if !eventTypes[typ] {
		return Event{}, fmt.Errorf("%w: event type %q", ErrUnsupported, typ)
	}
	ev := Event{Type: typ, fields: make([]*node, 0, len(obj))}
	m := nodeMaker{prefixes: p}
	for key, v := range obj {
		switch {
		case key == "type" || strings.HasPrefix(key, "@"):
		case key == "id": // both EPCIS contexts alias id and eventID to @id
			ev.fields = m.appendNodes(ev.fields, "eventID", v)
		default:
			ev.fields = m.appendNodes(ev.fields, key, v)
		}
	}
	return ev, nil
}

// typeIsContent names the objects whose "type" key is a field: the EPCIS context redefines
// "type" there. Elsewhere it is JSON-LD's @type, a class annotation such as
// "epcis:SensorElement" that XML writes as the element name, and is left out.
var typeIsContent = map[string]bool{
	"bizTransaction": true, "source": true, "destination": true, "sensorReport": true,
}

// nodeMaker converts the JSON values of one event to nodes. An event has dozens of them:
// they are taken from blocks, each allocated once, rather than allocated one by one.
type nodeMaker struct {
	prefixes prefixes
	block    []node
}

// maxNodeBlock bounds the blocks, which double from a few nodes.
const maxNodeBlock = 64

func (m *nodeMaker) node(name, value string) *node {
	if len(m.block) == cap(m.block) {
		m.block = make([]node, 0, min(max(8, 2*cap(m.block)), maxNodeBlock))
	}
	m.block = append(m.block, node{name: name, value: value})
	return &m.block[len(m.block)-1]
}

// appendNodes appends to dst the nodes of one key and its JSON value. A known list becomes
// one node holding its items; any other array becomes one node per element, as repeated
// XML elements would.
func (m *nodeMaker) appendNodes(dst []*node, key string, v any) []*node {
	name := m.prefixes.expand(key)
	if _, isList := listItems[name]; isList && v != nil {
		if _, isArray := v.([]any); !isArray {
			v = []any{v} // JSON-LD reads a single value as a one-element list
		}
	}
	switch v := v.(type) {
	case nil:
		return dst
	case []any:
		if item, ok := listItems[name]; ok {
			n := m.node(name, "")
			n.children = m.items(item, v)
			return append(dst, n)
		}
		for _, e := range v {
			dst = m.appendNodes(dst, key, e)
		}
		return dst
	case map[string]any:
		return append(dst, m.record(name, "", v))
	}
	return append(dst, m.node(name, scalar(v)))
}

// items converts the elements of a known list to nodes named item.
func (m *nodeMaker) items(item string, list []any) []*node {
	out := make([]*node, 0, len(list))
	for _, e := range list {
		if obj, ok := e.(map[string]any); ok {
			out = append(out, m.record(item, item, obj))
			continue
		}
		out = append(out, m.node(item, scalar(e)))
	}
	return out
}

// record converts a JSON object. The key valueKey (a business transaction's "bizTransaction",
// a source's "source"), "@value" or "@id" gives the node its value, as an XML element's text
// would; the type of a business transaction then stays a child, as an XML attribute does.
func (m *nodeMaker) record(name, valueKey string, obj map[string]any) *node {
	n := m.node(name, "")
	for key, v := range obj {
		switch {
		case key == valueKey && valueKey != "", key == "@value", key == "@id":
			n.value = scalar(v)
		case strings.HasPrefix(key, "@"), key == "type" && !typeIsContent[name]:
		default:
			if n.children == nil {
				n.children = make([]*node, 0, len(obj))
			}
			n.children = m.appendNodes(n.children, key, v)
		}
	}
	return n
}

// scalar writes a JSON string, number or boolean as text.
func scalar(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case bool:
		if v {
			return "true"
		}
		return "false"
	}
	return ""
}

// ignoredFields reads the ignoreFields headers (a list of CURIEs) of the given objects.
func (p prefixes) ignoredFields(objs ...map[string]any) map[string]bool {
	ignored := map[string]bool{}
	for _, obj := range objs {
		for key, v := range obj {
			if localName(p.expand(key)) != ignoreFieldsName {
				continue
			}
			list, _ := v.([]any)
			for _, f := range list {
				if s, ok := f.(string); ok {
					ignored[p.expand(s)] = true
				}
			}
		}
	}
	return ignored
}
