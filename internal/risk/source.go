package risk

import (
	"strings"

	"github.com/shejian/shejian/internal/rules"
)

// Source says where a number of the grading came from: the rule key, the exact version
// applied (rules.Effective.Ref) and its legal basis with its confidence tag.
type Source struct {
	Key        string `json:"key"`
	Ref        string `json:"ref"`
	Basis      string `json:"basis"`
	Confidence string `json:"confidence"` // [V], [S] or [M]
}

func sourceOf(e rules.Effective) *Source {
	basis := e.Basis.Statute.ZH
	if a := e.Basis.Article.ZH; a != "" {
		basis += " " + a
	}
	return &Source{Key: e.Key, Ref: e.Ref, Basis: strings.TrimSpace(basis), Confidence: e.Confidence.Tag()}
}

// param is one number of the scheme with its source, shared by every line that cites it.
type param struct {
	Value float64
	*Source
}

// table is one step table of the scheme with its source.
type table struct {
	rules.StepTable
	*Source
}
