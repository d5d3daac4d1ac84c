package draw

import (
	"net/http"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

// Handler serves the draw API under /api/v1/draw.
type Handler struct{ draws *Store }

// NewHandler returns the handler over the draw store.
func NewHandler(draws *Store) *Handler { return &Handler{draws: draws} }

// Routes registers the draw routes: the API, the pages and their forms.
func (h *Handler) Routes(r *web.Router) {
	r.Handle("POST /api/v1/draw/items", access.DrawManage, "Add or replace an inspection item (抽查事项) of a unit's list", web.API(h.apiItemSave))
	r.Handle("PUT /api/v1/draw/credit-classes/{id}", access.DrawManage, "Set the credit class a business is drawn under", web.API(h.apiCreditClass))
	r.Handle("POST /api/v1/draw/inspectors", access.DrawManage, "Admit an enforcement officer to the inspector directory", web.API(h.apiAdmit))
	r.Handle("POST /api/v1/draw/conflicts", access.DrawManage, "Declare an inspector's conflict of interest with a business (回避)", web.API(h.apiConflict))
	r.Handle("POST /api/v1/draw/tasks", access.DrawManage, "Create a draw task: freeze its inputs and commit to them and a secret seed", web.API(h.apiTaskCreate))
	r.Handle("GET /api/v1/draw/tasks", access.DrawRead, "List a page of the draw tasks in scope, newest first", servePagedJSON(h.tasksPage))
	r.Handle("GET /api/v1/draw/tasks/{id}", access.DrawRead, "Get a draw task", web.API(h.apiTaskGet))
	r.Handle("POST /api/v1/draw/tasks/{id}/draw", access.DrawManage, "Draw a committed task, with a public beacon", web.API(h.apiTaskDraw))
	r.Handle("POST /api/v1/draw/tasks/{id}/publish", access.DrawManage, "Mark a drawn task's result published", web.API(h.apiTaskPublish))
	r.Handle("GET /api/v1/draw/tasks/{id}/bundle", access.DrawRead, "The bundle of a drawn task, for shejian draw verify", h.bundle)
	r.Handle("GET /api/v1/draw/overdue", access.DrawRead, "Drawn tasks whose result is unpublished past its deadline", web.API(h.apiOverdue))
	r.Handle("GET /draws", access.DrawRead, "The draw tasks in scope, newest first, with their commitments and deadlines", servePage(tasksPage, h.tasksView))
	r.Handle("GET /draws/{id}", access.DrawRead, "A draw task: its commitment, seed, result and how to verify it", servePage(taskPage, h.taskView))
	r.Handle("GET /draws/units/{id}/items", access.DrawRead, "The inspection items (抽查事项清单) in force for a unit, with ratio and frequency", servePage(itemsPage, h.itemsView))
	r.Handle("GET /draws/units/{id}/entities", access.DrawRead, "A page of a unit's entity directory (检查对象名录库)", servePage(entitiesPage, h.entitiesPageView))
	r.Handle("GET /draws/units/{id}/inspectors", access.DrawRead, "A page of a unit's inspector directory (执法检查人员名录库)", servePage(inspectorsPage, h.inspectorsPageView))
	r.Handle("GET /api/v1/draw/units/{id}/items", access.DrawRead, "The inspection items in force for a unit", web.API(h.apiItems))
	r.Handle("GET /api/v1/draw/units/{id}/entities", access.DrawRead, "List a page of a unit's entity directory, by business ID", servePagedJSON(rowsOf(h.entitiesView)))
	r.Handle("GET /api/v1/draw/units/{id}/inspectors", access.DrawRead, "List a page of a unit's inspector directory, by person ID", servePagedJSON(rowsOf(h.inspectorsView)))
	r.Handle("GET /public/draws", web.Public, "The published draw tasks (一公开)", servePage(publicDrawsPage, h.publishedDraws))
	r.Handle("GET /public/draws/{code}", web.Public, "A published draw task: its commitment, seed, the businesses drawn and its bundle", servePage(publicDrawPage, h.publicDraw))
	r.Handle("GET /api/v1/public/draws/{code}", web.Public, "A published draw task (public projection), a page of its businesses at a time", web.API(h.apiPublicDraw))
	r.Handle("GET /api/v1/public/draws/{code}/bundle", web.Public, "The bundle of a published draw task, naming no person, for shejian draw verify", h.publicBundle)
	h.formRoutes(r)
}

// itemInput is the body of an item save.
type itemInput struct {
	OrgUnitID int64 `json:"org_unit_id"`
	InspectionItem
}

func (h *Handler) apiItemSave(r *http.Request) (int, any, error) {
	var in itemInput
	if err := web.DecodeJSON(r, &in); err != nil {
		return 0, nil, err
	}
	if err := h.draws.checkOrg(r.Context(), unitPathSQL, in.OrgUnitID, true); err != nil {
		return 0, nil, err
	}
	return http.StatusNoContent, nil, h.draws.SaveItem(r.Context(), in.OrgUnitID, in.InspectionItem)
}

func (h *Handler) apiCreditClass(r *http.Request) (int, any, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return 0, nil, err
	}
	var in struct {
		CreditClass CreditClass `json:"credit_class"`
	}
	if err := web.DecodeJSON(r, &in); err != nil {
		return 0, nil, err
	}
	return http.StatusNoContent, nil, h.setCreditClass(r.Context(), id, in.CreditClass)
}

