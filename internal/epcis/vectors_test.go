package epcis

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hashCorpus is the folder of reference Event Hash ID vectors, kept next to the repository
// (../shared/corpus) and never copied into it: tests run from the package folder.
var hashCorpus = filepath.Join("..", "..", "..", "shared", "corpus", "epcis-hash", "tests")

// mustCorpus returns the path of a subfolder of the hash vectors, skipping the test when it
// is absent.
func mustCorpus(tb testing.TB, sub string) string {
	tb.Helper()
	return mustCorpusDir(tb, filepath.Join(hashCorpus, sub))
}

// mustCorpusDir returns dir, a folder of ../shared/corpus, skipping the test when it is absent.
func mustCorpusDir(tb testing.TB, dir string) string {
	tb.Helper()
	if _, err := os.Stat(dir); err != nil {
		tb.Skipf("EPCIS corpus not found at %s (../shared/corpus next to the repository): %v", dir, err)
	}
	return dir
}

func mustRead(tb testing.TB, path string) []byte {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// mustLines reads a file's non-empty lines.
func mustLines(tb testing.TB, path string) []string {
	tb.Helper()
	var lines []string
	for _, l := range strings.Split(string(mustRead(tb, path)), "\n") {
		if l = strings.TrimRight(l, "\r"); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// mustParseFile parses a corpus document.
func mustParseFile(tb testing.TB, path string) []Event {
	tb.Helper()
	events, err := Parse(mustRead(tb, path))
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return events
}

// TestHashIDVectors hashes every document that has a .hashes oracle, in each syntax given, and
// compares the IDs event by event.
func TestHashIDVectors(t *testing.T) {
	dir := mustCorpus(t, "examples")
	oracles, err := filepath.Glob(filepath.Join(dir, "*.hashes"))
	if err != nil || len(oracles) == 0 {
		t.Fatalf("no .hashes files in %s: %v", dir, err)
	}
	documents := 0
	for _, oracle := range oracles {
		base := strings.TrimSuffix(oracle, ".hashes")
		want := mustLines(t, oracle)
		var reference []string // the reference pre-hashes, a debugging aid: three are stale
		if _, err := os.Stat(base + ".prehashes"); err == nil {
			reference = mustLines(t, base+".prehashes")
		}
		for _, ext := range []string{".jsonld", ".json", ".xml"} {
			if _, err := os.Stat(base + ext); err != nil {
				continue
			}
			documents++
			t.Run(filepath.Base(base+ext), func(t *testing.T) {
				events := mustParseFile(t, base+ext)
				if len(events) != len(want) {
					t.Fatalf("%d events, the oracle has %d hashes", len(events), len(want))
				}
				for i, ev := range events {
					pre, err := ev.PreHash()
					if err != nil {
						t.Errorf("event %d: %v", i, err)
						continue
					}
					if got := hashIDOf([]byte(pre)); got != want[i] {
						t.Errorf("event %d: hash %s, want %s%s", i, got, want[i], preHashHint(pre, reference, i))
					}
				}
			})
		}
	}
	t.Logf("%d documents, %d oracle files", documents, len(oracles))
}

// preHashHint shows where our pre-hash string leaves the reference's, when there is one.
func preHashHint(got string, reference []string, i int) string {
	if i >= len(reference) {
		return "\n  ours: " + got
	}
	return "\n" + firstDifference(got, reference[i], "ours", "reference")
}

// firstDifference names the first differing byte of two pre-hash strings and shows both
// around it.
func firstDifference(a, b, nameA, nameB string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-60)
	return fmt.Sprintf("  pre-hash differs at byte %d:\n  %-9s …%s\n  %-9s …%s", i, nameA, a[from:min(len(a), i+80)], nameB, b[from:min(len(b), i+80)])
}

// TestHashIDExpectedEqual checks that differently written renderings of one event (element
// order, list order, time zones, timestamp and number precision, empty lists) hash the same.
func TestHashIDExpectedEqual(t *testing.T) {
	dir := mustCorpus(t, "expected_equal")
	files, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		t.Run(f.Name(), func(t *testing.T) {
			events := mustParseFile(t, filepath.Join(dir, f.Name()))
			if len(events) < 2 {
				t.Fatalf("%d events: nothing to compare", len(events))
			}
			first, err := events[0].PreHash()
			if err != nil {
				t.Fatalf("event 0: %v", err)
			}
			for i, ev := range events[1:] {
				pre, err := ev.PreHash()
				if err != nil {
					t.Errorf("event %d: %v", i+1, err)
				} else if pre != first {
					t.Errorf("event %d hashes apart from event 0:\n%s", i+1, firstDifference(pre, first, fmt.Sprintf("event %d", i+1), "event 0"))
				}
			}
		})
	}
}

// TestHashIDGS1Renderings runs the GS1 EPCIS repository's renderings of one fully featured
// event (sensors, extensions, ILMD): shuffled lists, another namespace prefix, xsi:type on an
// extension, and JSON-LD with CBV URNs must all hash as the first; the second moves the event
// to another time zone offset, a hashed field, so it must not.
func TestHashIDGS1Renderings(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "epcis", "XML", "WithEventHashID")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("GS1 EPCIS examples not found at %s: %v", dir, err)
	}
	hashOf := func(name string) string {
		t.Helper()
		events := mustParseFile(t, filepath.Join(dir, name))
		if len(events) != 1 {
			t.Fatalf("%s: %d events, want 1", name, len(events))
		}
		id, err := events[0].HashID()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return id
	}
	base := hashOf("event_with_identical_hash_id_1.xml")
	for _, name := range []string{"event_with_identical_hash_id_3.xml", "event_with_identical_hash_id_4.xml",
		"event_with_identical_hash_id_5.xml", "event_with_identical_hash_id_6.xml", "event_with_identical_hash_id_7.json"} {
		if got := hashOf(name); got != base {
			t.Errorf("%s hashes to %s, want %s as event_with_identical_hash_id_1.xml", name, got, base)
		}
	}
	if hashOf("event_with_identical_hash_id_2.xml") == base {
		t.Error("event_with_identical_hash_id_2.xml has another eventTimeZoneOffset but hashes the same")
	}
}
