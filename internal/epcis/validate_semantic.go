package epcis

import (
	"fmt"
	"time"
)

// finding is a rule one event breaks, located relative to the event.
type finding struct {
	pointer string
	rule    string
	params  map[string]any
}

// eventFacts are what the rules read from an event that passed the schema, so that they
// need not check types: the schema guarantees them.
type eventFacts struct {
	obj          map[string]any
	typ, action  string
	eventTime    time.Time
	rawEventTime string
	now          time.Time
}

// eventRules are the rules of EPCIS 2.0 (§7.4) and TCR-54 that a schema cannot state,
// because they compare a field with the event's type and action, with another field or with
// the clock. Each reads an event that passed the schema.
var eventRules = []func(eventFacts) []finding{
	parentRequired,
	childrenRequired,
	whatRequired,
	inputOutputRequired,
	ilmdNeedsAdd,
	eventNotInFuture,
	sensorTimesNotAfterEvent,
	declarationNotBeforeEvent,
}

// checkEventRules applies every event rule to an event that passed the schema.
func checkEventRules(obj map[string]any, now time.Time) []finding {
	raw := obj["eventTime"].(string)
	at, _ := parseTimestamp(raw) // the schema's date-time format parsed it already
	e := eventFacts{obj: obj, rawEventTime: raw, eventTime: at, now: now}
	e.typ, _ = obj["type"].(string)
	e.action, _ = obj["action"].(string)
	var out []finding
	for _, rule := range eventRules {
		out = append(out, rule(e)...)
	}
	return out
}

func (e eventFacts) typeAndAction() map[string]any {
	return map[string]any{"eventType": e.typ, "action": e.action}
}

// nonEmpty reports whether the event has the list and it has an item.
func (e eventFacts) nonEmpty(list string) bool {
	items, _ := e.obj[list].([]any)
	return len(items) > 0
}

func (e eventFacts) has(field string) bool {
	_, ok := e.obj[field]
	return ok
}

// parentRequired: an AggregationEvent or AssociationEvent that adds or deletes children
// names the parent (EPCIS 2.0 §7.4.3, TCR-54); an OBSERVE may omit it.
func parentRequired(e eventFacts) []finding {
	if (e.typ == "AggregationEvent" || e.typ == "AssociationEvent") && e.action != "OBSERVE" && !e.has("parentID") {
		return []finding{{"/parentID", RuleParentRequired, e.typeAndAction()}}
	}
	return nil
}

// childrenRequired: an AggregationEvent or AssociationEvent that adds or observes names
// children; a DELETE without children removes them all.
func childrenRequired(e eventFacts) []finding {
	if (e.typ == "AggregationEvent" || e.typ == "AssociationEvent") && e.action != "DELETE" &&
		!e.nonEmpty("childEPCs") && !e.nonEmpty("childQuantityList") {
		return []finding{{"", RuleChildrenRequired, e.typeAndAction()}}
	}
	return nil
}

// whatRequired: an ObjectEvent names its objects, unless it reports sensor data about a
// place (sensorElementList with a readPoint, EPCIS 2.0 §7.4.2); a TransactionEvent names
// them unless it deletes the transaction's link to all of them.
func whatRequired(e eventFacts) []finding {
	if e.nonEmpty("epcList") || e.nonEmpty("quantityList") {
		return nil
	}
	switch {
	case e.typ == "ObjectEvent" && !(e.nonEmpty("sensorElementList") && e.has("readPoint")),
		e.typ == "TransactionEvent" && e.action != "DELETE":
		return []finding{{"", RuleWhatRequired, e.typeAndAction()}}
	}
	return nil
}

// inputOutputRequired: a TransformationEvent consumes and produces something; when a
// transformationID ties several events into one transformation, each may carry inputs
// or outputs only (EPCIS 2.0 §7.4.6).
func inputOutputRequired(e eventFacts) []finding {
	if e.typ != "TransformationEvent" {
		return nil
	}
	in := e.nonEmpty("inputEPCList") || e.nonEmpty("inputQuantityList")
	out := e.nonEmpty("outputEPCList") || e.nonEmpty("outputQuantityList")
	if in && out || e.has("transformationID") && (in || out) {
		return nil
	}
	return []finding{{"", RuleInputOutput, nil}}
}

