package credit

import (
	"net/http"
	"slices"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

var newRecordPage = web.MustPage(files, "templates/record_new.html")

// recordForm is the form entering a credit record, as typed, kept to show it again when
// refused.
type recordForm struct {
	Kind, DocumentNumber, DecidedOn, Violation, FineYuan, BanMonths, PenaltyID, Reason string
	Measures                                                                           []string
	Severe, SimpleProcedure                                                            bool
}

// HasMeasure reports whether measure m is ticked.
func (f recordForm) HasMeasure(m Measure) bool { return slices.Contains(f.Measures, string(m)) }

func recordFormOf(r *http.Request) recordForm {
	v := func(k string) string { return web.FormValue(r, k) }
	return recordForm{Kind: v("kind"), DocumentNumber: v("document_number"), DecidedOn: v("decided_on"),
		Violation: v("violation"), FineYuan: v("fine_yuan"), BanMonths: v("ban_months"), PenaltyID: v("penalty_id"),
		Reason: v("reason"), Measures: r.PostForm["measures"], Severe: v("severe") != "", SimpleProcedure: v("simple_procedure") != ""}
}

// input is the record of business the form enters. A number that is none is a field error
// here; every other rule is the service's (RecordInput).
func (f recordForm) input(business int64) (RecordInput, error) {
	var c apperr.Collector
	in := RecordInput{BusinessID: business, Kind: Kind(f.Kind), DocumentNumber: f.DocumentNumber, DecidedOn: f.DecidedOn,
		Violation: f.Violation, FineYuan: web.FormNumber(&c, "fine_yuan", f.FineYuan), BanMonths: int(web.FormInt(&c, "ban_months", f.BanMonths)),
		Severe: f.Severe, SimpleProcedure: f.SimpleProcedure, Reason: f.Reason}
	for _, m := range f.Measures {
		in.Measures = append(in.Measures, Measure(m))
	}
	if f.PenaltyID != "" {
		id := web.FormInt(&c, "penalty_id", f.PenaltyID)
		in.PenaltyID = &id
	}
	return in, c.Err()
}

// newRecordView is the data of the form entering a record: the business's file (its
// penalties are what a serious-dishonesty listing may rest on), the choices, and a refused
// form as typed with its error.
type newRecordView struct {
	*File
	Kinds    []Kind
	Measures []Measure
	Form     recordForm
	Err      error
	Refusal  string
}

func (h *Handler) newRecordPage(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	h.renderNewRecord(w, r, id, newRecordView{})
}

func (h *Handler) newRecordSave(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	form := recordFormOf(r)
	in, err := form.input(id)
	var rec Record
	if err == nil {
		rec, err = h.svc.AddRecord(r.Context(), in)
	}
	web.AfterForm(w, r, err, recordPath(rec.ID), "credit.saved", func() { h.renderNewRecord(w, r, id, newRecordView{Form: form, Err: err}) })
}

// renderNewRecord shows the form of business id with v, answering the status of a refused
// form.
func (h *Handler) renderNewRecord(w http.ResponseWriter, r *http.Request, id int64, v newRecordView) {
	f, err := h.svc.File(r.Context(), id)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	v.File, v.Kinds, v.Measures = f, Kinds, Measures
	v.Refusal = web.Refusal(w, r, v.Err)
	newRecordPage.Render(w, r, v)
}
