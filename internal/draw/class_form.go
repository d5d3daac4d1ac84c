package draw

import (
	"net/http"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

// entitiesPageView is the entity page's data: the directory's page and the credit classes
// its rows may be set to.
func (h *Handler) entitiesPageView(r *http.Request) (directoryView[DirectoryEntity], error) {
	v, err := h.entitiesView(r)
	v.Classes = Classes
	return v, err
}

// saveClass sets the credit class a business is drawn under from its row of an entity page.
// The class set here holds until the credit file classifies the business again (Subscribe).
func (h *Handler) saveClass(r *http.Request, _ int64) error {
	var c apperr.Collector
	business := chosenID(&c, r, "business_id")
	if err := c.Err(); err != nil {
		return err
	}
	return h.setCreditClass(r.Context(), business, CreditClass(web.FormValue(r, "credit_class")))
}
