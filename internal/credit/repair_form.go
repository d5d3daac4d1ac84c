package credit

import (
	"net/http"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

// repairForm is the business's credit-repair request (信用修复申请) as typed on the record
// page.
type repairForm struct {
	Reason, Evidence                   string
	ObligationsFulfilled, HarmRemedied bool
}

// repairSave files a repair request about the record from its page's form.
func (h *Handler) repairSave(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	form := repairForm{Reason: web.FormValue(r, "reason"), Evidence: web.FormValue(r, "evidence"),
		ObligationsFulfilled: web.FormValue(r, "obligations_fulfilled") != "", HarmRemedied: web.FormValue(r, "harm_remedied") != ""}
	_, err = h.svc.RequestRepair(r.Context(), RepairInput{RecordID: id, Reason: form.Reason, Evidence: form.Evidence,
		ObligationsFulfilled: form.ObligationsFulfilled, HarmRemedied: form.HarmRemedied})
	web.AfterForm(w, r, err, recordPath(id), "credit.saved", func() {
		f, ferr := h.svc.RecordFile(r.Context(), id)
		renderRecord(w, r, f, ferr, recordView{Form: formRepair, Repair: form, Err: err})
	})
}

// decisionForm is the bureau's answer to a repair request as typed: Approve is "1", "0" or
// "" (not chosen).
type decisionForm struct{ Approve, Reason string }

// decision is the answer the form gives: approving or refusing must be chosen; every other
// rule is the service's (Decide).
func (f decisionForm) decision() (Decision, error) {
	var c apperr.Collector
	if f.Approve != "1" && f.Approve != "0" {
		c.Add("approve", "required", nil)
	}
	return Decision{Approve: f.Approve == "1", Reason: f.Reason}, c.Err()
}

// decisionSave decides repair request id from the record page's form and goes back to the
// page of the record it is about.
func (h *Handler) decisionSave(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	form := decisionForm{Approve: web.FormValue(r, "approve"), Reason: web.FormValue(r, "reason")}
	d, err := form.decision()
	var rp Repair
	if err == nil {
		rp, err = h.svc.Decide(r.Context(), id, d)
	}
	web.AfterForm(w, r, err, recordPath(rp.RecordID), "credit.saved", func() {
		f, ferr := h.svc.RepairFile(r.Context(), id)
		renderRecord(w, r, f, ferr, recordView{Form: formDecision, Decision: form, Err: err})
	})
}
