package epcis

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// xsiNamespace holds schemaLocation and friends: instructions to validators, not content.
const xsiNamespace = "http://www.w3.org/2001/XMLSchema-instance"

// parseXML reads an XML document: EPCISDocument or EPCISQueryDocument (the event list is found
// wherever it sits under the root) or a single event element.
func parseXML(data []byte) ([]Event, error) {
	root, err := readXMLTree(data)
	if err != nil {
		return nil, err
	}
	list, err := xmlEventList(root)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	ignored := xmlIgnoredFields(root)
	events := make([]Event, 0, len(list))
	for _, n := range list {
		events = append(events, Event{Type: n.name, fields: n.children, hashIgnored: ignored})
	}
	return events, nil
}

// xmlEventList returns the event elements of a document's root: those of its EventList,
// wherever it sits, or the root itself when it is an event.
func xmlEventList(root *node) ([]*node, error) {
	var list []*node
	switch localName(root.name) {
	case "EPCISDocument", "EPCISQueryDocument":
		if l := findNode(root, "EventList"); l != nil {
			list = l.children
		}
	default:
		if !eventTypes[root.name] {
			return nil, fmt.Errorf("%w: root element %q is not an EPCIS document, query document or event", ErrUnsupported, root.name)
		}
		list = []*node{root}
	}
	for i, n := range list {
		if !eventTypes[n.name] {
			return nil, fmt.Errorf("event %d: %w: event type %q", i, ErrUnsupported, n.name)
		}
	}
	return list, nil
}

// maxXMLDepth bounds how deep elements nest: an EPCIS document needs a dozen levels, and the
// pre-hash copies each subtree once per level above it.
const maxXMLDepth = 100

// readXMLTree parses an XML document into nodes. Attributes become children, as JSON keys
// are; the EPCIS 1.x wrappers <extension> and <baseExtension> are dissolved into their parent
// so that 1.2-shaped and 2.0-shaped documents give the same tree.
func readXMLTree(data []byte) (*node, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []*node
	var texts [][]byte // the text of each open element
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read XML: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) == maxXMLDepth {
				return nil, fmt.Errorf("read XML: elements nested deeper than %d", maxXMLDepth)
			}
			stack = append(stack, &node{name: xmlName(t.Name), children: xmlAttributes(t.Attr)})
			texts = append(texts, nil)
		case xml.CharData:
			if len(texts) > 0 {
				texts[len(texts)-1] = append(texts[len(texts)-1], t...)
			}
		case xml.EndElement:
			n := stack[len(stack)-1]
			n.value = strings.TrimSpace(string(texts[len(texts)-1]))
			stack, texts = stack[:len(stack)-1], texts[:len(texts)-1]
			if len(stack) == 0 {
				return n, nil
			}
			parent := stack[len(stack)-1]
			if n.name == "extension" || n.name == "baseExtension" {
				parent.children = append(parent.children, n.children...)
			} else {
				parent.children = append(parent.children, n)
			}
		}
	}
	return nil, errors.New("read XML: no root element")
}

// xmlName names an element or attribute as the tree does: "{namespace}local" when qualified.
func xmlName(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return "{" + n.Space + "}" + n.Local
}

// xmlAttributes converts attributes to child nodes, leaving out namespace declarations and
// xsi: attributes.
func xmlAttributes(attrs []xml.Attr) []*node {
	var out []*node
	for _, a := range attrs {
		if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") || a.Name.Space == xsiNamespace {
			continue
		}
		out = append(out, &node{name: xmlName(a.Name), value: strings.TrimSpace(a.Value)})
	}
	return out
}

// findNode returns the first node named name, depth first, or nil.
func findNode(n *node, name string) *node {
	for _, c := range n.children {
		if c.name == name {
			return c
		}
		if found := findNode(c, name); found != nil {
			return found
		}
	}
	return nil
}

// xmlIgnoredFields reads the ignoreFields headers outside the event list: each child element
// names a field to leave out.
func xmlIgnoredFields(root *node) map[string]bool {
	ignored := map[string]bool{}
	var walk func(n *node)
	walk = func(n *node) {
		for _, c := range n.children {
			switch {
			case c.name == "EventList":
			case localName(c.name) == ignoreFieldsName:
				for _, f := range c.children {
					ignored[f.name] = true
				}
			default:
				walk(c)
			}
		}
	}
	walk(root)
	return ignored
}
