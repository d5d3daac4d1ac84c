package epcis

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// XMLToJSON writes an EPCIS XML document (EPCISDocument or EPCISQueryDocument, of 2.0 or
// the 1.2 layout, or one event) as the JSON-LD EPCISDocument of the same events, so that
// capture, which validates JSON, takes XML as well: each event keeps its fields in
// document order and so its Event Hash ID, and extension elements keep their namespaces
// under the prefixes the XML declared them with (in @context). created is the
// creationDate of a document that gives none. Of the header only ignoreFields is carried
// over (master data is not captured).
func XMLToJSON(data []byte, created time.Time) ([]byte, error) {
	root, err := readXMLTree(data)
	if err != nil {
		return nil, err
	}
	list, err := xmlEventList(root)
	if err != nil {
		return nil, err
	}
	if c := childValue(root, "creationDate"); c != "" { // an attribute of the document
		if created, err = time.Parse(time.RFC3339Nano, c); err != nil {
			return nil, fmt.Errorf("read XML: creationDate %q is not a date and time with its zone", c)
		}
	}
	w := &xmlJSON{declared: xmlPrefixes(data), context: map[string]string{}, prefixOf: map[string]string{}}
	events := make([]any, len(list))
	for i, n := range list {
		if events[i], err = w.event(n); err != nil {
			return nil, fmt.Errorf("event %d: %w", i, err)
		}
	}
	doc := orderedObject{
		{"@context", []any{"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", w.context}},
		{"type", "EPCISDocument"}, {"schemaVersion", "2.0"},
		{"creationDate", created.UTC().Format("2006-01-02T15:04:05.000Z")},
	}
	doc = append(doc, w.ignoreFields(root)...)
	return json.Marshal(append(doc, orderedMember{"epcisBody", orderedObject{{"eventList", events}}}))
}

// xmlJSON converts the events of one XML document, naming the extension namespaces it
// meets.
type xmlJSON struct {
	declared map[string]string // namespace → the prefix the XML declared it with
	context  map[string]string // prefix → namespace, for @context
	prefixOf map[string]string // namespace → the prefix given to it
}

// xmlArrays are the XML elements JSON writes as an array of their children's values.
var xmlArrays = func() map[string]bool {
	arrays := map[string]bool{"correctiveEventIDs": true}
	for name := range listItems {
		arrays[name] = true
	}
	return arrays
}()

// xmlRepeated are the elements that may repeat, which JSON writes as an array even when
// there is one.
var xmlRepeated = map[string]bool{"set": true, "unset": true, "sensorReport": true}

// xmlNumbers and xmlBooleans are the standard fields whose JSON values are numbers and
// booleans.
var (
	xmlNumbers = map[string]bool{"quantity": true, "value": true, "minValue": true, "maxValue": true,
		"meanValue": true, "sDev": true, "percRank": true, "percValue": true}
	xmlBooleans = map[string]bool{"booleanValue": true}
	// xmlTyped are the items whose element text is a member of the same name beside the
	// type attribute: <source type="…">urn:…</source> is {"type": "…", "source": "urn:…"}.
	xmlTyped = map[string]bool{"bizTransaction": true, "source": true, "destination": true}
)

// ignoreFields are the document's ignoreFields headers, which name the extension fields
// the Event Hash ID leaves out: JSON lists the fields in a member of the same name.
func (w *xmlJSON) ignoreFields(root *node) orderedObject {
	var out orderedObject
	for _, c := range root.children {
		if localName(c.name) != ignoreFieldsName || c.name == ignoreFieldsName {
			continue
		}
		fields := make([]any, len(c.children))
		for i, f := range c.children {
			fields[i] = w.key(f.name)
		}
		out = append(out, orderedMember{w.key(c.name), fields})
	}
	return out
}

// event is the JSON object of an event element.
func (w *xmlJSON) event(n *node) (orderedObject, error) {
	fields, err := w.members(n.children, "")
	return append(orderedObject{{"type", n.name}}, fields...), err
}

// members are the JSON members of the elements of parent: those of one name together, in
// the order they first appear.
func (w *xmlJSON) members(children []*node, parent string) (orderedObject, error) {
	var order []string
	groups := map[string][]*node{}
	for _, c := range children {
		if groups[c.name] == nil {
			order = append(order, c.name)
		}
		groups[c.name] = append(groups[c.name], c)
	}
	out := make(orderedObject, 0, len(order))
	for _, name := range order {
		v, err := w.member(name, groups[name], parent)
		if err != nil {
			return nil, err
		}
		out = append(out, orderedMember{w.key(name), v})
	}
	return out, nil
}

