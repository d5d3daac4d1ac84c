package epcis

import (
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestFactsOfCorpus reads the facts of every event of the GS1 examples, in both contexts:
// none fails, each has its type and time, and every identifier is in normal form.
func TestFactsOfCorpus(t *testing.T) {
	forCorpusEvents(t, func(t *testing.T, i int, ev Event) {
		f, err := ev.Facts()
		if err != nil {
			t.Fatalf("event %d: %v", i, err)
		}
		if f.Type != ev.Type || f.EventTime.IsZero() {
			t.Errorf("event %d: type %q, eventTime %v", i, f.Type, f.EventTime)
		}
		for _, o := range f.Objects {
			if strings.HasPrefix(o.ID, "urn:epc:id:") || strings.HasPrefix(o.ID, "urn:epc:class:") || strings.TrimSpace(o.ID) != o.ID {
				t.Errorf("event %d: object %q is not in normal form", i, o.ID)
			}
		}
		if strings.HasPrefix(f.BizStep, "urn:") || f.BizStep != "" && !strings.Contains(f.BizStep, ":") {
			t.Errorf("event %d: bizStep %q is not a web URI", i, f.BizStep)
		}
	})
}

// forCorpusEvents runs check on each event of each GS1 JSON-LD example, full and simple
// context, in a subtest a document.
func forCorpusEvents(t *testing.T, check func(t *testing.T, i int, ev Event)) {
	for _, sub := range []string{"JSON", "JSON-simple-context"} {
		dir, names := mustCorpusDocuments(t, sub)
		for _, name := range names {
			t.Run(sub+"/"+name, func(t *testing.T) {
				for i, ev := range mustParseFile(t, filepath.Join(dir, name)) {
					check(t, i, ev)
				}
			})
		}
	}
}

// TestFactsAgreeAcrossSyntaxes compares the facts of documents that give the same events in
// other words: the hash vectors' JSON-LD and XML renderings (the events of one .hashes
// oracle), and the GS1 renderings of one event in XML/WithEventHashID. Lists are compared
// as sets, as the hash compares them; a rendering may move the event to another time zone
// offset, the same instant.
func TestFactsAgreeAcrossSyntaxes(t *testing.T) {
	groups := map[string][]string{}
	examples := mustCorpus(t, "examples")
	oracles, err := filepath.Glob(filepath.Join(examples, "*.hashes"))
	if err != nil {
		t.Fatal(err)
	}
	for _, oracle := range oracles {
		base := strings.TrimSuffix(oracle, ".hashes")
		for _, ext := range []string{".jsonld", ".json", ".xml"} {
			if _, err := os.Stat(base + ext); err == nil {
				groups[filepath.Base(base)] = append(groups[filepath.Base(base)], base+ext)
			}
		}
	}
	gs1 := mustCorpusDir(t, filepath.Join(epcisCorpus, "XML", "WithEventHashID"))
	for _, name := range []string{"1.xml", "2.xml", "3.xml", "4.xml", "5.xml", "6.xml", "7.json"} {
		groups["WithEventHashID"] = append(groups["WithEventHashID"], filepath.Join(gs1, "event_with_identical_hash_id_"+name))
	}
	compared := 0
	for name, paths := range groups {
		if len(paths) < 2 {
			continue
		}
		compared++
		t.Run(name, func(t *testing.T) {
			want := mustSetFacts(t, paths[0])
			for _, path := range paths[1:] {
				got := mustSetFacts(t, path)
				if len(got) != len(want) {
					t.Fatalf("%s: %d events, %s has %d", path, len(got), paths[0], len(want))
				}
				for i := range got {
					if !reflect.DeepEqual(got[i], want[i]) {
						t.Errorf("%s event %d:\n got %s\nwant %s", filepath.Base(path), i, describeFacts(got[i]), describeFacts(want[i]))
					}
				}
			}
		})
	}
	if compared < 10 {
		t.Errorf("only %d groups of renderings compared", compared)
	}
}

// mustSetFacts returns the facts of a document's events with their lists sorted and the
// time zone offset left out, for comparing renderings that may order lists and write the
// event's time each their own way.
func mustSetFacts(tb testing.TB, path string) []Facts {
	tb.Helper()
	var out []Facts
	for i, ev := range mustParseFile(tb, path) {
		f, err := ev.Facts()
		if err != nil {
			tb.Fatalf("%s event %d: %v", path, i, err)
		}
		f.EventTimeZoneOffset = ""
		sortByText(f.Objects)
		sortByText(f.BizTransactions)
		sortByText(f.Sources)
		sortByText(f.Destinations)
		sortByText(f.Sensors)
		slices.Sort(f.PersistentDispositionSet)
		slices.Sort(f.PersistentDispositionUnset)
		out = append(out, f)
	}
	return out
}

func sortByText[T any](s []T) {
	slices.SortFunc(s, func(a, b T) int { return cmp.Compare(describe(a), describe(b)) })
}

// describeFacts writes facts for a failure message, with the values pointers point at.
func describeFacts(f Facts) string { return describe(f) }

func describe(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%+v", v)
	}
	return string(data)
}
