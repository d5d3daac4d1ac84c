package draw

import (
	"net/http"
	"net/url"

	"github.com/shejian/shejian/internal/web"
)

// directoryPage is a page of a unit's list or directories, as its forms return to it: its
// name in the path (items, entities or inspectors), its template and the reader of its data.
type directoryPage[T any] struct {
	name string
	page *web.Page
	read func(*http.Request) (directoryView[T], error)
}

// directoryPages returns the list's and the directories' pages.
func (h *Handler) directoryPages() (directoryPage[DirectoryItem], directoryPage[DirectoryEntity], directoryPage[DirectoryInspector]) {
	return directoryPage[DirectoryItem]{"items", itemsPage, h.itemsView},
		directoryPage[DirectoryEntity]{"entities", entitiesPage, h.entitiesPageView},
		directoryPage[DirectoryInspector]{"inspectors", inspectorsPage, h.inspectorsPageView}
}

// post serves the POST of form on p of the path's unit, which must be in the caller's scope
// for a write: save reads the form and writes it. Saved, p is shown with flash, at the page
// of the list the form was on; refused, p is shown again with the form as typed and its
// errors.
func (p directoryPage[T]) post(h *Handler, form, flash string, save func(r *http.Request, unit int64) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		unit, err := h.managedUnit(r)
		if err != nil {
			web.Fail(w, r, err)
			return
		}
		err = save(r, unit)
		next := unitPagePath(unit, p.name)
		if page := r.URL.Query().Get("page"); page != "" { // a row's form returns to its page of the list
			next += "?" + url.Values{"page": {page}}.Encode()
		}
		web.AfterForm(w, r, err, next, flash, func() {
			v, verr := p.read(r)
			if verr != nil {
				web.Fail(w, r, verr)
				return
			}
			v.Forms = refused(form, r, err)
			v.Forms.show(w, r)
			p.page.Render(w, r, v)
		})
	}
}
