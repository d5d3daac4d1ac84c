package journey

import (
	"context"
	"embed"
	"encoding/json"
	"net/http"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/web"
)

//go:embed locale templates
var files embed.FS

func init() { i18n.MustRegister(files, "locale") }

// Handler serves trace and recall to users: the API, the /trace page with its graph, trace
// codes and their public pages. It only reads the trace index; capture feeds it.
type Handler struct {
	st     *store.Store
	index  *Index
	codes  codes
	page   *web.Page
	public *publicPages
}

// NewHandler returns the handler over the store and the server's trace index.
func NewHandler(st *store.Store, index *Index) *Handler {
	return &Handler{st: st, index: index, codes: codes{st}, page: web.MustPage(files, "templates/trace.html", "templates/chart.html"),
		public: newPublicPages()}
}

// Routes registers the routes.
func (h *Handler) Routes(r *web.Router) {
	r.Handle("GET /api/v1/trace", access.TraceRead, "Trace a lot backward (溯源) or forward (追踪)", h.traceAPI)
	r.Handle("GET /api/v1/recall", access.TraceRead, "Get the recall scope (召回范围) of a lot", h.recallAPI)
	r.Handle("POST /api/v1/trace-codes", access.TraceCapture, "Issue the public trace code (追溯码) of a lot", h.issueAPI)
	r.Handle("GET /trace", access.TraceRead, "Trace and recall a lot, with its graph", h.tracePage)
	r.Handle("POST /trace/codes", access.TraceCapture, "Issue the trace code of the lot of the page", h.issuePage)
	r.Handle("GET /t/{code}", web.Public, "The public page of a trace code: the journey of its lot", h.publicPage)
	r.Handle("GET /t/{code}/qr.png", web.Public, "The QR code of a trace code's public page", h.qrCode)
}

// found is what a lookup found: the lot named, or the lots a bare batch number may be.
type found struct {
	lot        *lotTraces
	candidates []string
}

// lookup reads what the user typed, trimmed and not empty (see canonicalLot), and opens
// the lot it names; a bare batch number names the lots of that number the caller may
// trace: the one, or several to choose from.
func (h *Handler) lookup(ctx context.Context, input string) (found, error) {
	if id, ok := canonicalLot(input); ok {
		l, err := openLot(ctx, h.st, h.index.graph, id)
		return found{lot: l}, err
	}
	ids, err := candidateLots(ctx, h.st, input)
	if err != nil {
		return found{}, err
	}
	var f found
	for _, id := range ids {
		l, err := openLot(ctx, h.st, h.index.graph, id)
		switch {
		case apperr.CodeOf(err) == apperr.NotFound:
			continue
		case err != nil:
			return found{}, err
		}
		f.lot = l
		f.candidates = append(f.candidates, id)
	}
	switch len(f.candidates) {
	case 0:
		return found{}, errLotNotFound(input)
	case 1:
		f.candidates = nil
	default:
		f.lot = nil
	}
	return f, nil
}

// ready reports whether the trace index is loaded, and otherwise answers 503 saying so:
// a problem document to the API, the page with the notice to a browser.
func (h *Handler) ready(w http.ResponseWriter, r *http.Request, page func(status int)) bool {
	if h.index.Ready() {
		return true
	}
	w.Header().Set("Retry-After", "30")
	if web.IsAPI(r) {
		lang := web.LangFrom(r.Context())
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusServiceUnavailable)
		json.NewEncoder(w).Encode(web.Problem{Type: "https://shejian.dev/problems/unavailable",
			Title: i18n.T(lang, "journey.loading", nil), Status: http.StatusServiceUnavailable})
		return false
	}
	page(http.StatusServiceUnavailable)
	return false
}
