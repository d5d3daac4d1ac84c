package draw

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

// formRoutes registers the pages' forms: plain POSTs carrying the session's CSRF token
// (checked by access.Authenticate before any handler) that redirect to the page they came
// from once saved and show it again, with the form as typed and its errors, when refused.
// Every rule of the input is the store's; the scope checks are those of the API
// (manage.go). A directory form also needs the page's unit in scope for a write.
func (h *Handler) formRoutes(r *web.Router) {
	items, entities, inspectors := h.directoryPages()
	r.Handle("POST /draws/units/{id}/items", access.DrawManage, "Add or replace an inspection item (抽查事项) of the unit's list, from its page",
		items.post(h, formItem, "draw.flash.item_saved", h.saveItem))
	r.Handle("POST /draws/units/{id}/inspectors", access.DrawManage, "Admit an enforcement officer to the inspector directory, from the unit's page",
		inspectors.post(h, formAdmit, "draw.flash.inspector_admitted", h.saveAdmission))
	r.Handle("POST /draws/units/{id}/conflicts", access.DrawManage, "Declare an inspector's conflict of interest with a business (回避), from the unit's inspector page",
		inspectors.post(h, formConflict, "draw.flash.conflict_declared", h.saveConflict))
	r.Handle("POST /draws/units/{id}/credit-classes", access.DrawManage, "Set the credit class a business is drawn under, from the unit's entity page",
		entities.post(h, formClass, "draw.flash.class_set", h.saveClass))
	r.Handle("POST /draws", access.DrawManage, "Create a draw task from the form of the task list: freeze its inputs and commit to them", h.taskSave)
	r.Handle("POST /draws/{id}/draw", access.DrawManage, "Draw a committed task with a public beacon, from its page", h.drawSave)
	r.Handle("POST /draws/{id}/publish", access.DrawManage, "Mark a drawn task's result published, from its page", h.publishSave)
}

// The names of the pages' forms, by which a page knows which one was refused.
const (
	formItem     = "item"
	formAdmit    = "admit"
	formConflict = "conflict"
	formClass    = "class"
	formTask     = "task"
	formDraw     = "draw"
	formPublish  = "publish"
)

// formState is what one form of a page shows: a refused form's values as typed, with its
// error, the refusal as a sentence for the top of the page and each field error as a
// sentence naming its field (for a form whose fields are spread over a table), or a new
// form's defaults. The page's other forms show empty.
type formState struct {
	Form    string
	Values  url.Values
	Err     error
	Refusal string
	Fields  []web.ProblemField
}

// refused is the state of form posted in r and refused with err.
func refused(form string, r *http.Request, err error) formState {
	return formState{Form: form, Values: r.PostForm, Err: err}
}

// Value is what field of form holds, trimmed; "" unless form is the one shown.
func (s formState) Value(form, field string) string {
	if s.Form != form {
		return ""
	}
	return strings.TrimSpace(s.Values.Get(field))
}

// Has reports whether field of form holds value (a ticked box, a chosen option).
func (s formState) Has(form, field, value string) bool {
	return s.Form == form && slices.Contains(s.Values[field], value)
}

// ErrOf is the error of form, nil unless it is the one refused.
func (s formState) ErrOf(form string) error {
	if s.Form != form {
		return nil
	}
	return s.Err
}

// show answers the status of a refused form on the page about to be written, and keeps the
// refusal's sentences for it.
func (s *formState) show(w http.ResponseWriter, r *http.Request) {
	s.Refusal = web.Refusal(w, r, s.Err)
	s.Fields = web.TranslateFields(web.LangFrom(r.Context()), apperr.From(s.Err).Fields)
}

// chosenID reads the ID chosen or carried in field: nothing chosen is a field error, as is
// anything not a whole number.
func chosenID(c *apperr.Collector, r *http.Request, field string) int64 {
	s := web.FormValue(r, field)
	if s == "" {
		c.Add(field, "required", nil)
		return 0
	}
	return web.FormInt(c, field, s)
}

// unitPagePath is the path of page (items, entities or inspectors) of unit.
func unitPagePath(unit int64, page string) string {
	return fmt.Sprintf("/draws/units/%d/%s", unit, page)
}

// taskPath is the path of task id's page.
func taskPath(id int64) string { return fmt.Sprintf("/draws/%d", id) }