// ilmdNeedsAdd: instance/lot master data describe objects as they are created, so an
// ObjectEvent carries it only with action ADD.
func ilmdNeedsAdd(e eventFacts) []finding {
	if e.typ == "ObjectEvent" && e.has("ilmd") && e.action != "ADD" {
		return []finding{{"/ilmd", RuleILMDNeedsAdd, map[string]any{"action": e.action}}}
	}
	return nil
}

// eventNotInFuture: an event has happened when it is captured.
func eventNotInFuture(e eventFacts) []finding {
	if e.eventTime.After(e.now.Add(ClockSkew)) {
		return []finding{{"/eventTime", RuleEventInFuture, map[string]any{
			"eventTime": e.rawEventTime, "now": e.now.Format(time.RFC3339),
		}}}
	}
	return nil
}

// sensorTimesNotAfterEvent: an event reports readings taken up to its eventTime, so no
// sensor time lies after it, and a reading interval starts before it ends.
func sensorTimesNotAfterEvent(e eventFacts) []finding {
	var out []finding
	elements, _ := e.obj["sensorElementList"].([]any)
	for i, el := range elements {
		el := el.(map[string]any)
		base := fmt.Sprintf("/sensorElementList/%d", i)
		meta, _ := el["sensorMetadata"].(map[string]any)
		for _, name := range []string{"time", "startTime", "endTime"} {
			out = append(out, e.notAfterEvent(meta, base+"/sensorMetadata/"+name, name)...)
		}
		if start, end, ok := timesOf(meta, "startTime", "endTime"); ok && start.After(end) {
			out = append(out, finding{base + "/sensorMetadata/startTime", RuleSensorInterval, map[string]any{
				"startTime": meta["startTime"], "endTime": meta["endTime"],
			}})
		}
		reports, _ := el["sensorReport"].([]any)
		for j, r := range reports {
			out = append(out, e.notAfterEvent(r.(map[string]any), fmt.Sprintf("%s/sensorReport/%d/time", base, j), "time")...)
		}
	}
	return out
}

// notAfterEvent checks that obj's time field, if any, is not after the eventTime.
func (e eventFacts) notAfterEvent(obj map[string]any, pointer, name string) []finding {
	raw, _ := obj[name].(string)
	if raw == "" {
		return nil
	}
	t, err := parseTimestamp(raw)
	if err != nil || !t.After(e.eventTime.Add(ClockSkew)) {
		return nil
	}
	return []finding{{pointer, RuleSensorAfterEvent, map[string]any{"time": raw, "eventTime": e.rawEventTime}}}
}

// timesOf parses two time fields of obj, reporting false unless both are there.
func timesOf(obj map[string]any, a, b string) (time.Time, time.Time, bool) {
	ra, _ := obj[a].(string)
	rb, _ := obj[b].(string)
	if ra == "" || rb == "" {
		return time.Time{}, time.Time{}, false
	}
	ta, errA := parseTimestamp(ra)
	tb, errB := parseTimestamp(rb)
	return ta, tb, errA == nil && errB == nil
}

// declarationNotBeforeEvent: an error is declared about an event that has happened.
func declarationNotBeforeEvent(e eventFacts) []finding {
	decl, _ := e.obj["errorDeclaration"].(map[string]any)
	raw, _ := decl["declarationTime"].(string)
	if raw == "" {
		return nil
	}
	t, err := parseTimestamp(raw)
	if err != nil || !t.Before(e.eventTime.Add(-ClockSkew)) {
		return nil
	}
	return []finding{{"/errorDeclaration/declarationTime", RuleDeclarationEarly, map[string]any{
		"declarationTime": raw, "eventTime": e.rawEventTime,
	}}}
}
