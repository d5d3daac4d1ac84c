package draw

import (
	"net/http"

	"github.com/shejian/shejian/internal/web"
)

var (
	publicDrawsPage = web.MustPage(templates, "templates/public_draws.html", "templates/pager.html")
	publicDrawPage  = web.MustPage(templates, "templates/public_draw.html", "templates/pager.html")
)

// publicDrawsView is the data of the public list: a page of the published draws.
type publicDrawsView struct {
	pager
	Draws []PublicDrawSummary
}

// publishedDraws reads the query's page of the published draws.
func (h *Handler) publishedDraws(r *http.Request) (publicDrawsView, error) {
	var v publicDrawsView
	page, err := pageParam(r)
	if err == nil {
		v.Draws, v.pager, err = h.draws.PublishedDraws(r.Context(), page)
	}
	return v, err
}

func (h *Handler) apiPublicDraw(r *http.Request) (int, any, error) {
	d, err := h.publicDraw(r)
	return http.StatusOK, d, err
}

// publicDraw reads the path's published draw with the query's page of its businesses.
func (h *Handler) publicDraw(r *http.Request) (*PublicDraw, error) {
	page, err := pageParam(r)
	if err != nil {
		return nil, err
	}
	return h.draws.PublishedDraw(r.Context(), r.PathValue("code"), page)
}

// publicBundle serves the bundle of the path's published draw.
func (h *Handler) publicBundle(w http.ResponseWriter, r *http.Request) {
	f, err := h.draws.publishedBundle(r.Context(), r.PathValue("code"))
	if err != nil {
		failBundle(w, r, err)
		return
	}
	// A published draw never changes again: caches may keep its bundle, which is large.
	serveBundle(w, r, f, "public, max-age=86400")
}
