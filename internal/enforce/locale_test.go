package enforce

import (
	"testing"

	"github.com/shejian/shejian/internal/i18n"
)

// TestEveryStepAndStatusHasAName: the pages and messages name every case step and
// rectification status (the app checks that both catalogs hold the same keys).
func TestEveryStepAndStatusHasAName(t *testing.T) {
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
