package inspect

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/web"
)

// tasksView is the data of the task list: the caller's open inspections of the day and
// those overdue for publication.
type tasksView struct {
	Day     string
	Open    []*Inspection
	Overdue []*Inspection
}

func (h *InspectionHandler) tasksPage(w http.ResponseWriter, r *http.Request) {
	day := h.svc.now().In(calendar.China)
	open, err := h.svc.List(r.Context(), ListFilter{Open: true, Day: day})
	var overdue []*Inspection
	if err == nil {
		overdue, err = h.svc.List(r.Context(), ListFilter{Overdue: true, Day: day})
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	tasksPage.Render(w, r, tasksView{Day: day.Format("2006-01-02"), Open: open, Overdue: overdue})
}

// formItem is one checklist item on the inspection page with its answer so far.
type formItem struct {
	ChecklistItem
	Answer ItemAnswer
}

// formArea is one content area of the checklist form.
type formArea struct {
	Name  string
	Items []formItem
}

// inspectionView is the data of the inspection page.
type inspectionView struct {
	*Inspection
	Template *ChecklistTemplate
	Areas    []formArea
	Editable bool
	Err      error
}

func (h *InspectionHandler) inspectionPage(w http.ResponseWriter, r *http.Request) {
	in, _, err := h.svc.readable(r.Context(), r.PathValue("uuid"))
	var v *inspectionView
	if err == nil {
		v, err = h.view(r, in)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	inspectionPage.Render(w, r, v)
}

func (h *InspectionHandler) view(r *http.Request, in *Inspection) (*inspectionView, error) {
	t, err := h.svc.templates.Get(r.Context(), in.TemplateID)
	if err != nil {
		return nil, err
	}
	answers := map[string]ItemAnswer{}
	for _, a := range in.Answers {
		answers[a.Item] = a
	}
	v := &inspectionView{Inspection: in, Template: t, Editable: in.Status == CheckedIn || in.Status == Answered}
	view := newDetailView(t, web.LangFrom(r.Context()))
	for _, a := range view.Areas {
		fa := formArea{Name: a.Name}
		for _, it := range a.Items {
			fa.Items = append(fa.Items, formItem{ChecklistItem: it, Answer: answers[it.Code]})
		}
		if len(fa.Items) > 0 {
			v.Areas = append(v.Areas, fa)
		}
	}
	return v, nil
}

// answerForm saves the answers of the checklist form ("answer.<code>", "note.<code>"), and
// with "complete" computes the result; it returns to the page with a flash.
func (h *InspectionHandler) answerForm(w http.ResponseWriter, r *http.Request) {
	uuid := r.PathValue("uuid")
	if err := r.ParseForm(); err != nil {
		web.Fail(w, r, apperr.Fields(apperr.Field("body", "json_syntax", map[string]any{"detail": err.Error()})))
		return
	}
	in, _, err := h.svc.readable(r.Context(), uuid)
	if err != nil {
		web.Fail(w, r, forbidIfHidden(err))
		return
	}
	answers := formAnswers(r.PostForm, in)
	if len(answers) > 0 {
		_, err = h.svc.PutAnswers(r.Context(), uuid, answers)
	}
	flash := "inspect.flash.saved"
	if err == nil && r.PostForm.Get("complete") != "" {
		_, err = h.svc.Complete(r.Context(), uuid)
		flash = "inspect.flash.judged"
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/inspections/"+url.PathEscape(in.UUID)+"?flash="+flash, http.StatusSeeOther)
}

// formAnswers reads the form's answers, keeping the UUID of an item already answered so
// that saving the form twice makes no new record.
func formAnswers(form url.Values, in *Inspection) []AnswerInput {
	known := map[string]string{}
	for _, a := range in.Answers {
		known[a.Item] = a.UUID
	}
	var out []AnswerInput
	for key, vals := range form {
		code, ok := strings.CutPrefix(key, "answer.")
		if !ok || len(vals) == 0 || vals[0] == "" {
			continue
		}
		id := known[code]
		if id == "" {
			id = newUUID()
		}
		out = append(out, AnswerInput{UUID: id, Item: code, Answer: Answer(vals[0]), Note: form.Get("note." + code)})
	}
	return out
}

// newUUID is a random (version 4) UUID, for records the server makes on the client's
// behalf.
func newUUID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
