package epcis

import (
	"encoding/json"
	"testing"
)

// The rules a schema cannot state, each broken once (wants) or kept at its edge (no wants).
// The test document's event happens at 2024-05-01T10:00:00+08:00 (02:00Z); ClockSkew is
// five minutes.
func TestValidateEventRules(t *testing.T) {
	const id = "urn:uuid:6f1c1f4e-8b7a-4c39-9a36-2f1d3f0a0001"
	tests := []struct {
		name  string
		edits []edit
		wants []want
	}{
		{"AggregationEvent ADD without parentID", []edit{set(ev0, aggregationEvent), del(ev0 + "/parentID")}, []want{{ev0 + "/parentID", RuleParentRequired}}},
		{"AggregationEvent DELETE without parentID", []edit{set(ev0, aggregationEvent), set(ev0+"/action", `"DELETE"`), del(ev0 + "/parentID")}, []want{{ev0 + "/parentID", RuleParentRequired}}},
		{"AggregationEvent OBSERVE without parentID", []edit{set(ev0, aggregationEvent), set(ev0+"/action", `"OBSERVE"`), del(ev0 + "/parentID")}, nil},
		{"AssociationEvent ADD without parentID", []edit{set(ev0, associationEvent), del(ev0 + "/parentID")}, []want{{ev0 + "/parentID", RuleParentRequired}}},
		{"AssociationEvent DELETE without parentID", []edit{set(ev0, associationEvent), set(ev0+"/action", `"DELETE"`), del(ev0 + "/parentID")}, []want{{ev0 + "/parentID", RuleParentRequired}}},
		{"AssociationEvent OBSERVE without parentID", []edit{set(ev0, associationEvent), set(ev0+"/action", `"OBSERVE"`), del(ev0 + "/parentID")}, nil},
		{"AssociationEvent ADD without children", []edit{set(ev0, associationEvent), del(ev0 + "/childEPCs")}, []want{{ev0, RuleChildrenRequired}}},
		{"AssociationEvent OBSERVE with empty childEPCs", []edit{set(ev0, associationEvent), set(ev0+"/action", `"OBSERVE"`), set(ev0+"/childEPCs", `[]`)}, []want{{ev0, RuleChildrenRequired}}},
		{"AssociationEvent ADD with a child quantity", []edit{set(ev0, associationEvent), del(ev0 + "/childEPCs"),
			set(ev0+"/childQuantityList", `[{"epcClass": "urn:epc:class:lgtin:6901234.012345.B1"}]`)}, nil},
		{"AggregationEvent DELETE without children", []edit{set(ev0, aggregationEvent), set(ev0+"/action", `"DELETE"`), del(ev0 + "/childEPCs")}, nil},
		{"ObjectEvent without objects", []edit{del(ev0 + "/epcList"), del(ev0 + "/quantityList"), del(ev0 + "/sensorElementList")}, []want{{ev0, RuleWhatRequired}}},
		{"ObjectEvent with empty lists", []edit{set(ev0+"/epcList", `[]`), set(ev0+"/quantityList", `[]`), del(ev0 + "/sensorElementList")}, []want{{ev0, RuleWhatRequired}}},
		{"ObjectEvent with sensor data but no readPoint", []edit{del(ev0 + "/epcList"), del(ev0 + "/quantityList"), del(ev0 + "/readPoint")}, []want{{ev0, RuleWhatRequired}}},
		{"ObjectEvent with sensor data at a readPoint", []edit{del(ev0 + "/epcList"), del(ev0 + "/quantityList")}, nil},
		{"TransactionEvent ADD without objects", []edit{set(ev0, transactionEvent), del(ev0 + "/epcList")}, []want{{ev0, RuleWhatRequired}}},
		{"TransactionEvent DELETE without objects", []edit{set(ev0, transactionEvent), set(ev0+"/action", `"DELETE"`), del(ev0 + "/epcList")}, nil},
		{"TransformationEvent with inputs only", []edit{set(ev0, transformationEvent), del(ev0 + "/outputQuantityList")}, []want{{ev0, RuleInputOutput}}},
		{"TransformationEvent with outputs only", []edit{set(ev0, transformationEvent), del(ev0 + "/inputQuantityList")}, []want{{ev0, RuleInputOutput}}},
		{"TransformationEvent with a transformationID and outputs only", []edit{set(ev0, transformationEvent), del(ev0 + "/inputQuantityList"),
			set(ev0+"/transformationID", `"urn:uuid:5e0a3c1e-1111-4c39-9a36-2f1d3f0a0002"`)}, nil},
		{"TransformationEvent with a transformationID and nothing else", []edit{set(ev0, transformationEvent), del(ev0 + "/inputQuantityList"), del(ev0 + "/outputQuantityList"),
			set(ev0+"/transformationID", `"urn:uuid:5e0a3c1e-1111-4c39-9a36-2f1d3f0a0002"`)}, []want{{ev0, RuleInputOutput}}},
		{"ObjectEvent ilmd with OBSERVE", []edit{set(ev0+"/ilmd", `{"ex:harvestDate": "2024-04-30"}`)}, []want{{ev0 + "/ilmd", RuleILMDNeedsAdd}}},
		{"ObjectEvent ilmd with DELETE", []edit{set(ev0+"/action", `"DELETE"`), set(ev0+"/ilmd", `{"ex:harvestDate": "2024-04-30"}`)}, []want{{ev0 + "/ilmd", RuleILMDNeedsAdd}}},
		{"ObjectEvent ilmd with ADD", []edit{set(ev0+"/action", `"ADD"`), set(ev0+"/ilmd", `{"ex:harvestDate": "2024-04-30"}`)}, nil},
		{"TransformationEvent ilmd", []edit{set(ev0, transformationEvent), set(ev0+"/ilmd", `{"ex:harvestDate": "2024-04-30"}`)}, nil},
		{"eventTime in the future", []edit{set(ev0+"/eventTime", `"2026-01-01T08:06:00+08:00"`)}, []want{{ev0 + "/eventTime", RuleEventInFuture}}},
		{"eventTime within the clock skew", []edit{set(ev0+"/eventTime", `"2026-01-01T08:04:00+08:00"`)}, nil},
		{"sensor report after the event", []edit{set(ev0+"/sensorElementList/0/sensorReport/0/time", `"2024-05-01T10:06:00+08:00"`)},
			[]want{{ev0 + "/sensorElementList/0/sensorReport/0/time", RuleSensorAfterEvent}}},
		{"sensor report within the clock skew", []edit{set(ev0+"/sensorElementList/0/sensorReport/0/time", `"2024-05-01T02:04:00Z"`)}, nil},
		{"sensor metadata time after the event", []edit{set(ev0+"/sensorElementList/0/sensorMetadata/time", `"2024-05-02T10:00:00+08:00"`)},
			[]want{{ev0 + "/sensorElementList/0/sensorMetadata/time", RuleSensorAfterEvent}}},
		{"sensor readings ending after the event", []edit{set(ev0+"/sensorElementList/0/sensorMetadata/startTime", `"2024-05-01T09:00:00+08:00"`),
			set(ev0+"/sensorElementList/0/sensorMetadata/endTime", `"2024-05-01T11:00:00+08:00"`)},
			[]want{{ev0 + "/sensorElementList/0/sensorMetadata/endTime", RuleSensorAfterEvent}}},
		{"sensor readings starting after they end", []edit{set(ev0+"/sensorElementList/0/sensorMetadata/startTime", `"2024-05-01T09:30:00+08:00"`),
			set(ev0+"/sensorElementList/0/sensorMetadata/endTime", `"2024-05-01T09:00:00+08:00"`)},
			[]want{{ev0 + "/sensorElementList/0/sensorMetadata/startTime", RuleSensorInterval}}},
		{"error declared before the event", []edit{set(ev0+"/errorDeclaration", `{"declarationTime": "2024-04-30T10:00:00+08:00", "reason": "incorrect_data"}`)},
			[]want{{ev0 + "/errorDeclaration/declarationTime", RuleDeclarationEarly}}},
		{"error declared after the event", []edit{set(ev0+"/errorDeclaration", `{"declarationTime": "2024-05-02T10:00:00+08:00", "reason": "incorrect_data"}`)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problems := mustProblems(t, mustEdited(t, tt.edits...))
			mustBreak(t, problems, tt.wants...)
			for _, p := range problems {
				if p.Event != 0 {
					t.Errorf("problem names event %d, want 0", p.Event)
				}
			}
		})
	}
	t.Run("event ID of the event in its problems", func(t *testing.T) {
		problems := mustProblems(t, mustEdited(t, set(ev0+"/bizStep", `"receive"`)))
		if len(problems) != 1 || problems[0].EventID != id {
			t.Errorf("problems %+v, want one naming eventID %s", problems, id)
		}
	})
}

