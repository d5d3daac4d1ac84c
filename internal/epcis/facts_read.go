package epcis

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Facts returns the event's facts in normal form. It fails on a time or a number it cannot
// read, which an event that passed Validate does not have.
func (e Event) Facts() (Facts, error) {
	f := Facts{Type: e.Type}
	objects := 0
	for _, n := range e.fields {
		count, err := f.read(n)
		if err != nil {
			return Facts{}, fmt.Errorf("%s: %w", n.name, err)
		}
		objects += count
	}
	if objects > 0 {
		var err error
		if f.Objects, err = e.objects(objects); err != nil {
			return Facts{}, err
		}
	}
	for _, fields := range [][]Field{f.ILMD, f.Extensions} {
		slices.SortFunc(fields, func(a, b Field) int {
			return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.Value, b.Value))
		})
	}
	return f, nil
}

// read takes one top-level field into f. It leaves the fields naming objects to objects,
// which lists them in a fixed order, and returns how many objects such a field holds.
func (f *Facts) read(n *node) (objects int, err error) {
	switch n.name {
	case "action":
		f.Action = strings.TrimSpace(n.value)
	case "eventID":
		f.EventID = strings.TrimSpace(n.value)
	case "eventTime":
		f.EventTime, err = timeOf(n.value)
	case "eventTimeZoneOffset":
		f.EventTimeZoneOffset = strings.TrimSpace(n.value)
	case "recordTime":
		f.RecordTime, err = timeOf(n.value)
	case "bizStep":
		f.BizStep = vocabOf(n.value, bizStepWeb)
	case "disposition":
		f.Disposition = vocabOf(n.value, dispWeb)
	case "readPoint":
		f.ReadPoint = sharedIDs.get(childValue(n, "id"))
	case "bizLocation":
		f.BizLocation = sharedIDs.get(childValue(n, "id"))
	case "transformationID":
		f.TransformationID = canonicalValue(n.value)
	case "persistentDisposition":
		f.readPersistentDisposition(n)
	case "bizTransactionList":
		f.BizTransactions = appendTyped(f.BizTransactions, n, bttWeb, canonicalValue)
	case "sourceList":
		f.Sources = appendTyped(f.Sources, n, sdtWeb, sharedIDs.get)
	case "destinationList":
		f.Destinations = appendTyped(f.Destinations, n, sdtWeb, sharedIDs.get)
	case "errorDeclaration":
		f.ErrorDeclaration, err = errorDeclarationOf(n)
	case "sensorElementList":
		f.Sensors, err = appendSensorReports(f.Sensors, n)
	case "ilmd":
		f.ILMD = appendFields(f.ILMD, n.children, false)
	default:
		if isExtension(n.name) && !notHashed[n.name] {
			f.Extensions = appendFields(f.Extensions, []*node{n}, false)
		}
		objects = objectCount(n)
	}
	return objects, err
}

func (f *Facts) readPersistentDisposition(n *node) {
	for _, c := range n.children {
		switch c.name {
		case "set":
			f.PersistentDispositionSet = append(f.PersistentDispositionSet, vocabOf(c.value, dispWeb))
		case "unset":
			f.PersistentDispositionUnset = append(f.PersistentDispositionUnset, vocabOf(c.value, dispWeb))
		}
	}
}

// errorDeclarationOf reads an errorDeclaration. JSON gives correctiveEventIDs as an array
// (repeated nodes), XML as one element holding correctiveEventID elements.
func errorDeclarationOf(n *node) (*ErrorDeclaration, error) {
	d := &ErrorDeclaration{}
	for _, c := range n.children {
		var err error
		switch c.name {
		case "declarationTime":
			d.DeclarationTime, err = timeOf(c.value)
		case "reason":
			d.Reason = vocabOf(c.value, errReasonWeb)
		case "correctiveEventIDs":
			if c.value != "" {
				d.CorrectiveEventIDs = append(d.CorrectiveEventIDs, strings.TrimSpace(c.value))
			}
			for _, id := range c.children {
				d.CorrectiveEventIDs = append(d.CorrectiveEventIDs, strings.TrimSpace(id.value))
			}
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.name, err)
		}
	}
	return d, nil
}

// appendFields appends a field for each leaf of a tree of fields (ILMD, an extension) and
// for each node with a value; inner says whether nodes are nested in another field.
func appendFields(dst []Field, nodes []*node, inner bool) []Field {
	for _, n := range nodes {
		if n.value != "" || len(n.children) == 0 {
			dst = append(dst, Field{Name: n.name, Value: canonicalValue(n.value), Inner: inner})
		}
		dst = appendFields(dst, n.children, true)
	}
	return dst
}

// timeOf reads an xsd:dateTimeStamp as a time in UTC; an empty value is the zero time.
func timeOf(raw string) (time.Time, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := parseTimestamp(s)
	if err != nil {
		return time.Time{}, fmt.Errorf("timestamp %q is not an xsd:dateTimeStamp", s)
	}
	return t.UTC(), nil
}

// childValue returns the value of n's first child named name, or "".
func childValue(n *node, name string) string {
	for _, c := range n.children {
		if c.name == name {
			return c.value
		}
	}
	return ""
}
