package audit

import (
	"embed"
	"net/http"

	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/web"
)

//go:embed templates locale
var files embed.FS

func init() { i18n.MustRegister(files, "locale") }

var listPage = web.MustPage(files, "templates/audit.html")

// Handler serves the audit log for reading. There is deliberately no route that writes:
// entries come only from Record, inside the changes they describe.
type Handler struct{ st *store.Store }

// NewHandler returns the handler of the log in st.
func NewHandler(st *store.Store) *Handler { return &Handler{st: st} }

// Routes registers the page and the API, both open to callers with read access.
func (h *Handler) Routes(r *web.Router, read web.Access) {
	r.Handle("GET /audit", read, "Browse and filter the audit log", h.page)
	r.Handle("GET /api/v1/audit", read, "List audit log entries, newest first, filtered by actor, action, object and time", web.API(h.api))
}

// listJSON is the body of GET /api/v1/audit.
type listJSON struct {
	Entries     []Entry `json:"entries"`
	Total       int     `json:"total"`
	TotalCapped bool    `json:"total_capped"`
	Page        int     `json:"page"`
	PerPage     int     `json:"per_page"`
}

func (h *Handler) api(r *http.Request) (int, any, error) {
	f, err := FilterFromQuery(r.URL.Query())
	if err != nil {
		return 0, nil, err
	}
	res, err := h.list(r, f)
	return http.StatusOK, res, err
}

// list runs f and caps the total for display.
func (h *Handler) list(r *http.Request, f Filter) (*listJSON, error) {
	entries, total, err := List(r.Context(), h.st, f)
	if err != nil {
		return nil, err
	}
	f.normalize()
	res := &listJSON{Entries: entries, Total: total, Page: f.Page, PerPage: f.PerPage}
	if total > CountLimit {
		res.Total, res.TotalCapped = CountLimit, true
	}
	return res, nil
}
