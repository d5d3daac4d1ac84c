package enforce

import (
	"net/http"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

var caseSourcePage = web.MustPage(files, "templates/case_source.html")

// caseSourceView is the form registering a case source, as typed, with its refusal.
type caseSourceView struct {
	BusinessID, Source, SourceRef, Facts string
	Sources                              []string
	Err                                  error
	Refusal                              string
}

func (h *Handler) caseSourceForm(w http.ResponseWriter, r *http.Request) {
	h.renderCaseSource(w, r, caseSourceView{BusinessID: r.URL.Query().Get("business")})
}

func (h *Handler) caseSourceSave(w http.ResponseWriter, r *http.Request) {
	v := caseSourceView{BusinessID: web.FormValue(r, "business_id"), Source: web.FormValue(r, "source"),
		SourceRef: web.FormValue(r, "source_ref"), Facts: web.FormValue(r, "facts")}
	var c apperr.Collector
	business := web.FormInt(&c, "business_id", v.BusinessID)
	if v.BusinessID == "" {
		c.Add("business_id", "required", nil)
	}
	var k *Case
	err := c.Err()
	if err == nil {
		k, err = h.svc.RegisterCase(r.Context(), CaseSourceInput{BusinessID: business, Source: v.Source, SourceRef: v.SourceRef, Facts: v.Facts})
	}
	next := ""
	if k != nil {
		next = casePath(k.ID)
	}
	web.AfterForm(w, r, err, next, "enforce.saved", func() {
		v.Err = err
		h.renderCaseSource(w, r, v)
	})
}

func (h *Handler) renderCaseSource(w http.ResponseWriter, r *http.Request, v caseSourceView) {
	v.Sources = CaseSources
	v.Refusal = web.Refusal(w, r, v.Err)
	caseSourcePage.Render(w, r, v)
}
