package epcis

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
)

// Event is one EPCIS event (追溯事件) read from a document.
type Event struct {
	// Type is ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent or
	// AssociationEvent.
	Type string
	// fields are the event's top-level fields in the syntax-neutral form of node.
	fields []*node
	// hashIgnored holds the expanded names of fields the document's ignoreFields header asks
	// hashers to leave out; it travels with each event so that an Event hashes on its own.
	hashIgnored map[string]bool
	// json is the event's JSON object as the sender wrote it, a slice of the document; nil
	// for an event read from XML. Capture stores it (event_json.go). It is shared between
	// copies of the Event and never changed: jsonSet holds the members set since, which JSON
	// writes before the object's own, and jsonReplaces reports that one of them replaces a
	// member of the object.
	json         []byte
	jsonSet      []jsonMember
	jsonReplaces bool
}

// node is one field of an event. JSON keys, XML elements and XML attributes all become nodes:
// a standard field is named as in the standard ("bizStep"), a user extension
// "{namespace}localName". A list is a node whose children are its items, each named by the
// item ("epcList" holds "epc" nodes); a JSON array under any other key becomes repeated nodes.
type node struct {
	name     string
	value    string
	children []*node
}

// eventTypes are the five EPCIS 2.0 event types.
var eventTypes = map[string]bool{
	"ObjectEvent": true, "AggregationEvent": true, "TransactionEvent": true,
	"TransformationEvent": true, "AssociationEvent": true,
}

// ErrUnsupported reports a document that is neither JSON nor XML, or whose type is not an
// EPCIS document, query document or event.
var ErrUnsupported = errors.New("unsupported document")

// Parse reads an EPCIS 2.0 EPCISDocument, EPCISQueryDocument or single event, in JSON-LD or
// XML, and returns its events in document order.
func Parse(data []byte) ([]Event, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a byte-order mark, as Windows tools write
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) == 0 {
		return nil, errors.New("empty document")
	}
	switch trimmed[0] {
	case '{':
		return parseJSON(data)
	case '<':
		return parseXML(data)
	case '[':
		return nil, fmt.Errorf("%w: a JSON array; give an EPCISDocument, an EPCISQueryDocument or one event", ErrUnsupported)
	}
	return nil, fmt.Errorf("%w: neither JSON nor XML", ErrUnsupported)
}

// localName returns the part of an expanded name after its namespace.
func localName(name string) string {
	if i := strings.LastIndexByte(name, '}'); i >= 0 {
		return name[i+1:]
	}
	return name
}
