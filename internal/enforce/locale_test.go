package enforce

import (
	"encoding/json"
	"maps"
	"slices"
	"testing"

	"github.com/shejian/shejian/internal/i18n"
)

func TestCatalogsHaveTheSameKeys(t *testing.T) {
	keys := map[i18n.Lang][]string{}
	for _, lang := range i18n.Langs {
		body, err := files.ReadFile("locale/" + string(lang) + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var entries map[string]string
		if err := json.Unmarshal(body, &entries); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		keys[lang] = slices.Sorted(maps.Keys(entries))
	}
	if !slices.Equal(keys[i18n.Chinese], keys[i18n.English]) {
		t.Fatalf("catalogs differ:\nzh %v\nen %v", keys[i18n.Chinese], keys[i18n.English])
	}
	for _, s := range Steps {
		if _, ok := stepNames[s]; !ok || !i18n.Has(i18n.English, "enforce.step."+string(s)) {
			t.Errorf("no name for step %s", s)
		}
	}
	for _, s := range []Status{Open, Escalated, Closed, Replaced} {
		if !i18n.Has(i18n.English, "enforce.status."+string(s)) {
			t.Errorf("no name for status %s", s)
		}
	}
}