// Two events with one eventID are the same event sent twice when their Event Hash IDs are
// equal (errorDeclaration and recordTime are not hashed); otherwise the second is a problem.
func TestValidateDuplicateEventIDs(t *testing.T) {
	const ev1 = "/epcisBody/eventList/1"
	copyFirst := func(tb testing.TB, doc map[string]any) {
		body := doc["epcisBody"].(map[string]any)
		list := body["eventList"].([]any)
		var again map[string]any
		if err := jsonRoundTrip(list[0], &again); err != nil {
			tb.Fatal(err)
		}
		body["eventList"] = append(list, again)
	}
	tests := []struct {
		name  string
		edits []edit
		wants []want
	}{
		{"the same event twice", []edit{copyFirst}, nil},
		{"an error declaration for the event", []edit{copyFirst,
			set(ev1+"/errorDeclaration", `{"declarationTime": "2024-05-02T10:00:00+08:00", "reason": "incorrect_data"}`)}, nil},
		{"the event with a recordTime", []edit{copyFirst, set(ev1+"/recordTime", `"2024-05-01T10:01:00+08:00"`)}, nil},
		{"another event under the same eventID", []edit{copyFirst, set(ev1+"/bizStep", `"shipping"`)}, []want{{ev1 + "/eventID", RuleDuplicateEventID}}},
		{"another event under the same id", []edit{del(ev0 + "/eventID"), set(ev0+"/id", `"urn:uuid:6f1c1f4e-8b7a-4c39-9a36-2f1d3f0a0001"`),
			copyFirst, set(ev1+"/disposition", `"in_transit"`)}, []want{{ev1 + "/id", RuleDuplicateEventID}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problems := mustProblems(t, mustEdited(t, tt.edits...))
			mustBreak(t, problems, tt.wants...)
			if len(problems) == 1 && (problems[0].Event != 1 || problems[0].Params["first"] != 0) {
				t.Errorf("problem %+v, want event 1 naming event 0 as the first", problems[0])
			}
		})
	}
}

// jsonRoundTrip copies v into out through JSON, a deep copy of a decoded value.
func jsonRoundTrip(v, out any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, out)
}
