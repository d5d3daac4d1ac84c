package risk

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestTargetingReasonsTellApart: in each language every factor of the targeting ranker has
// a label of its own, so that a business's reasons never show the same words twice for two
// factors (a count and its indicator had shared one).
func TestTargetingReasonsTellApart(t *testing.T) {
	for _, name := range []string{"locale/zh-CN.json", "locale/en.json"} {
		data, err := files.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var messages map[string]string
		if err := json.Unmarshal(data, &messages); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		byLabel := map[string]string{}
		for key, label := range messages {
			if !strings.HasPrefix(key, "risk.targeting.feature.") {
				continue
			}
			if other, ok := byLabel[label]; ok {
				t.Errorf("%s: %s and %s are both labelled %q", name, min(key, other), max(key, other), label)
			}
			byLabel[label] = key
		}
		if len(byLabel) < 10 {
			t.Errorf("%s labels %d targeting factors, want them all", name, len(byLabel))
		}
	}
}