// member is the JSON value of the elements named name of parent.
func (w *xmlJSON) member(name string, nodes []*node, parent string) (any, error) {
	var items []*node
	switch {
	case xmlArrays[name]:
		for _, n := range nodes {
			items = append(items, n.children...)
		}
	case len(nodes) > 1 || xmlRepeated[name]:
		items = nodes
	default:
		return w.value(nodes[0], parent)
	}
	out := make([]any, len(items))
	for i, n := range items {
		var err error
		if out[i], err = w.value(n, name); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// value is the JSON value of one element of parent.
func (w *xmlJSON) value(n *node, parent string) (any, error) {
	switch {
	case len(n.children) == 0:
		return scalarOf(parent, n.name, n.value), nil
	case n.value == "":
		return w.members(n.children, n.name)
	case xmlTyped[n.name]:
		fields, err := w.members(n.children, n.name)
		return append(fields, orderedMember{n.name, n.value}), err
	}
	return nil, fmt.Errorf("%w: element %s has both text and attributes or elements", ErrUnsupported, n.name)
}

// scalarOf is the text of an element of parent as JSON: a number or a boolean where the
// standard says so, a bare word for a CBV URN of the vocabulary JSON writes bare, else a
// string.
func scalarOf(parent, name, text string) any {
	switch {
	case vocabularyOf(parent, name) != "":
		return bareWord(text, vocabularyOf(parent, name))
	case xmlNumbers[name]:
		if _, err := strconv.ParseFloat(text, 64); err == nil {
			return json.Number(text)
		}
	case xmlBooleans[name]:
		if b, err := strconv.ParseBool(text); err == nil {
			return b
		}
	}
	return text
}

// vocabularyOf is the vocabulary whose words JSON writes bare in the field name of parent
// (set and unset are persistentDisposition's), or "".
func vocabularyOf(parent, name string) string {
	switch {
	case name == "bizStep":
		return bizStepWeb
	case name == "disposition" || name == "set" || name == "unset":
		return dispWeb
	case name == "reason" && parent == "errorDeclaration":
		return errReasonWeb
	case name == "type" && parent == "bizTransaction":
		return bttWeb
	case name == "type" && (parent == "source" || parent == "destination"):
		return sdtWeb
	}
	return ""
}

// bareWord writes a CBV URN or web URI of vocab as its bare word, which JSON requires of a
// standard word; the hash and the facts expand both alike. Anything else stays as written.
func bareWord(text, vocab string) string {
	if !strings.HasPrefix(text, "urn:epcglobal:cbv:") && !strings.HasPrefix(text, vocab) {
		return text
	}
	if word, ok := strings.CutPrefix(vocabOf(text, vocab), vocab); ok && word != "" {
		return word
	}
	return text
}

// key is the JSON name of an element: its own for a standard one, prefix:local for an
// extension, the prefix a standard one, the one the XML declared, or a new one.
func (w *xmlJSON) key(name string) string {
	if !isExtension(name) {
		return name
	}
	ns, local, _ := strings.Cut(name[1:], "}")
	prefix, ok := w.prefixOf[ns]
	if !ok {
		prefix = w.newPrefix(ns)
		w.prefixOf[ns] = prefix
	}
	return prefix + ":" + local
}

// newPrefix chooses the prefix of an extension namespace: the standard one, else the
// XML's unless another namespace has it, else ext1, ext2, ….
func (w *xmlJSON) newPrefix(ns string) string {
	for prefix, iri := range standardPrefixes {
		if iri == ns {
			return prefix
		}
	}
	prefix := w.declared[ns]
	for i := 1; prefix == "" || standardPrefixes[prefix] != "" || w.context[prefix] != ""; i++ {
		prefix = "ext" + strconv.Itoa(i)
	}
	w.context[prefix] = ns
	return prefix
}

// xmlPrefixes reads the namespace declarations of an XML document: namespace → the first
// prefix declared for it.
func xmlPrefixes(data []byte) map[string]string {
	out := map[string]string{}
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) || err != nil {
			return out
		}
		if start, ok := tok.(xml.StartElement); ok {
			for _, a := range start.Attr {
				if _, seen := out[a.Value]; a.Name.Space == "xmlns" && !seen {
					out[a.Value] = a.Name.Local
				}
			}
		}
	}
}

// orderedObject is a JSON object written with its members in order.
type orderedObject []orderedMember

type orderedMember struct {
	key   string
	value any
}

// MarshalJSON writes the members in order.
func (o orderedObject) MarshalJSON() ([]byte, error) {
	buf := []byte{'{'}
	for i, m := range o {
		if i > 0 {
			buf = append(buf, ',')
		}
		k, err := json.Marshal(m.key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(m.value)
		if err != nil {
			return nil, err
		}
		buf = append(append(append(buf, k...), ':'), v...)
	}
	return append(buf, '}'), nil
}
