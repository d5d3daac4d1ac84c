package draw

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/web"
)

var (
	itemsPage      = web.MustPage(templates, "templates/directory_items.html", "templates/directory_head.html")
	entitiesPage   = web.MustPage(templates, "templates/directory_entities.html", "templates/directory_head.html", "templates/pager.html")
	inspectorsPage = web.MustPage(templates, "templates/directory_inspectors.html", "templates/directory_head.html", "templates/pager.html")
)

// directoryUnit is the org unit whose list and directories a page shows.
type directoryUnit struct {
	ID   int64
	Name string
	path string
}

// directoryView is the data of a directory page: the unit and a page of its rows (all of
// them for the list of items, which is short and has no pages), and what the page's forms
// need: the officers the inspector page may admit (read only for a caller who may manage
// the directories), the classes the entity page's rows may be set to, and their state.
type directoryView[T any] struct {
	directoryUnit
	pager
	Rows       []T
	Candidates []UnitChoice
	Classes    []CreditClass
	Forms      formState
}

// unit reads the path's org unit for a read in the caller's scope: one outside it is
// NotFound, as an unknown one.
func (h *Handler) unit(r *http.Request) (directoryUnit, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return directoryUnit{}, err
	}
	return h.unitInScope(r.Context(), id)
}

// unitInScope reads org unit id for a read in the caller's scope.
func (h *Handler) unitInScope(ctx context.Context, id int64) (directoryUnit, error) {
	u := directoryUnit{ID: id}
	var err error
	if u.path, err = h.draws.scopedPath(ctx, unitPathSQL, id, false); err != nil {
		return u, err
	}
	u.Name, err = h.draws.unitName(ctx, id)
	return u, err
}

func (h *Handler) itemsView(r *http.Request) (directoryView[DirectoryItem], error) {
	var v directoryView[DirectoryItem]
	var err error
	if v.directoryUnit, err = h.unit(r); err != nil {
		return v, err
	}
	v.Rows, err = h.draws.ItemsInForce(r.Context(), v.path)
	return v, err
}

func (h *Handler) apiItems(r *http.Request) (int, any, error) {
	v, err := h.itemsView(r)
	return http.StatusOK, v.Rows, err
}

func (h *Handler) entitiesView(r *http.Request) (directoryView[DirectoryEntity], error) {
	return directoryPageView(r, h, h.draws.EntityDirectory)
}

func (h *Handler) inspectorsView(r *http.Request) (directoryView[DirectoryInspector], error) {
	return directoryPageView(r, h, h.draws.InspectorDirectory)
}

// directoryPageView reads the path's unit in the caller's scope and the query's page of
// the directory that list reads.
func directoryPageView[T any](r *http.Request, h *Handler, list func(ctx context.Context, path string, page int) ([]T, pager, error)) (directoryView[T], error) {
	var v directoryView[T]
	page, err := pageParam(r)
	if err != nil {
		return v, err
	}
	if v.directoryUnit, err = h.unit(r); err != nil {
		return v, err
	}
	v.Rows, v.pager, err = list(r.Context(), v.path, page)
	return v, err
}

// rowsOf turns the reader of a directory page into the reader of its rows, for JSON.
func rowsOf[T any](read func(*http.Request) (directoryView[T], error)) func(*http.Request) ([]T, pager, error) {
	return func(r *http.Request) ([]T, pager, error) {
		v, err := read(r)
		return v.Rows, v.pager, err
	}
}

// ownUnit is the org unit of the caller's scope, whose list and directories the task list
// links to; 0 for a scope of no one unit (the whole system, a business).
func ownUnit(r *http.Request) int64 {
	path, ok := orgScope(r)
	if !ok {
		return 0
	}
	ids := strings.Split(strings.Trim(path, "/"), "/")
	id, _ := strconv.ParseInt(ids[len(ids)-1], 10, 64)
	return id
}

// canManage reports whether the caller may keep the list and directories and run draws:
// only then do the pages read what their forms offer.
func canManage(r *http.Request) bool {
	return access.Can(web.UserFrom(r.Context()), access.DrawManage)
}
