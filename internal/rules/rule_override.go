package rules

import (
	"encoding/json"
	"net/http"
	"net/url"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

// overrideForm takes the override form of the detail page. A rejected value shows the page
// again with the field errors and what was typed; success redirects to the rule.
func (h *Handler) overrideForm(w http.ResponseWriter, r *http.Request) {
	ctx, key := r.Context(), r.PathValue("key")
	e, err := h.book.Get(ctx, key, time.Now())
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	input, reason := r.PostFormValue("value"), r.PostFormValue("reason")
	err = h.book.Override(ctx, web.UserFrom(ctx), key, e.parseInput(input), reason)
	if apperr.CodeOf(err) == apperr.Invalid {
		h.rejectForm(w, r, key, detailView{Input: input, Reason: reason, Err: err})
		return
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/rules/"+url.PathEscape(key)+"?flash=rules.flash_overridden", http.StatusSeeOther)
}

func (h *Handler) rejectForm(w http.ResponseWriter, r *http.Request, key string, form detailView) {
	e, history, err := h.detailData(r.Context(), key)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	v := newDetailView(r, e, history, h.book.Definitions(key))
	v.Input, v.Reason, v.Err = form.Input, form.Reason, form.Err
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusBadRequest)
	detailPage.Render(w, r, v)
}

// overrideJSON is the body of POST /api/v1/rules/{key}/override.
type overrideJSON struct {
	Value  json.RawMessage `json:"value"`
	Reason string          `json:"reason"`
}

func (h *Handler) overrideAPI(r *http.Request) (int, any, error) {
	var in overrideJSON
	if err := web.DecodeJSON(r, &in); err != nil {
		return 0, nil, err
	}
	ctx := r.Context()
	if err := h.book.Override(ctx, web.UserFrom(ctx), r.PathValue("key"), in.Value, in.Reason); err != nil {
		return 0, nil, err
	}
	return h.detailBody(r, http.StatusCreated)
}
