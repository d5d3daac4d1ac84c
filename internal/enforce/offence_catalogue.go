package enforce

import (
	"context"

	"github.com/shejian/shejian/internal/i18n"
)

// CatalogueEntry is an offence as the catalogue shows it: its name and legal basis in the
// reader's language and the fine its clause allows today.
type CatalogueEntry struct {
	Offence
	Name  string   `json:"name"`
	Basis string   `json:"basis"`
	Fine  FineRule `json:"fine"`
}

// Catalogue lists the offence catalogue (违法行为目录) in lang with the fine ranges in force
// today; it is the same for every reader.
func (s *Service) Catalogue(ctx context.Context, lang i18n.Lang) ([]CatalogueEntry, error) {
	out := make([]CatalogueEntry, 0, len(Offences))
	for _, o := range Offences {
		fine, err := s.fineRule(ctx, o.clause(), s.today())
		if err != nil {
			return nil, err
		}
		out = append(out, CatalogueEntry{Offence: o, Name: i18n.T(lang, offenceNameKey(o.Code), nil),
			Basis: i18n.T(lang, offenceBasisKey(o.Code), nil), Fine: fine})
	}
	return out, nil
}

// FineHint describes the fine of e in lang, for the offence picker: the fixed range and,
// for offences that scale with the goods, the multiples from the threshold on.
func (e CatalogueEntry) FineHint(lang i18n.Lang) string {
	hint := i18n.T(lang, "enforce.form.fine_fixed", map[string]any{"range": rangeText(e.Fine.FixedYuan)})
	if len(e.Fine.GoodsMultiple) > 0 {
		hint += i18n.T(lang, "enforce.form.fine_multiple", map[string]any{
			"threshold": yuanText(e.Fine.GoodsValueThresholdYuan), "range": rangeText(e.Fine.GoodsMultiple)})
	}
	return hint
}

// rangeText writes a range [min] or [min, max] of a rule.
func rangeText(bounds []float64) string {
	if len(bounds) == 1 {
		return "≥ " + yuanText(bounds[0])
	}
	return yuanText(bounds[0]) + "–" + yuanText(bounds[1])
}
