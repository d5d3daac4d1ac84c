package inspect

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/rules"
)

// Length limits of the texts of a version.
const (
	maxTitle = 200
	maxText  = 2000
	maxCode  = 20
	maxItems = 1000
)

// Validate checks a version as a user or an import gives it. Header errors name the JSON
// field ("sector", "rule.max_general_failures"); item errors name the item's field and carry
// the item's position (1-based) as Row, so that an import can report the sheet row instead.
func (c Content) Validate() error {
	var col apperr.Collector
	switch {
	case c.Sector == "":
		col.Add("sector", "required", nil)
	case !c.Sector.Valid():
		col.Add("sector", "one_of", map[string]any{"values": sectorList()})
	}
	text(&col, "title", c.Title, maxTitle, true)
	text(&col, "title_en", c.TitleEN, maxTitle, false)
	text(&col, "region", c.Region, 50, false)
	text(&col, "basis", c.Basis, maxText, false)
	text(&col, "note", c.Note, maxText, false)
	if c.Rule.MaxGeneralFailures < 0 {
		col.Add("rule.max_general_failures", "min", map[string]any{"min": 0})
	}
	if c.Rule.MaxKeyFailures < 0 {
		col.Add("rule.max_key_failures", "min", map[string]any{"min": 0})
	}
	switch {
	case len(c.Items) == 0:
		col.Add("items", "required", nil)
	case len(c.Items) > maxItems:
		col.Add("items", "inspect_too_many_items", map[string]any{"max": maxItems})
	}
	fields := apperr.From(col.Err()).Fields
	return fieldsErr(append(fields, c.itemErrors()...))
}

// itemErrors checks every item: its code unique, its area one of the sector's.
func (c Content) itemErrors() []apperr.FieldError {
	var out []apperr.FieldError
	first := map[string]int{}
	for i, it := range c.Items {
		var col apperr.Collector
		code := strings.TrimSpace(it.Code)
		text(&col, "code", code, maxCode, true)
		if n, dup := first[code]; dup && code != "" {
			col.Add("code", "inspect_duplicate_code", map[string]any{"row": n})
		} else if code != "" {
			first[code] = i + 1
		}
		switch {
		case it.Area == "":
			col.Add("area", "required", nil)
		case c.Sector.Valid():
			if _, ok := AreaOf(c.Sector, it.Area); !ok {
				col.Add("area", "inspect_unknown_area", map[string]any{"values": areaList(c.Sector)})
			}
		}
		text(&col, "text", it.Text, maxText, true)
		text(&col, "text_en", it.TextEN, maxText, false)
		text(&col, "legal_basis", it.LegalBasis, maxText, false)
		if it.Points != nil && *it.Points < 0 {
			col.Add("points", "min", map[string]any{"min": 0})
		}
		switch it.Confidence {
		case "", rules.Verified, rules.Secondary, rules.Unverified:
		default:
			col.Add("confidence", "one_of", map[string]any{"values": "verified, secondary, unverified"})
		}
		for _, f := range apperr.From(col.Err()).Fields {
			f.Row = i + 1
			out = append(out, f)
		}
	}
	return out
}

// text checks a required or optional text against its length limit.
func text(c *apperr.Collector, field, v string, limit int, required bool) {
	switch {
	case required && strings.TrimSpace(v) == "":
		c.Add(field, "required", nil)
	case utf8.RuneCountInString(v) > limit:
		c.Add(field, "too_long", map[string]any{"max": limit})
	}
}

// fieldsErr is nil for no fields, else the Invalid error carrying them.
func fieldsErr(fields []apperr.FieldError) error {
	if len(fields) == 0 {
		return nil
	}
	return apperr.Fields(fields...)
}

// apiFields names item errors the way the JSON API shows them: "items[3].area".
func apiFields(err error) error {
	e := apperr.From(err)
	if e.Code != apperr.Invalid {
		return err
	}
	for i, f := range e.Fields {
		if f.Row > 0 {
			e.Fields[i].Field = fmt.Sprintf("items[%d].%s", f.Row, f.Field)
		}
	}
	return e
}

func sectorList() string {
	names := make([]string, len(Sectors))
	for i, s := range Sectors {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

func areaList(s Sector) string {
	names := []string{}
	for _, a := range Areas(s) {
		names = append(names, a.Code+" "+a.ZH)
	}
	return strings.Join(names, ", ")
}

// CheckAnswers refuses answers to unknown items, 不适用 where an item does not allow it and
// unknown answers; complete also requires every item answered (Order 49 art. 27: all items
// but in a flying inspection). Field errors name "answers.<code>".
func (c Content) CheckAnswers(answers Answers, complete bool) error {
	var col apperr.Collector
	known := map[string]ChecklistItem{}
	for _, it := range c.Items {
		known[it.Code] = it
		if _, ok := answers[it.Code]; complete && !ok {
			col.Add("answers."+it.Code, "required", nil)
		}
	}
	for _, code := range slices.Sorted(maps.Keys(answers)) {
		a := answers[code]
		it, ok := known[code]
		switch {
		case !ok:
			col.Add("answers."+code, "inspect_unknown_item", nil)
		case a != Pass && a != Fail && a != NotApplicable:
			col.Add("answers."+code, "one_of", map[string]any{"values": "pass, fail, na"})
		case a == NotApplicable && !it.AllowNA:
			col.Add("answers."+code, "inspect_na_not_allowed", nil)
		}
	}
	return col.Err()
}
