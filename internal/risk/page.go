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

// gradeView is the data of the grade page.
type gradeView struct {
	*Card
	Parts []part
}

func (h *Handler) page(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err == nil {
		var c *Card
		if c, err = h.svc.Card(r.Context(), id, ScopeOf(r.Context()), h.now(), h.ProducersDraft); err == nil {
			gradePage.Render(w, r, newGradeView(c))
			return
		}
	}
	web.Fail(w, r, err)
}

func newGradeView(c *Card) gradeView {
	v := gradeView{Card: c}
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