func (h *Handler) apiAdmit(r *http.Request) (int, any, error) {
	var in struct {
		PersonID int64 `json:"person_id"`
	}
	if err := web.DecodeJSON(r, &in); err != nil {
		return 0, nil, err
	}
	return http.StatusNoContent, nil, h.admit(r.Context(), in.PersonID)
}

func (h *Handler) apiConflict(r *http.Request) (int, any, error) {
	var in struct {
		PersonID   int64  `json:"person_id"`
		BusinessID int64  `json:"business_id"`
		Reason     string `json:"reason"`
	}
	if err := web.DecodeJSON(r, &in); err != nil {
		return 0, nil, err
	}
	return http.StatusNoContent, nil, h.declareConflict(r.Context(), in.PersonID, in.BusinessID, in.Reason)
}

func (h *Handler) apiTaskCreate(r *http.Request) (int, any, error) {
	var in NewTask
	if err := web.DecodeJSON(r, &in); err != nil {
		return 0, nil, err
	}
	t, err := h.createTask(r.Context(), in)
	return http.StatusCreated, t, err
}

// tasksPage reads the query's page of the tasks in the caller's scope, newest first.
func (h *Handler) tasksPage(r *http.Request) ([]Task, pager, error) {
	page, err := pageParam(r)
	if err != nil {
		return nil, pager{}, err
	}
	path, ok := orgScope(r)
	if !ok {
		pg, err := newPager(page, tasksPerPage, 0)
		return []Task{}, pg, err
	}
	return h.draws.TasksPage(r.Context(), path, page)
}

// orgScope returns the org path of the caller's scope, and false for a business operator,
// whose scope covers no org unit.
func orgScope(r *http.Request) (string, bool) {
	scope := access.ScopeFrom(r.Context())
	return scope.Path, scope.BusinessID == 0
}

// task reads the path's task for a read (or a write) in the caller's scope.
func (h *Handler) task(r *http.Request, write bool) (int64, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return 0, err
	}
	return id, h.draws.checkOrg(r.Context(), taskPathSQL, id, write)
}

func (h *Handler) apiTaskGet(r *http.Request) (int, any, error) {
	id, err := h.task(r, false)
	if err != nil {
		return 0, nil, err
	}
	t, err := h.draws.Task(r.Context(), id)
	return http.StatusOK, t, err
}

func (h *Handler) apiTaskDraw(r *http.Request) (int, any, error) {
	id, err := h.task(r, true)
	if err != nil {
		return 0, nil, err
	}
	var in struct {
		Beacon string `json:"beacon"`
	}
	if err := web.DecodeJSON(r, &in); err != nil {
		return 0, nil, err
	}
	t, err := h.draws.Draw(r.Context(), id, in.Beacon)
	return http.StatusOK, t, err
}

func (h *Handler) apiTaskPublish(r *http.Request) (int, any, error) {
	id, err := h.task(r, true)
	if err != nil {
		return 0, nil, err
	}
	t, err := h.draws.Publish(r.Context(), id)
	return http.StatusOK, t, err
}

// bundle serves the bundle of the path's task in the caller's scope: the same document the
// public gets once the task is published.
func (h *Handler) bundle(w http.ResponseWriter, r *http.Request) {
	id, err := h.task(r, false)
	var f *bundleFile
	if err == nil {
		f, err = h.draws.bundleFile(r.Context(), id)
	}
	if err != nil {
		failBundle(w, r, err)
		return
	}
	serveBundle(w, r, f, "")
}

func (h *Handler) apiOverdue(r *http.Request) (int, any, error) {
	late, err := h.draws.Overdue(r.Context(), time.Now())
	if err != nil {
		return 0, nil, err
	}
	visible := []Task{}
	for _, t := range late {
		switch err := h.draws.checkOrg(r.Context(), unitPathSQL, t.OrgUnitID, false); {
		case err == nil:
			visible = append(visible, t)
		case apperr.CodeOf(err) != apperr.NotFound:
			return 0, nil, err
		}
	}
	return http.StatusOK, visible, nil
}
