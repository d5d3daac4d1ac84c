package draw

import (
	"net/http"

	"github.com/shejian/shejian/internal/web"
)

var (
	publicDrawsPage = web.MustPage(templates, "templates/public_draws.html")
	publicDrawPage  = web.MustPage(templates, "templates/public_draw.html")
)

func (h *Handler) publicDrawsPage(w http.ResponseWriter, r *http.Request) {
	draws, err := h.draws.PublishedDraws(r.Context())
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	publicDrawsPage.Render(w, r, draws)
}

func (h *Handler) publicDrawPage(w http.ResponseWriter, r *http.Request) {
	d, err := h.draws.PublishedDraw(r.Context(), r.PathValue("code"))
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	publicDrawPage.Render(w, r, d)
}

func (h *Handler) apiPublicDraw(r *http.Request) (int, any, error) {
	d, err := h.draws.PublishedDraw(r.Context(), r.PathValue("code"))
	return http.StatusOK, d, err
}
