package credit

import (
	"net/http"

	"github.com/shejian/shejian/internal/web"
)

// actionForm is a form of the record page taking an action, as typed: the day it took
// effect and, for a revocation or a removal, why.
type actionForm struct{ On, Reason string }

// actSave takes action on the record from its page's form.
func (h *Handler) actSave(action string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := web.PathID(r, "id")
		if err != nil {
			web.Fail(w, r, err)
			return
		}
		form := actionForm{On: web.FormValue(r, "on"), Reason: web.FormValue(r, "reason")}
		_, err = h.svc.Act(r.Context(), id, action, ActionInput(form))
		web.AfterForm(w, r, err, recordPath(id), "credit.saved", func() {
			f, ferr := h.svc.RecordFile(r.Context(), id)
			renderRecord(w, r, f, ferr, recordView{Form: action, Act: form, Err: err})
		})
	}
}
