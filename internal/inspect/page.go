package inspect

import (
	"net/http"

	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/web"
)

// sectorGroup is one sector on the list page with its versions, newest first.
type sectorGroup struct {
	Sector   Sector
	Versions []Summary
}

func (h *Handler) listPage(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.List(r.Context())
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	var groups []sectorGroup
	for _, s := range Sectors {
		g := sectorGroup{Sector: s}
		for _, v := range list {
			if v.Sector == s {
				g.Versions = append(g.Versions, v)
			}
		}
		groups = append(groups, g)
	}
	listPage.Render(w, r, groups)
}

// areaGroup is one content area on the detail page with its items; an area without items
// shows as a gap in the table.
type areaGroup struct {
	Name    string
	Article string
	Items   []ChecklistItem
}

// detailView is the data of the detail page.
type detailView struct {
	*ChecklistTemplate
	Areas []areaGroup
	Other []ChecklistItem // items whose area the sector does not list (none in a valid version)
}

func (h *Handler) detailPage(w http.ResponseWriter, r *http.Request) {
	t, err := h.template(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	detailPage.Render(w, r, newDetailView(t, web.LangFrom(r.Context())))
}

func newDetailView(t *ChecklistTemplate, lang i18n.Lang) detailView {
	v := detailView{ChecklistTemplate: t}
	placed := map[string]bool{}
	for _, a := range Areas(t.Sector) {
		g := areaGroup{Name: a.ZH, Article: a.Article}
		if lang == i18n.English {
			g.Name = a.EN
		}
		for _, it := range t.Items {
			if it.Area == a.Code {
				g.Items, placed[it.Code] = append(g.Items, it), true
			}
		}
		v.Areas = append(v.Areas, g)
	}
	for _, it := range t.Items {
		if !placed[it.Code] {
			v.Other = append(v.Other, it)
		}
	}
	return v
}
