package ticket

import (
	"embed"
	"net/http"
	"strings"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/trace"
	"github.com/shejian/shejian/internal/web"
)

//go:embed templates locale
var files embed.FS

func init() { i18n.MustRegister(files, "locale") }

// Handler serves the pages and the API of tickets, certificates and ledger lines.
type Handler struct {
	rec          *Recorder
	list, detail *web.Page
}

// NewHandler returns the handler over st, capturing into events.
func NewHandler(st *store.Store, events *trace.Store) *Handler {
	return &Handler{rec: NewRecorder(st, events),
		list:   web.MustPage(files, "templates/tickets.html"),
		detail: web.MustPage(files, "templates/ticket.html")}
}

// Routes registers the pages and the API.
func (h *Handler) Routes(r *web.Router) {
	r.Handle("GET /tickets", access.TraceRead, "List 一票通 tickets, with the form for a new one and the import", h.listPage)
	r.Handle("POST /tickets", access.TraceCapture, "Record a 一票通 ticket from the form", h.createPage)
	r.Handle("GET /tickets/{number}", access.TraceRead, "A 一票通 ticket and its events", h.detailPage)
	r.Handle("POST /tickets/import", access.TraceCapture, "Import tickets, certificates and ledger lines from xlsx, all or nothing", h.importPage)
	r.Handle("GET /tickets/import/template", access.TraceCapture, "Download the xlsx template of tickets, certificates and ledger lines", h.template)
	r.Handle("POST /api/v1/tickets", access.TraceCapture, "Record a 一票通 ticket", web.API(h.apiTicket))
	r.Handle("POST /api/v1/certificates", access.TraceCapture, "Record a 承诺达标合格证", web.API(h.apiCertificate))
	r.Handle("POST /api/v1/ledger-lines", access.TraceCapture, "Record a line of a purchase or sales ledger", web.API(h.apiLedgerLine))
	r.Handle("GET /api/v1/tickets/{number}", access.TraceRead, "Get a 一票通 ticket", web.API(h.apiGetTicket))
}

// Recorded is the answer to an entry recorded by the API: what recording did, and the
// ticket as recorded for a ticket.
type Recorded struct {
	Result
	Ticket *Ticket `json:"ticket,omitempty"`
}

func (h *Handler) apiTicket(r *http.Request) (int, any, error) {
	var in TicketInput
	if err := web.DecodeJSON(r, &in); err != nil {
		return 0, nil, err
	}
	status, rec, err := h.recordOne(r, Entry{Ticket: &in})
	if err == nil {
		rec.Ticket, err = h.rec.Ticket(r.Context(), strings.TrimSpace(in.Number))
	}
	return status, rec, err
}

func (h *Handler) apiCertificate(r *http.Request) (int, any, error) {
	var in CertificateInput
	if err := web.DecodeJSON(r, &in); err != nil {
		return 0, nil, err
	}
	return h.recordOne(r, Entry{Certificate: &in})
}

func (h *Handler) apiLedgerLine(r *http.Request) (int, any, error) {
	var in LedgerLineInput
	if err := web.DecodeJSON(r, &in); err != nil {
		return 0, nil, err
	}
	return h.recordOne(r, Entry{Line: &in})
}

func (h *Handler) apiGetTicket(r *http.Request) (int, any, error) {
	t, err := h.rec.Ticket(r.Context(), r.PathValue("number"))
	return http.StatusOK, t, err
}

// recordOne records one entry: 201 when it stored events, 200 when all had been recorded
// before, else the error its problems make.
func (h *Handler) recordOne(r *http.Request, e Entry) (int, *Recorded, error) {
	res, err := h.rec.Record(r.Context(), []Entry{e})
	if err == nil {
		err = problemError(res)
	}
	if err != nil {
		return 0, nil, err
	}
	if res.Stored == 0 {
		return http.StatusOK, &Recorded{Result: res}, nil
	}
	return http.StatusCreated, &Recorded{Result: res}, nil
}

// problemError is the error of a refused result: forbidden when the caller may not enter
// an entry, else invalid, with every problem as a field error.
func problemError(res Result) error {
	if len(res.Problems) == 0 {
		return nil
	}
	e := &apperr.Error{Code: apperr.Invalid, Key: "ticket.refused", Params: map[string]any{"problems": len(res.Problems)}}
	if res.Forbidden() {
		e.Code, e.Key = apperr.Forbidden, "ticket.forbidden"
	}
	for _, p := range res.Problems {
		e.Fields = append(e.Fields, p.FieldError)
	}
	return e
}
