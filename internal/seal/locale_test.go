package seal

import (
	"encoding/json"
	"maps"
	"slices"
	"testing"
)

// TestCatalogsMatch: every message exists in both languages, including one per kind for each
// per-kind key.
func TestCatalogsMatch(t *testing.T) {
	keys := map[string][]string{}
	for _, lang := range []string{"zh-CN", "en"} {
		body, err := files.ReadFile("locale/" + lang + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(body, &m); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		keys[lang] = slices.Sorted(maps.Keys(m))
	}
	if !slices.Equal(keys["zh-CN"], keys["en"]) {
		t.Errorf("catalog keys differ:\nzh-CN %v\nen    %v", keys["zh-CN"], keys["en"])
	}
	for _, k := range []Kind{Signed, Published, Dispatched} {
		for _, prefix := range []string{"seal.sealed.", "seal.already."} {
			if !slices.Contains(keys["en"], prefix+string(k)) {
				t.Errorf("no message %s%s", prefix, k)
			}
		}
	}
}
