package inspect

import (
	"embed"
	"encoding/json"
	"fmt"
	"path"

	"github.com/shejian/shejian/internal/rules"
)

//go:embed defaults
var defaultFiles embed.FS

// defaultFile is a shipped default template as written in defaults/*.json: items in the short
// form of the 2016 tables, and optionally the items of another default it extends (health
// food extends production, as art. 18 adds to art. 15).
type defaultFile struct {
	Sector      Sector `json:"sector"`
	Extends     string `json:"extends"`
	Title       string `json:"title"`
	TitleEN     string `json:"title_en"`
	Basis       string `json:"basis"`
	Note        string `json:"note"`
	Placeholder bool   `json:"placeholder"`
	Items       []struct {
		Code  string `json:"code"`
		Area  string `json:"area"`
		Key   bool   `json:"key"`
		Text  string `json:"text"`
		Basis string `json:"basis"`
		NA    bool   `json:"na"`
	} `json:"items"`
}

// DefaultTemplates returns the shipped default of every sector, in the order of Sectors,
// with the result rule rule. Every item is tagged [M]: the areas are Order 49's, the texts
// and key marks are recalled from the 2016 tables and not checked against them.
func DefaultTemplates(rule ResultRule) ([]Content, error) {
	out := make([]Content, 0, len(Sectors))
	for _, s := range Sectors {
		c, err := defaultOf(string(s))
		if err != nil {
			return nil, err
		}
		c.Rule = rule
		if err := c.Validate(); err != nil {
			return nil, fmt.Errorf("default template %s: %w", s, err)
		}
		out = append(out, c)
	}
	return out, nil
}

// defaultOf reads the default named name, with the items of the one it extends first.
func defaultOf(name string) (Content, error) {
	body, err := defaultFiles.ReadFile(path.Join("defaults", name+".json"))
	if err != nil {
		return Content{}, fmt.Errorf("default template %s: %w", name, err)
	}
	var f defaultFile
	if err := json.Unmarshal(body, &f); err != nil {
		return Content{}, fmt.Errorf("default template %s: %w", name, err)
	}
	c := Content{Sector: f.Sector, Title: f.Title, TitleEN: f.TitleEN, Basis: f.Basis, Note: f.Note, Placeholder: f.Placeholder}
	if f.Extends != "" {
		base, err := defaultOf(f.Extends)
		if err != nil {
			return Content{}, err
		}
		c.Items = base.Items
	}
	for _, it := range f.Items {
		c.Items = append(c.Items, ChecklistItem{Code: it.Code, Area: it.Area, Key: it.Key, Text: it.Text,
			LegalBasis: it.Basis, AllowNA: it.NA, Confidence: rules.Unverified})
	}
	return c, nil
}
