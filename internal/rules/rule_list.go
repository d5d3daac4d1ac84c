package rules

import (
	"net/http"
	"time"

	"github.com/shejian/shejian/internal/web"
)

// listView is the data of the list page.
type listView struct {
	Date   string
	Groups []setGroup
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) {
	now := time.Now()
	rules, err := h.book.InForce(r.Context(), now)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	listPage.Render(w, r, listView{Date: DateOf(now).String(), Groups: h.group(rules)})
}

// listJSON is the body of GET /api/v1/rules.
type listJSON struct {
	Date  string      `json:"date"`
	Rules []Effective `json:"rules"`
}

func (h *Handler) listAPI(r *http.Request) (int, any, error) {
	now := time.Now()
	rules, err := h.book.InForce(r.Context(), now)
	return http.StatusOK, listJSON{Date: DateOf(now).String(), Rules: rules}, err
}
