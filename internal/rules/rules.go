// Package rules keeps every number that comes from a regulation — grade bands, inspection
// frequencies, deadlines, publicity periods, draw ratios — as versioned data (规则参数) with
// its legal basis, confidence and effective dates. Defaults are embedded; a city overrides a
// rule in the database, and every override is a new row that supersedes the previous one.
package rules

import (
	"encoding/json"
	"strconv"

	"github.com/shejian/shejian/internal/i18n"
)

// Type is the declared type of a rule's value.
type Type string

// The value types. A list holds Items; a range list holds [min] or [min, max].
const (
	Integer Type = "integer"
	Number  Type = "number"
	String  Type = "text"
	List    Type = "list"
)

// Confidence says how well a value was checked, with the tags of the reference notes.
type Confidence string

// Confidence levels: [V] read in the legal text, [S] from a cited secondary source, [M]
// from memory or partial evidence and still to be checked.
const (
	Verified   Confidence = "verified"
	Secondary  Confidence = "secondary"
	Unverified Confidence = "unverified"
)

// Tag is the short marker of the confidence level used in the reference notes.
func (c Confidence) Tag() string {
	switch c {
	case Verified:
		return "[V]"
	case Secondary:
		return "[S]"
	default:
		return "[M]"
	}
}

// Text is a phrase in both supported languages.
type Text struct {
	ZH string `json:"zh"`
	EN string `json:"en,omitempty"`
}

// In returns the text in lang, falling back to Chinese.
func (t Text) In(lang i18n.Lang) string {
	if lang == i18n.English && t.EN != "" {
		return t.EN
	}
	return t.ZH
}

// Basis is the legal basis (法律依据) of a rule: which statute and article, and where the
// value was read (a path in LawRefBook/Laws or a cited page, as in docs/reference).
type Basis struct {
	Statute Text   `json:"statute"`
	Article Text   `json:"article,omitzero"`
	Source  string `json:"source"`
	Note    Text   `json:"note,omitzero"`
}

// Set is a named, versioned group of rules (规则集), e.g. "risk-2016" v1.
type Set struct {
	Name    string `json:"name"`
	Version int    `json:"version"`
	Title   Text   `json:"title"`
	Draft   bool   `json:"draft"` // published for comment, never promulgated
}

// Rule is one rule definition of one set version as shipped in defaults.json.
type Rule struct {
	Set           string          `json:"set"`
	Version       int             `json:"version"`
	Draft         bool            `json:"draft"`
	Key           string          `json:"key"`
	Type          Type            `json:"type"`
	Items         Type            `json:"items,omitempty"` // element type of a list
	Range         bool            `json:"range,omitempty"` // list is [min] or [min, max]
	Steps         bool            `json:"steps,omitempty"` // list is a step table, see StepTable
	Default       json.RawMessage `json:"default"`
	Unit          string          `json:"unit"`
	Min           *float64        `json:"min,omitempty"`
	Max           *float64        `json:"max,omitempty"`
	Description   Text            `json:"description"`
	Basis         Basis           `json:"basis"`
	Confidence    Confidence      `json:"confidence"`
	EffectiveFrom Date            `json:"effective_from"`
	EffectiveTo   *Date           `json:"effective_to,omitempty"`
}

// SetRef names the set version of the rule, "deadlines/v1".
func (r Rule) SetRef() string {
	return r.Set + "/v" + strconv.Itoa(r.Version)
}

// BadgeClass is the CSS class of the confidence badge: green for verified, amber for a
// secondary source and red for unverified values, so that [M] numbers stand out.
func (c Confidence) BadgeClass() string {
	switch c {
	case Verified:
		return "badge open"
	case Secondary:
		return "badge suspended"
	default:
		return "badge closed"
	}
}

// Bounds describes the allowed range of an override, "0 – 100", "≥ 2" or "".
func (r Rule) Bounds() string {
	switch {
	case r.Min != nil && r.Max != nil:
		return formatNumber(*r.Min) + " – " + formatNumber(*r.Max)
	case r.Min != nil:
		return "≥ " + formatNumber(*r.Min)
	case r.Max != nil:
		return "≤ " + formatNumber(*r.Max)
	}
	return ""
}
