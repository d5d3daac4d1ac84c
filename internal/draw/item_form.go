package draw

import (
	"net/http"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

// saveItem adds or replaces the item the form of unit's items page describes. A ratio that
// is no number is a field error here; every other rule is the store's (SaveItem).
func (h *Handler) saveItem(r *http.Request, unit int64) error {
	var c apperr.Collector
	it := InspectionItem{ID: web.FormValue(r, "id"), Name: web.FormValue(r, "name"), Basis: web.FormValue(r, "basis"),
		RatioPercent: web.FormNumber(&c, "ratio_percent", web.FormValue(r, "ratio_percent")), Frequency: web.FormValue(r, "frequency")}
	if err := c.Err(); err != nil {
		return err
	}
	return h.draws.SaveItem(r.Context(), unit, it)
}
