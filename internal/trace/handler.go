package trace

import (
	"embed"
	"net/http"
	"strconv"
	"strings"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/web"
)

//go:embed locale
var files embed.FS

func init() { i18n.MustRegister(files, "locale") }

// Handler serves the capture and query interfaces of the EPCIS 2.0 REST binding at /epcis.
type Handler struct {
	events *Store
}

// NewHandler returns the handler over the event store.
func NewHandler(events *Store) *Handler { return &Handler{events: events} }

// Routes registers the capture and query routes.
func (h *Handler) Routes(r *web.Router) {
	r.Handle("POST /epcis/capture", access.TraceCapture, "Capture an EPCIS document (all or nothing)", h.capture)
	r.Handle("GET /epcis/capture", access.TraceRead, "List capture jobs, newest first", h.jobs)
	r.Handle("GET /epcis/capture/{id}", access.TraceRead, "Get a capture job", h.job)
	h.queryRoutes(r)
	h.optionsRoutes(r)
}

// The versions the binding's headers announce.
const (
	EPCISVersion = "2.0.0"
	CBVVersion   = "2.0.0"
)

// BindingHeaders adds to every response under /epcis the headers the EPCIS REST binding
// asks for: the EPCIS and CBV versions, and on the capture interface its limits and its
// error behaviour (all or nothing).
func BindingHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p := r.URL.Path; p == "/epcis" || strings.HasPrefix(p, "/epcis/") {
			h := w.Header()
			h.Set("GS1-EPCIS-Version", EPCISVersion)
			h.Set("GS1-CBV-Version", CBVVersion)
			if p == "/epcis/capture" || strings.HasPrefix(p, "/epcis/capture/") {
				h.Set("GS1-EPCIS-Capture-Limit", strconv.Itoa(MaxEvents))
				h.Set("GS1-EPCIS-Capture-File-Size-Limit", strconv.Itoa(MaxDocumentBytes))
				h.Set("GS1-Capture-Error-Behaviour", "rollback")
			}
		}
		next.ServeHTTP(w, r)
	})
}
