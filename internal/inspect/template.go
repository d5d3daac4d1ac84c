package inspect

import (
	"time"

	"github.com/shejian/shejian/internal/rules"
)

// Status is where a template version stands: a draft may change, a published version is
// final (sealed) and may be used by inspections.
type Status string

// The statuses.
const (
	Draft     Status = "draft"     // 草稿
	Published Status = "published" // 已发布
)

// sealType names template versions in the seals table (and in the guards of migration 0019).
const sealType = "inspect_template"

// Content is what a user writes into a template version (监督检查要点表): the sector and
// region it serves, its title and basis, its result rule and its items.
type Content struct {
	Sector Sector `json:"sector"`
	// Region is "" for the national default, else the province or city of the table.
	Region  string `json:"region"`
	Title   string `json:"title"`
	TitleEN string `json:"title_en,omitempty"`
	Basis   string `json:"basis"` // the tables and articles the items come from
	Note    string `json:"note,omitempty"`
	// Placeholder marks a stand-in for a provincial table not yet entered.
	Placeholder bool            `json:"placeholder"`
	Rule        ResultRule      `json:"rule"`
	Items       []ChecklistItem `json:"items"`
}

// ChecklistItem is one checklist item (检查项目), key (重点项目) or general (一般项目).
type ChecklistItem struct {
	Code   string `json:"code"` // "4.5", unique in the version
	Area   string `json:"area"` // an Area code of the sector
	Text   string `json:"text"`
	TextEN string `json:"text_en,omitempty"`
	Key    bool   `json:"key"` // 重点项目 (* in the 2016 tables); else 一般项目
	// Points is set where a province scores the table (as the dynamic risk table does).
	Points     *float64 `json:"points,omitempty"`
	LegalBasis string   `json:"legal_basis,omitempty"`
	// AllowNA lets the inspector answer 不适用 (not applicable).
	AllowNA bool `json:"allow_na"`
	// Confidence tags the item's text: verified against a published table, from a secondary
	// source, or from memory ([V]/[S]/[M]); empty for a city's own item.
	Confidence rules.Confidence `json:"confidence,omitempty"`
}

// ResultRule is the result rule (结果判定) of a version: more than MaxKeyFailures failed key
// items, or more than MaxGeneralFailures failed general items, is 不符合; any failure within
// both is 基本符合; none is 符合.
type ResultRule struct {
	MaxGeneralFailures int `json:"max_general_failures"`
	MaxKeyFailures     int `json:"max_key_failures"`
	// Source says where the thresholds came from (a rule of the rule book, or the city).
	Source string `json:"source,omitempty"`
}

// ChecklistTemplate is one version of a checklist template (监督检查要点表).
type ChecklistTemplate struct {
	ID      int64  `json:"id"`
	Version int    `json:"version"`
	Status  Status `json:"status"`
	// Default marks the shipped defaults, for the city to adjust.
	Default     bool       `json:"default"`
	BasedOn     *int64     `json:"based_on,omitempty"` // the version this one was copied from
	CreatedAt   time.Time  `json:"created_at"`
	CreatedBy   string     `json:"created_by"`
	PublishedAt *time.Time `json:"published_at,omitempty"`
	PublishedBy string     `json:"published_by,omitempty"`
	Content
}

// Summary is a version as the list shows it: without items, with their counts.
type Summary struct {
	ID          int64      `json:"id"`
	Sector      Sector     `json:"sector"`
	Region      string     `json:"region"`
	Version     int        `json:"version"`
	Status      Status     `json:"status"`
	Title       string     `json:"title"`
	TitleEN     string     `json:"title_en,omitempty"`
	Default     bool       `json:"default"`
	Placeholder bool       `json:"placeholder"`
	Items       int        `json:"items"`
	KeyItems    int        `json:"key_items"`
	PublishedAt *time.Time `json:"published_at,omitempty"`
}

// KeyCount is the number of key items.
func (c Content) KeyCount() int {
	n := 0
	for _, it := range c.Items {
		if it.Key {
			n++
		}
	}
	return n
}
