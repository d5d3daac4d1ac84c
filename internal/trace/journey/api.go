package journey

import (
	"net/http"
	"slices"
	"strings"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/trace/graph"
	"github.com/shejian/shejian/internal/web"
)

// Candidates answers a bare batch number that several lots the caller may trace carry:
// 300, with their identifiers to choose from.
type Candidates struct {
	Query      string   `json:"query"`
	Candidates []string `json:"candidates"`
}

// traceAPI answers GET /api/v1/trace?id=…&direction=backward|forward.
func (h *Handler) traceAPI(w http.ResponseWriter, r *http.Request) {
	direction := strings.TrimSpace(r.URL.Query().Get("direction"))
	if direction == "" {
		direction = Backward
	}
	if !slices.Contains([]string{Backward, Forward}, direction) {
		web.Fail(w, r, apperr.Fields(apperr.Field("direction", "one_of", map[string]any{"values": Backward + ", " + Forward})))
		return
	}
	if input, ok := h.lotRequest(w, r, r.URL.Query().Get("id")); ok {
		h.answerLot(w, r, input, func(l *lotTraces) (any, error) { return l.answer(direction), nil })
	}
}

// recallAPI answers GET /api/v1/recall?id=….
func (h *Handler) recallAPI(w http.ResponseWriter, r *http.Request) {
	if input, ok := h.lotRequest(w, r, r.URL.Query().Get("id")); ok {
		h.answerLot(w, r, input, func(l *lotTraces) (any, error) {
			scope, err := h.index.graph.Recall(l.id, graph.Options{})
			return l.recall(scope), err
		})
	}
}

// lotRequest checks that a request names a lot and that the index is loaded, answering
// the request otherwise (400 or 503); it returns the lot as typed, trimmed.
func (h *Handler) lotRequest(w http.ResponseWriter, r *http.Request, input string) (string, bool) {
	input = strings.TrimSpace(input)
	if input == "" {
		web.Fail(w, r, errNoID)
		return "", false
	}
	return input, h.ready(w, r, nil)
}

// answerLot looks up the lot typed and answers with what answer makes of it; a bare batch
// number that several lots the caller may trace carry answers 300 with them.
func (h *Handler) answerLot(w http.ResponseWriter, r *http.Request, input string, answer func(*lotTraces) (any, error)) {
	web.API(func(r *http.Request) (int, any, error) {
		f, err := h.lookup(r.Context(), input)
		switch {
		case err != nil:
			return 0, nil, err
		case f.lot == nil:
			return http.StatusMultipleChoices, Candidates{Query: input, Candidates: f.candidates}, nil
		}
		v, err := answer(f.lot)
		if err != nil {
			return 0, nil, err
		}
		return http.StatusOK, v, nil
	})(w, r)
}

// CodeRequest asks for the trace code of a lot (POST /api/v1/trace-codes).
type CodeRequest struct {
	ID string `json:"id"`
}

// TraceCode is a lot's trace code (追溯码): its public page and the QR code of that page.
type TraceCode struct {
	Code string `json:"code"`
	Lot  string `json:"lot"`
	URL  string `json:"url"`
	QR   string `json:"qr"`
}

// issueAPI answers POST /api/v1/trace-codes: 201 with a new code, 200 with the lot's
// code issued before.
func (h *Handler) issueAPI(w http.ResponseWriter, r *http.Request) {
	var in CodeRequest
	if err := web.DecodeJSON(r, &in); err != nil {
		web.Fail(w, r, err)
		return
	}
	input, ok := h.lotRequest(w, r, in.ID)
	if !ok {
		return
	}
	web.API(func(r *http.Request) (int, any, error) {
		tc, created, err := h.issue(r, input)
		if err != nil {
			return 0, nil, err
		}
		if created {
			return http.StatusCreated, tc, nil
		}
		return http.StatusOK, tc, nil
	})(w, r)
}

// issue gives the lot the caller typed its trace code, which the caller may when it may
// trace the lot (an operator: a lot it has handled).
func (h *Handler) issue(r *http.Request, input string) (TraceCode, bool, error) {
	f, err := h.lookup(r.Context(), input)
	if err == nil && f.lot == nil {
		err = apperr.Fields(apperr.Field("id", "trace_lot_ambiguous", map[string]any{"count": len(f.candidates)}))
	}
	if err != nil {
		return TraceCode{}, false, err
	}
	var business, user int64
	if u := web.UserFrom(r.Context()); u != nil {
		business, user = u.BusinessID, u.ID
	}
	code, created, err := h.codes.issue(r.Context(), f.lot.id, business, user)
	if err != nil {
		return TraceCode{}, false, err
	}
	return traceCode(r, code, f.lot.id), created, nil
}

// traceCode is code of lot with the absolute URLs of its page and QR code, on the host the
// request came to.
func traceCode(r *http.Request, code, lot string) TraceCode {
	page := web.SiteURL(r) + publicPath(code)
	return TraceCode{Code: code, Lot: lot, URL: page, QR: page + "/qr.png"}
}

// publicPath is the path of a trace code's public page.
func publicPath(code string) string { return "/t/" + code }
