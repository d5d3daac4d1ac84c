package credit

import (
	"net/http"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

var recordPage = web.MustPage(files, "templates/record.html", "templates/repairs.html")

// recordView is the data of a record's page: the record with its repair requests, the
// actions the page may offer, why a repair request may not be filed today, and the one
// refused form, named by Form (an action, formRepair or formDecision), as typed with its
// error.
type recordView struct {
	*RecordFile
	Actions       []string
	RepairReasons []web.ProblemField
	Form          string
	Act           actionForm
	Repair        repairForm
	Decision      decisionForm
	Err           error
	Refusal       string
}

// The names of the record page's forms besides the actions.
const (
	formRepair   = "repair"
	formDecision = "decision"
)

func (h *Handler) recordPage(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	f, err := h.svc.RecordFile(r.Context(), id)
	renderRecord(w, r, f, err, recordView{})
}

// renderRecord shows the record page of f with the refused form of v, answering its status,
// or the error page when f could not be read (err).
func renderRecord(w http.ResponseWriter, r *http.Request, f *RecordFile, err error, v recordView) {
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	v.RecordFile = f
	for _, a := range actionRoutes {
		v.Actions = append(v.Actions, a.action)
	}
	if f.RepairBlocked != nil {
		v.RepairReasons = web.TranslateFields(web.LangFrom(r.Context()), apperr.From(f.RepairBlocked).Fields)
	}
	v.Refusal = web.Refusal(w, r, v.Err)
	recordPage.Render(w, r, v)
}
