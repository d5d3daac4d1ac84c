package draw

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestTaskForms: the district admin creates a task of its district from the task list, its
// page shows the commitment, and it is drawn and published from there; too few eligible
// inspectors, a ratio outside 0–100 %, too few inspectors per business, a code used before,
// drawing twice and publishing before the draw are refused with nothing written, each
// beside its field or naming the business or the task's status; another district, a role
// without draw.manage and the public are refused every step.
func TestTaskForms(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newFormWorld(t, st)
		d1 := itoa(w.districts[0])
		task := url.Values{"org_unit_id": {d1}, "config.task_id": {"2026-D1-01"}, "config.task_name": {"2026年第一批"}, "items": {"I-01"},
			"config.ratio_percent.A": {"5"}, "config.ratio_percent.B": {"20"}, "config.ratio_percent.C": {"60"}, "config.ratio_percent.D": {"100"},
			"config.inspectors_per_entity": {"2"}}
		create := func(name string, form url.Values, status int, want ...string) formCase {
			return formCase{name: name, who: w.d1, method: "POST", path: "/draws", form: form, status: status, want: want}
		}
		w.run([]formCase{
			{name: "the form offers the units of the district, its items and the rules' ratios", who: w.d1, method: "GET", path: "/draws", status: 200,
				want: []string{`id="draw-task-form"`, `<option value="` + d1 + `" selected>单位D1</option>`, `<option value="` + itoa(w.stations[1]) + `">单位S12</option>`,
					`name="org_unit_id" value="` + d1 + `"`, `name="items" value="I-01"`, `name="config.inspectors_per_entity" id="task-per-entity" inputmode="numeric" required value="2"`,
					`name="config.ratio_percent.D" id="task-ratio-D" inputmode="decimal" required value="`},
				absent: []string{"单位D2", "单位S21"}},
			{name: "the form for a station of the district", who: w.d1, method: "GET", path: "/draws?unit=" + itoa(w.stations[1]), status: 200,
				want: []string{`name="org_unit_id" value="` + itoa(w.stations[1]) + `"`, `<option value="` + itoa(w.stations[1]) + `" selected>`}},
			{name: "not for another district", who: w.d1, method: "GET", path: "/draws?unit=" + itoa(w.districts[1]), status: 404},
			{name: "a unit that is no number", who: w.d1, method: "GET", path: "/draws?unit=D1", status: 400},
			{name: "no form for a role that may not manage draws", who: w.reader, method: "GET", path: "/draws", status: 200, absent: []string{"draw-task-form"}},
			create("a ratio over 100 %", with(task, "config.ratio_percent.D", "101"), 400,
				errorOf("ratio_percent-D", "max", map[string]any{"max": 100}), `value="101"`, `value="2026-D1-01"`, `name="items" value="I-01" checked`),
			create("a ratio that is no number", with(task, "config.ratio_percent.A", "五"), 400, errorOf("ratio_percent-A", "number", nil)),
			create("one inspector per business", with(task, "config.inspectors_per_entity", "1"), 400,
				errorOf("inspectors_per_entity", "min", map[string]any{"min": MinInspectorsPerEntity})),
			create("no task code", with(task, "config.task_id", ""), 400, errorOf("task_id", "required", nil)),
			create("an item not in force", with(task, "items", "I-99"), 400, errorOf("items", "not_found", nil)),
			create("too few eligible inspectors", with(task, "config.inspectors_per_entity", "5", "config.exclude_own_station", "1"), 400,
				`id="draw-row-refusals"`, "检查对象 饭店1100（"+w.uscc(w.businesses[0])+"）：可选执法人员不足：需要 5 名，符合条件的只有 4 名", `name="config.exclude_own_station" value="1" checked`),
			{name: "too few in English", who: w.d1, lang: i18n.English, method: "POST", path: "/draws", form: with(task, "config.inspectors_per_entity", "5", "config.exclude_own_station", "1"),
				status: 400, want: []string{"Business 饭店1100 (" + w.uscc(w.businesses[0]) + ") has too few eligible inspectors: 5 needed, 4 eligible"}},
			{name: "another district's task is refused", who: w.d2, method: "POST", path: "/draws", form: task, status: 403},
			{name: "a role without draw.manage may not create", who: w.reader, method: "POST", path: "/draws", form: with(task, "org_unit_id", itoa(w.stations[0])), status: 403},
			{name: "the public may not create", who: w.public, method: "POST", path: "/draws", form: task, status: 303, want: []string{loginPage}},
			create("created", task, 303, "/draws/", "?flash=draw.flash.task_created"),
			create("the same code again", task, 400, errorOf("task_id", "unique", nil)),
		})
		id, c := w.onlyTask(t)
		page := "/draws/" + itoa(id)
		beacon := url.Values{"beacon": {"福彩3D 2026070"}}
		step := func(name, path string, form url.Values, status int, want ...string) formCase {
			return formCase{name: name, who: w.d1, method: "POST", path: path, form: form, status: status, want: want}
		}
		w.run([]formCase{
			{name: "the task's page shows the commitment and the draw form", who: w.d1, method: "GET", path: page + "?flash=draw.flash.task_created", status: 200,
				want: []string{"抽查任务已创建", c[0], c[1], `id="draw-draw-form"`, `action="` + page + `/draw"`}, absent: []string{"draw-publish-form"}},
			{name: "a station's inspector does not see the district's task", who: w.reader, method: "GET", path: page, status: 404},
			step("publishing before the draw", page+"/publish", url.Values{}, 409, `id="form-refusal">`+i18n.T(i18n.Chinese, "draw.task_status", nil)),
			{name: "another district may not draw it", who: w.d2, method: "POST", path: page + "/draw", form: beacon, status: 403},
			{name: "a role without draw.manage may not draw", who: w.reader, method: "POST", path: page + "/draw", form: beacon, status: 403},
			{name: "the public may not draw", who: w.public, method: "POST", path: page + "/draw", form: beacon, status: 303, want: []string{loginPage}},
			step("drawn", page+"/draw", beacon, 303, page+"?flash=draw.flash.task_drawn"),
			{name: "the drawn task shows its seed, deadline and the publish form", who: w.d1, method: "GET", path: page, status: 200,
				want: []string{"福彩3D 2026070", `id="draw-seed"`, "公开期限", `id="draw-publish-form"`}, absent: []string{`id="draw-draw-form"`}},
			step("drawn twice", page+"/draw", url.Values{"beacon": {"另一个"}}, 409, `id="form-refusal">`+i18n.T(i18n.Chinese, "draw.task_status", nil)),
			{name: "another district may not publish it", who: w.d2, method: "POST", path: page + "/publish", status: 403},
			{name: "a role without draw.manage may not publish", who: w.reader, method: "POST", path: page + "/publish", status: 403},
			{name: "the public may not publish", who: w.public, method: "POST", path: page + "/publish", status: 303, want: []string{loginPage}},
			step("published", page+"/publish", url.Values{}, 303, page+"?flash=draw.flash.task_published"),
			step("published twice", page+"/publish", url.Values{}, 409, "draw-public-link"),
			{name: "the public list shows it", who: w.public, method: "GET", path: "/public/draws", status: 200, want: []string{"2026-D1-01", "2026年第一批", "单位D1"}},
		})
		got, err := w.draws.Task(context.Background(), id)
		if err != nil || got.Status != TaskPublished || got.Beacon != "福彩3D 2026070" || got.PublishDue == nil {
			t.Errorf("task after the forms: %+v, %v; want it published, drawn with the beacon typed, with a deadline", got, err)
		}
	})
}

// onlyTask returns the one task of the world, with its seed hash and input digest.
func (w *formWorld) onlyTask(t *testing.T) (int64, [2]string) {
	t.Helper()
	var id int64
	var c [2]string
	err := w.st.ReadDB().QueryRowContext(context.Background(), `SELECT id, seed_sha256, input_digest FROM draw_tasks`).Scan(&id, &c[0], &c[1])
	if err != nil {
		t.Fatalf("read the one task: %v", err)
	}
	if len(c[0]) != 64 || len(c[1]) != 64 || strings.Trim(c[0], "0123456789abcdef") != "" {
		t.Fatalf("task %d commits to %q and %q; want two SHA-256 digests", id, c[0], c[1])
	}
	return id, c
}
