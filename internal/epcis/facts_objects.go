package epcis

import (
	"fmt"
	"strconv"
	"strings"
)

// objectField is an event field that names objects: its role, and whether its items are
// quantity elements.
type objectField struct {
	name  string
	role  Role
	class bool
}

// objectFields are the fields naming an event's objects, in the order Facts lists them.
var objectFields = []objectField{
	{"epcList", RoleEPC, false},
	{"quantityList", RoleEPC, true},
	{"parentID", RoleParent, false},
	{"childEPCs", RoleChild, false},
	{"childQuantityList", RoleChild, true},
	{"inputEPCList", RoleInput, false},
	{"inputQuantityList", RoleInput, true},
	{"outputEPCList", RoleOutput, false},
	{"outputQuantityList", RoleOutput, true},
}

// objectCount returns how many objects a top-level field names: the items of a list, one
// for parentID, none for a field that names no objects.
func objectCount(n *node) int {
	for _, of := range objectFields {
		if n.name != of.name {
			continue
		}
		if of.role == RoleParent {
			return 1
		}
		return len(n.children)
	}
	return 0
}

// objects lists the event's objects, of which there are about count, field by field in
// the order of objectFields.
func (e Event) objects(count int) ([]Object, error) {
	out := make([]Object, 0, count)
	for _, of := range objectFields {
		for _, n := range e.fields {
			if n.name != of.name {
				continue
			}
			var err error
			if out, err = of.appendObjects(out, n); err != nil {
				return nil, fmt.Errorf("%s: %w", n.name, err)
			}
		}
	}
	return out, nil
}

// appendObjects appends the objects one field names; an empty identifier names none.
func (of objectField) appendObjects(dst []Object, n *node) ([]Object, error) {
	switch {
	case of.role == RoleParent:
		return appendObject(dst, Object{ID: canonicalValue(n.value), Role: of.role}), nil
	case !of.class:
		for _, epc := range n.children {
			dst = appendObject(dst, Object{ID: canonicalValue(epc.value), Role: of.role})
		}
		return dst, nil
	}
	for _, q := range n.children {
		o, err := quantityElementOf(q)
		if err != nil {
			return nil, err
		}
		o.Role = of.role
		dst = appendObject(dst, o)
	}
	return dst, nil
}

func appendObject(dst []Object, o Object) []Object {
	if o.ID == "" {
		return dst
	}
	return append(dst, o)
}

// quantityElementOf reads a quantity element: a class, and perhaps its quantity and unit.
func quantityElementOf(n *node) (Object, error) {
	o := Object{Class: true}
	for _, c := range n.children {
		switch c.name {
		case "epcClass":
			o.ID = canonicalValue(c.value)
		case "quantity":
			q, err := numberOf(c.value)
			if err != nil {
				return Object{}, fmt.Errorf("quantity: %w", err)
			}
			o.Quantity, o.HasQuantity = q, true
		case "uom":
			o.UOM = strings.TrimSpace(c.value)
		}
	}
	return o, nil
}

// appendTyped appends the business transactions, sources or destinations of a list, whose
// types are words of vocab and whose values canonical writes.
func appendTyped(dst []Typed, list *node, vocab string, canonical func(string) string) []Typed {
	if dst == nil {
		dst = make([]Typed, 0, len(list.children))
	}
	for _, item := range list.children {
		dst = append(dst, Typed{Type: vocabOf(childValue(item, "type"), vocab), Value: canonical(item.value)})
	}
	return dst
}

// numberOf reads a decimal number (xsd:decimal or xsd:double).
func numberOf(raw string) (float64, error) {
	s := strings.TrimSpace(raw)
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return f, nil
}
