package rules

import (
	"context"
	"net/http"
	"time"

	"github.com/shejian/shejian/internal/web"
)

// detailView is the data of the detail page; Input, Reason and Err refill the override form
// after a rejected submission.
type detailView struct {
	Rule        Effective
	History     []historyRow
	CanOverride bool
	Input       string
	Reason      string
	Err         error
}

// historyRow is an override with its values as people read them.
type historyRow struct {
	Change
	Old, New string
}

// detailData loads the rule key in force now and its history.
func (h *Handler) detailData(ctx context.Context, key string) (Effective, []Change, error) {
	e, err := h.book.Get(ctx, key, time.Now())
	if err != nil {
		return e, nil, err
	}
	history, err := h.book.History(ctx, key)
	return e, history, err
}

func (h *Handler) detail(w http.ResponseWriter, r *http.Request) {
	e, history, err := h.detailData(r.Context(), r.PathValue("key"))
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	detailPage.Render(w, r, newDetailView(r, e, history, h.book.Definitions(e.Key)))
}

func newDetailView(r *http.Request, e Effective, history []Change, defs []Rule) detailView {
	v := detailView{Rule: e, CanOverride: canOverride(r), Input: e.Input()}
	for _, c := range history {
		rule := e.Rule
		for _, d := range defs {
			if d.Set == c.Set && d.Version == c.Version {
				rule = d // an override of an older definition shows in that definition's terms
			}
		}
		v.History = append(v.History, historyRow{Change: c, Old: rule.show(c.OldValue), New: rule.show(c.Value)})
	}
	return v
}

// detailJSON is the body of GET /api/v1/rules/{key} and of a successful override.
type detailJSON struct {
	Rule    Effective `json:"rule"`
	History []Change  `json:"history"`
}

func (h *Handler) detailAPI(r *http.Request) (int, any, error) {
	return h.detailBody(r, http.StatusOK)
}

func (h *Handler) detailBody(r *http.Request, status int) (int, any, error) {
	e, history, err := h.detailData(r.Context(), r.PathValue("key"))
	if history == nil {
		history = []Change{}
	}
	return status, detailJSON{Rule: e, History: history}, err
}
