package enforce

import (
	"net/http"
	"strconv"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

var rectificationPage = web.MustPage(files, "templates/rectification.html")

// recheckForm is the re-inspection form as typed; Passed is "1", "0" or "" (not chosen).
type recheckForm struct{ CheckedOn, Passed, Note, NewDueOn string }

// input is the re-inspection the form records: the result must be chosen.
func (f recheckForm) input() (RecheckInput, error) {
	var c apperr.Collector
	if f.Passed != "1" && f.Passed != "0" {
		c.Add("passed", "required", nil)
	}
	return RecheckInput{CheckedOn: f.CheckedOn, Passed: f.Passed == "1", Note: f.Note, NewDueOn: f.NewDueOn}, c.Err()
}

// rectificationView is the data of a rectification's page: the rectification and a refused
// re-inspection form as typed with its error.
type rectificationView struct {
	*Rectification
	Form    recheckForm
	Err     error
	Refusal string
}

func (h *Handler) rectificationPage(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	h.renderRectification(w, r, id, rectificationView{})
}

func (h *Handler) recheckSave(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	form := recheckForm{CheckedOn: web.FormValue(r, "checked_on"), Passed: web.FormValue(r, "passed"), Note: web.FormValue(r, "note"),
		NewDueOn: web.FormValue(r, "new_due_on")}
	in, err := form.input()
	if err == nil {
		_, err = h.svc.Recheck(r.Context(), id, in)
	}
	web.AfterForm(w, r, err, "/rectifications/"+strconv.FormatInt(id, 10), "enforce.saved", func() {
		h.renderRectification(w, r, id, rectificationView{Form: form, Err: err})
	})
}

// renderRectification shows rectification id with the form of v, answering the status of
// a refused form.
func (h *Handler) renderRectification(w http.ResponseWriter, r *http.Request, id int64, v rectificationView) {
	rc, err := h.svc.Rectification(r.Context(), id)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	v.Rectification = rc
	v.Refusal = web.Refusal(w, r, v.Err)
	rectificationPage.Render(w, r, v)
}
