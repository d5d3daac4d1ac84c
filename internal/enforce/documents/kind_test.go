package documents

import (
	"testing"

	"github.com/shejian/shejian/internal/enforce"
)

// TestKindsAreTheStepsDocuments checks that the kinds rendered here are exactly the
// documents the case steps name (enforce.Step.Document), which the case page links to.
func TestKindsAreTheStepsDocuments(t *testing.T) {
	for _, k := range Kinds {
		if got := forms[k].step.Document(); got != string(k) {
			t.Errorf("kind %s is issued by step %s, which names its document %q", k, forms[k].step, got)
		}
	}
	for _, s := range enforce.Steps {
		if d := s.Document(); d != "" {
			if _, ok := forms[Kind(d)]; !ok {
				t.Errorf("step %s names document %q, which is not a kind", s, d)
			}
		}
	}
}
