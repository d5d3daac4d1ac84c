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
	doc, err := decodeJSON(data)
	if err != nil {
		return nil, err
	}
	return jsonEvents(doc)
}

// decodeJSON decodes a document into the generic tree that both the schema validator and the
// event converter read, so that capture decodes each document once.
func decodeJSON(data []byte) (map[string]any, error) {
	// The decoder would put U+FFFD in place of invalid bytes, and two different documents
	// would read, and hash, alike.
	if !utf8.Valid(data) {
		return nil, errors.New("read JSON: not valid UTF-8")
	}
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

// jsonEvents converts the events of a decoded document, in document order.
func jsonEvents(doc map[string]any) ([]Event, error) {
	list, err := jsonEventList(doc)
	if err != nil {
		return nil, err
	}
	conv := newJSONConverter(doc)
	events := make([]Event, 0, len(list))
	for i, item := range list {
		obj, ok := item.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("event %d: not a JSON object", i)
		}
		ev, err := conv.event(obj)
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
	context  any // the document's @context, nil when the document is the event
}

func newJSONConverter(doc map[string]any) jsonConverter {
	p := standardPrefixes.with(doc["@context"])
	body := object(doc["epcisBody"])
	c := jsonConverter{prefixes: p, ignored: p.ignoredFields(doc, body, object(body["queryResults"]))}
	if typ, _ := doc["type"].(string); !eventTypes[typ] {
		c.context = doc["@context"]
	}
	return c
}

// event converts one event object of the document.
func (c jsonConverter) event(obj map[string]any) (Event, error) {
	ev, err := c.prefixes.with(obj["@context"]).event(obj)
	ev.hashIgnored, ev.json, ev.context = c.ignored, obj, c.context
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
	ev := Event{Type: typ}
	for key, v := range obj {
		switch {
		case key == "type" || strings.HasPrefix(key, "@"):
		case key == "id": // both EPCIS contexts alias id and eventID to @id
			ev.fields = append(ev.fields, p.nodes("eventID", v)...)
		default:
			ev.fields = append(ev.fields, p.nodes(key, v)...)
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

// nodes converts one key and its JSON value. A known list becomes one node holding its items;
// any other array becomes one node per element, as repeated XML elements would.
func (p prefixes) nodes(key string, v any) []*node {
	name := p.expand(key)
	if _, isList := listItems[name]; isList && v != nil {
		if _, isArray := v.([]any); !isArray {
			v = []any{v} // JSON-LD reads a single value as a one-element list
		}
	}
	switch v := v.(type) {
	case nil:
		return nil
	case []any:
		if item, ok := listItems[name]; ok {
			return []*node{{name: name, children: p.items(item, v)}}
		}
		var out []*node
		for _, e := range v {
			out = append(out, p.nodes(key, e)...)
		}
		return out
	case map[string]any:
		return []*node{p.record(name, "", v)}
	}
	return []*node{{name: name, value: scalar(v)}}
}

// items converts the elements of a known list to nodes named item.
func (p prefixes) items(item string, list []any) []*node {
	out := make([]*node, 0, len(list))
	for _, e := range list {
		if obj, ok := e.(map[string]any); ok {
			out = append(out, p.record(item, item, obj))
			continue
		}
		out = append(out, &node{name: item, value: scalar(e)})
	}
	return out
}

// record converts a JSON object. The key valueKey (a business transaction's "bizTransaction",
// a source's "source"), "@value" or "@id" gives the node its value, as an XML element's text
// would; the type of a business transaction then stays a child, as an XML attribute does.
func (p prefixes) record(name, valueKey string, obj map[string]any) *node {
	n := &node{name: name}
	for key, v := range obj {
		switch {
		case key == valueKey && valueKey != "", key == "@value", key == "@id":
			n.value = scalar(v)
		case strings.HasPrefix(key, "@"), key == "type" && !typeIsContent[name]:
		default:
			n.children = append(n.children, p.nodes(key, v)...)
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
