package epcis

import "fmt"

// duplicateEventIDs reports each event whose eventID an earlier event of the document has
// with other content, comparing Event Hash IDs. The same event sent twice is no problem
// (capture keeps one), nor is an error declaration, which repeats the eventID of the event
// it corrects: the hash leaves errorDeclaration out. Only events that passed the schema
// (passed[i]) take part.
func duplicateEventIDs(list eventList, events []Event, passed []bool) ([]Problem, error) {
	first := map[string]int{}
	hashes := map[int]string{}
	hashOf := func(i int) (string, error) {
		if h, ok := hashes[i]; ok {
			return h, nil
		}
		h, err := events[i].HashID()
		if err != nil {
			return "", fmt.Errorf("hash event %d: %w", i, err)
		}
		hashes[i] = h
		return h, nil
	}
	var problems []Problem
	for i, item := range list.items {
		if !passed[i] {
			continue
		}
		id, field := eventIDOf(item.(map[string]any))
		if id == "" {
			continue
		}
		j, seen := first[id]
		if !seen {
			first[id] = i
			continue
		}
		a, err := hashOf(j)
		if err != nil {
			return nil, err
		}
		b, err := hashOf(i)
		if err != nil {
			return nil, err
		}
		if a != b {
			p := newProblem(i, list.pointer(i)+"/"+field, RuleDuplicateEventID, map[string]any{"eventID": id, "first": j})
			p.EventID = id
			problems = append(problems, p)
		}
	}
	return problems, nil
}
