package draw

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/web"
)

// newTaskView is the data of the form creating a task (抽查任务): the units the caller may
// organize a task for, the chosen one with the items in force for it, the form's state (the
// rules' defaults, or as typed when refused) and the refusals about businesses of the
// directory, which no field shows, each naming the business.
type newTaskView struct {
	Units   []UnitChoice
	Unit    directoryUnit
	Items   []DirectoryItem
	Classes []CreditClass
	Form    formState
	Rows    []string
}

// newTask reads the form for unit (0: the caller's own, else the first it may organize) in
// state s; nil to a caller who may not create tasks.
func (h *Handler) newTask(r *http.Request, unit int64, s formState) (*newTaskView, error) {
	path, ok := orgScope(r)
	if !ok || !canManage(r) {
		return nil, nil
	}
	ctx := r.Context()
	v := &newTaskView{Classes: Classes, Form: s}
	var err error
	if v.Units, err = h.draws.OrganizingUnits(ctx, path); err != nil || len(v.Units) == 0 {
		return nil, err
	}
	if v.Unit, err = h.unitInScope(ctx, cmp.Or(unit, ownUnit(r), v.Units[0].ID)); err != nil {
		return nil, err
	}
	if v.Items, err = h.draws.ItemsInForce(ctx, v.Unit.path); err != nil {
		return nil, err
	}
	if s.Form == "" {
		v.Form, err = h.taskDefaults(ctx)
		return v, err
	}
	v.Rows, err = h.rowRefusals(r, s.Err)
	return v, err
}

// taskDefaults is the state of a new task's form: the ratios and the inspectors per
// business of the rules in force (DefaultConfig).
func (h *Handler) taskDefaults(ctx context.Context) (formState, error) {
	cfg, err := DefaultConfig(ctx, h.draws.book, time.Now(), "", "")
	if err != nil {
		return formState{}, err
	}
	values := url.Values{"config.inspectors_per_entity": {strconv.Itoa(cfg.InspectorsPerEntity)}}
	for class, pct := range cfg.RatioPercent {
		values.Set(ratioField(class), strconv.FormatFloat(pct, 'f', -1, 64))
	}
	return formState{Form: formTask, Values: values}, nil
}

// ratioField is the form field, and the field of the store's errors, of class's ratio.
func ratioField(class CreditClass) string { return "config.ratio_percent." + string(class) }

// unitParam reads the query's unit, the one the new task's form is for: 0 when absent.
func unitParam(r *http.Request) (int64, error) {
	s := strings.TrimSpace(r.URL.Query().Get("unit"))
	if s == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, apperr.Fields(apperr.Field("draw_unit", "integer", nil))
	}
	return id, nil
}

// taskSave creates a task from the form of the task list and opens its page, which shows
// the commitment published before the draw.
func (h *Handler) taskSave(w http.ResponseWriter, r *http.Request) {
	nt, err := newTaskOf(r)
	var t Task
	if err == nil {
		t, err = h.createTask(r.Context(), nt)
	}
	web.AfterForm(w, r, err, taskPath(t.ID), "draw.flash.task_created", func() {
		v, verr := h.tasksViewWith(r, nt.OrgUnitID, refused(formTask, r, err))
		if verr != nil || v.New == nil {
			web.Fail(w, r, cmp.Or(verr, err))
			return
		}
		v.New.Form.show(w, r)
		tasksPage.Render(w, r, v)
	})
}

// newTaskOf reads the task the form describes; its fields are named as the store's errors
// name them. A number that is none is a field error here; every other rule is the store's
// (Config.Validate, CreateTask).
func newTaskOf(r *http.Request) (NewTask, error) {
	var c apperr.Collector
	v := func(field string) string { return web.FormValue(r, field) }
	cfg := Config{TaskID: v("config.task_id"), TaskName: v("config.task_name"), RatioPercent: make(map[CreditClass]float64, len(Classes)),
		InspectorsPerEntity: int(web.FormInt(&c, "config.inspectors_per_entity", v("config.inspectors_per_entity"))),
		AnyRegion:           v("config.any_region") != "", ExcludeOwnStation: v("config.exclude_own_station") != ""}
	for _, class := range Classes {
		cfg.RatioPercent[class] = web.FormNumber(&c, ratioField(class), v(ratioField(class)))
	}
	nt := NewTask{OrgUnitID: chosenID(&c, r, "org_unit_id"), Items: r.PostForm["items"], Config: cfg}
	return nt, c.Err()
}

// entityRowField is the field of a refusal about one business of the entity directory, by
// its ID: "entities[123]".
var entityRowField = regexp.MustCompile(`^entities\[(\d+)\]$`)

// rowRefusals are the refusals in err about businesses of the directory, in the reader's
// language, each naming the business: a business that cannot get enough inspectors
// (draw_too_few_inspectors) refuses the whole task.
func (h *Handler) rowRefusals(r *http.Request, err error) ([]string, error) {
	if err == nil {
		return nil, nil
	}
	lang := web.LangFrom(r.Context())
	var out []string
	for _, f := range apperr.From(err).Fields {
		m := entityRowField.FindStringSubmatch(f.Field)
		if m == nil {
			continue
		}
		id, _ := strconv.ParseInt(m[1], 10, 64)
		name, uscc, err := h.draws.businessNamed(r.Context(), id)
		if err != nil {
			return nil, err
		}
		out = append(out, i18n.T(lang, "draw.form.entity_refused", map[string]any{"name": name, "uscc": uscc, "rule": i18n.T(lang, "rule."+f.Rule, f.Params)}))
	}
	return out, nil
}
