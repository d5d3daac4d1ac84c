package risk

import (
	"net/http"

	"github.com/shejian/shejian/internal/web"
)

// part is one part of the score on the grade page: its lines and their sum.
type part struct {
	Name   string
	Lines  []Line
	Points float64
}

// gradeView is the data of the grade page: the card, its score by part, and the factors
// form (prefilled, or as typed when refused) with the refusal of the form posted, if any.
type gradeView struct {
	*Card
	Parts   []part
	Sectors []Sector
	Form    factorsForm
	Err     error
	Refusal string
}

// page shows the grade page; ?sector= shows the factors form of another sector than the
// business's.
func (h *Handler) page(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	h.renderGrade(w, r, id, nil, nil, r.URL.Query().Get("sector"))
}

// renderGrade shows the grade page of business id. After a refused form it shows err,
// answering its status, and the factors form as typed (typed; nil for the grade button);
// otherwise the factors form is prefilled for sector.
func (h *Handler) renderGrade(w http.ResponseWriter, r *http.Request, id int64, typed *factorsForm, err error, sector string) {
	c, cerr := h.svc.Card(r.Context(), id, ScopeOf(r.Context()), h.now(), h.ProducersDraft)
	if cerr != nil {
		web.Fail(w, r, cerr)
		return
	}
	v := newGradeView(c)
	v.Form, v.Err = formOf(c.Factors, sector), err
	if typed != nil {
		v.Form = *typed
	}
	v.Refusal = web.Refusal(w, r, err)
	gradePage.Render(w, r, v)
}

func newGradeView(c *Card) gradeView {
	v := gradeView{Card: c, Sectors: Sectors}
	if c.Current == nil {
		return v
	}
	for _, name := range []string{PartStatic, PartDynamic, PartCredit} {
		p := part{Name: name}
		for _, l := range c.Current.Lines {
			if l.Part == name {
				p.Lines = append(p.Lines, l)
				p.Points += l.Points
			}
		}
		if name != PartCredit || c.Current.Scheme == Scheme2022Draft {
			v.Parts = append(v.Parts, p)
		}
	}
	return v
}
