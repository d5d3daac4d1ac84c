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
	tasksPage = web.MustPage(templates, "templates/draws.html")
	taskPage  = web.MustPage(templates, "templates/draw.html")
)

// taskRow is a task as the staff pages show it: with its unit's name and whether its
// publication is overdue.
type taskRow struct {
	Task
	Unit    string
	Overdue bool
}

func (h *Handler) tasksPage(w http.ResponseWriter, r *http.Request) {
	tasks, err := h.tasks(r)
	var units map[int64]string
	if err == nil {
		units, err = h.draws.UnitNames(r.Context())
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	now := time.Now()
	rows := make([]taskRow, len(tasks))
	for i, t := range tasks {
		rows[i] = taskRow{Task: t, Unit: units[t.OrgUnitID], Overdue: t.overdue(now)}
	}
	tasksPage.Render(w, r, rows)
}

// taskView is the data of a task's page: the task, its seed once revealed and the
// businesses it drew with their inspectors.
type taskView struct {
	taskRow
	Seed  string
	Drawn []DrawnBusiness
}

func (h *Handler) taskPage(w http.ResponseWriter, r *http.Request) {
	v, err := h.taskView(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	taskPage.Render(w, r, v)
}

// taskView reads the path's task in the caller's scope and everything its page shows.
func (h *Handler) taskView(r *http.Request) (taskView, error) {
	var v taskView
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
	v.Drawn, err = h.draws.DrawnBusinesses(ctx, id)
	return v, err
}
