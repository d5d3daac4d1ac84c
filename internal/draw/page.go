package draw

import (
	"embed"
	"net/http"
	"time"

	"github.com/shejian/shejian/internal/web"
)

//go:embed templates
var templates embed.FS

var (
	tasksPage = web.MustPage(templates, "templates/draws.html", "templates/task_new.html", "templates/pager.html")
	taskPage  = web.MustPage(templates, "templates/draw.html", "templates/pager.html")
)

// servePage serves page with the data read gives, or the error read returns.
func servePage[T any](page *web.Page, read func(*http.Request) (T, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := read(r)
		if err != nil {
			web.Fail(w, r, err)
			return
		}
		page.Render(w, r, v)
	}
}

// taskRow is a task as the staff pages show it: with its unit's name and whether its
// publication is overdue.
type taskRow struct {
	Task
	Unit    string
	Overdue bool
}

// tasksView is the data of the task list: a page of the tasks in scope, the caller's unit,
// whose list and directories it links to (0: none), and the form creating a task (nil to
// a caller who may not).
type tasksView struct {
	pager
	Tasks   []taskRow
	OwnUnit int64
	New     *newTaskView
}

// tasksView reads the query's page of the tasks in the caller's scope, newest first, and
// the new task's form for the query's unit with its defaults.
func (h *Handler) tasksView(r *http.Request) (tasksView, error) {
	unit, err := unitParam(r)
	if err != nil {
		return tasksView{}, err
	}
	return h.tasksViewWith(r, unit, formState{})
}

// tasksViewWith reads the task list with the new task's form for unit in state s (its
// defaults when s is no form's).
func (h *Handler) tasksViewWith(r *http.Request, unit int64, s formState) (tasksView, error) {
	v, err := h.taskList(r)
	if err != nil {
		return v, err
	}
	v.New, err = h.newTask(r, unit, s)
	return v, err
}

// taskList reads the query's page of the tasks in the caller's scope, newest first.
func (h *Handler) taskList(r *http.Request) (tasksView, error) {
	v := tasksView{OwnUnit: ownUnit(r)}
	tasks, pg, err := h.tasksPage(r)
	if err != nil {
		return v, err
	}
	v.pager = pg
	units, err := h.draws.UnitNames(r.Context())
	if err != nil {
		return v, err
	}
	now := time.Now()
	v.Tasks = make([]taskRow, len(tasks))
	for i, t := range tasks {
		v.Tasks[i] = taskRow{Task: t, Unit: units[t.OrgUnitID], Overdue: t.overdue(now)}
	}
	return v, nil
}

// taskView is the data of a task's page: the task, its seed once revealed, a page of the
// businesses it drew with their inspectors, and the state of its forms.
type taskView struct {
	taskRow
	pager
	Seed  string
	Drawn []DrawnBusiness
	Forms formState
}

// taskView reads the path's task in the caller's scope and everything its page shows.
func (h *Handler) taskView(r *http.Request) (taskView, error) {
	var v taskView
	page, err := pageParam(r)
	if err != nil {
		return v, err
	}
	id, err := h.task(r, false)
	if err != nil {
		return v, err
	}
	ctx := r.Context()
	if v.Task, err = h.draws.Task(ctx, id); err != nil {
		return v, err
	}
	units, err := h.draws.UnitNames(ctx)
	if err != nil {
		return v, err
	}
	v.Unit, v.Overdue = units[v.OrgUnitID], v.overdue(time.Now())
	if v.Status == TaskCommitted {
		return v, nil
	}
	if v.Seed, err = h.draws.RevealedSeed(ctx, id); err != nil {
		return v, err
	}
	v.Drawn, v.pager, err = h.draws.DrawnBusinesses(ctx, id, page)
	return v, err
}
