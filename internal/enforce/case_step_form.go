package enforce

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

// stepForm is the case page's step form as typed, kept to show it again when refused.
type stepForm struct {
	Step, DoneOn, ApprovedBy, Note, PaidYuan, PoliceUnit                      string
	DocumentNumber, Violation, Offence, GoodsValueYuan, FineYuan, Confiscated string
	BanMonths                                                                 string
	Measures                                                                  []string
	Severe                                                                    bool
}

// HasMeasure reports whether measure m is ticked.
func (f stepForm) HasMeasure(m string) bool { return slices.Contains(f.Measures, m) }

func stepFormOf(r *http.Request) stepForm {
	v := func(k string) string { return web.FormValue(r, k) }
	return stepForm{Step: v("step"), DoneOn: v("done_on"), ApprovedBy: v("approved_by"), Note: v("note"),
		PaidYuan: v("paid_yuan"), PoliceUnit: v("police_unit"), DocumentNumber: v("document_number"),
		Violation: v("violation"), Offence: v("offence"), GoodsValueYuan: v("goods_value_yuan"), FineYuan: v("fine_yuan"),
		Confiscated: v("confiscated_yuan"), BanMonths: v("ban_months"), Measures: r.PostForm["measures"], Severe: v("severe") != ""}
}

// input is the step the form records; numbers that are not numbers are field errors.
func (f stepForm) input() (StepInput, error) {
	var c apperr.Collector
	in := StepInput{Step: Step(f.Step), DoneOn: f.DoneOn, ApprovedBy: f.ApprovedBy, Note: f.Note,
		PaidYuan: web.FormNumber(&c, "paid_yuan", f.PaidYuan), PoliceUnit: f.PoliceUnit}
	if in.Step == Decided {
		in.Decision = &DecisionInput{DocumentNumber: f.DocumentNumber, Violation: f.Violation, Offence: f.Offence,
			GoodsValueYuan: web.FormNumber(&c, "goods_value_yuan", f.GoodsValueYuan), Measures: f.Measures,
			FineYuan: web.FormNumber(&c, "fine_yuan", f.FineYuan), ConfiscatedYuan: web.FormNumber(&c, "confiscated_yuan", f.Confiscated),
			BanMonths: int(web.FormInt(&c, "ban_months", f.BanMonths)), Severe: f.Severe}
	}
	return in, c.Err()
}

func (h *Handler) caseStepSave(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	form := stepFormOf(r)
	in, err := form.input()
	if err == nil {
		_, err = h.svc.Advance(r.Context(), id, in)
	}
	web.AfterForm(w, r, err, casePath(id), "enforce.saved", func() { h.renderCase(w, r, id, caseView{StepForm: form, StepErr: err}) })
}

func (h *Handler) hearingRequestSave(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	requested := web.FormValue(r, "requested_on")
	_, err = h.svc.RequestHearing(r.Context(), id, HearingRequest{RequestedOn: requested})
	web.AfterForm(w, r, err, casePath(id), "enforce.saved", func() { h.renderCase(w, r, id, caseView{HearingOn: requested, HearingErr: err}) })
}

// casePath is the page of case id.
func casePath(id int64) string { return "/cases/" + strconv.FormatInt(id, 10) }
