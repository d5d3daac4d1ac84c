package inspect

import (
	"slices"
	"strings"
)

// normalized trims the texts of c and stores areas by code, whether given by code or by
// their Chinese or English name (as a spreadsheet shows them).
func (c Content) normalized() Content {
	c.Region, c.Title, c.TitleEN = strings.TrimSpace(c.Region), strings.TrimSpace(c.Title), strings.TrimSpace(c.TitleEN)
	c.Basis, c.Note = strings.TrimSpace(c.Basis), strings.TrimSpace(c.Note)
	c.Items = slices.Clone(c.Items)
	for i := range c.Items {
		it := &c.Items[i]
		it.Code, it.Area, it.Text = strings.TrimSpace(it.Code), strings.TrimSpace(it.Area), strings.TrimSpace(it.Text)
		it.TextEN, it.LegalBasis = strings.TrimSpace(it.TextEN), strings.TrimSpace(it.LegalBasis)
		if a, ok := AreaOf(c.Sector, it.Area); ok {
			it.Area = a.Code
		}
	}
	return c
}

// sortBySector orders summaries by the position of their sector in Sectors, keeping the
// order within a sector.
func sortBySector(list []Summary) {
	slices.SortStableFunc(list, func(a, b Summary) int {
		return slices.Index(Sectors, a.Sector) - slices.Index(Sectors, b.Sector)
	})
}
