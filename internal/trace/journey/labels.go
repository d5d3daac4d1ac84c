package journey

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/trace/graph"
)

func chinaTime(t time.Time) time.Time { return t.In(calendar.China) }

// minute is a time as the pages show it.
func minute(t time.Time) string { return chinaTime(t).Format("2006-01-02 15:04") }

// placeLabel names a place as the caller sees it: a business or party by name, one seen by
// district as "a business in <district>", an unregistered one as such.
func placeLabel(lang i18n.Lang, p Place) string {
	switch {
	case p.Seen == SeenDistrict:
		return i18n.T(lang, "journey.place.in_district", map[string]any{"district": p.District})
	case p.Seen == SeenHidden:
		return i18n.T(lang, "journey.place.unregistered", nil)
	case p.Name != "":
		return p.Name
	}
	return p.Location
}

// placeSub is the second line of a place: its district and kind (业态), or that it is not
// registered.
func placeSub(lang i18n.Lang, p Place) string {
	switch {
	case !p.Registered && p.Seen == SeenFull:
		return i18n.T(lang, "journey.place.not_registered", nil)
	case p.Kind != "":
		return p.District + " · " + i18n.T(lang, "kind."+p.Kind, nil)
	}
	return p.District
}

// stepWhat says in lang what a step did to its identifier: went into or came out of a
// transformation, else its business step.
func stepWhat(lang i18n.Lang, s graph.Step) string {
	switch s.Role {
	case epcis.RoleInput:
		return i18n.T(lang, "journey.step.input", nil)
	case epcis.RoleOutput:
		return i18n.T(lang, "journey.step.output", nil)
	}
	return stepLabel(lang, bizStepWord(s.BizStep))
}

// stepLabel names a business step in lang: the CBV steps this city's chains use, any other
// by its word.
func stepLabel(lang i18n.Lang, word string) string {
	if key := "journey.step." + word; i18n.Has(lang, key) {
		return i18n.T(lang, key, nil)
	}
	return word
}

// quantityLabel writes amounts by unit, units in order: "600 千克 · 1800 件".
func quantityLabel(lang i18n.Lang, amounts map[string]float64) string {
	units := make([]string, 0, len(amounts))
	for u := range amounts {
		units = append(units, u)
	}
	slices.Sort(units)
	parts := make([]string, 0, len(units))
	for _, u := range units {
		parts = append(parts, amount(lang, amounts[u], u))
	}
	return strings.Join(parts, " · ")
}

// quantitiesLabel writes a recall place's quantities.
func quantitiesLabel(lang i18n.Lang, qs []Quantity) string {
	m := make(map[string]float64, len(qs))
	for _, q := range qs {
		m[q.UOM] += q.Amount
	}
	return quantityLabel(lang, m)
}

// amount is one quantity with its unit: a UN/ECE Rec 20 code by its name where this city
// uses it, no unit as pieces.
func amount(lang i18n.Lang, q float64, uom string) string {
	unit := uom
	if key := "journey.uom." + cmp.Or(uom, "pieces"); i18n.Has(lang, key) {
		unit = i18n.T(lang, key, nil)
	}
	return strconv.FormatFloat(q, 'f', -1, 64) + " " + unit
}
