package risk

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/web"
)

// planCallers are the callers of the plan routes in w: the city admin, the district admin
// of the first district, the inspector of its first station and an operator of b1 there.
func planCallers(w *planWorld) (city, district, station, operator caller) {
	path := func(ids ...int64) string {
		var b strings.Builder
		for _, id := range ids {
			fmt.Fprintf(&b, "/%d", id)
		}
		return b.String() + "/"
	}
	u := func(role access.Role) *web.User { return &web.User{ID: 1, Role: string(role)} }
	city = caller{u(access.RoleCityAdmin), access.Scope{Path: path(w.city)}}
	district = caller{u(access.RoleDistrictAdmin), access.Scope{Path: path(w.city, w.d1), DistrictID: w.d1}}
	station = caller{u(access.RoleStationInspector), access.Scope{Path: path(w.city, w.d1, w.s1), DistrictID: w.d1, StationID: w.s1}}
	operator = caller{u(access.RoleBusinessOperator), access.Scope{Path: path(w.city, w.d1, w.s1), DistrictID: w.d1, StationID: w.s1, BusinessID: 1}}
	return
}

// routeCheck is a GET of url as who, answered status with a body containing contains.
type routeCheck struct {
	name     string
	who      caller
	url      string
	status   int
	contains string
}

func checkRoutes(t *testing.T, h *Handler, checks []routeCheck) {
	t.Helper()
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			rec := send(h, c.who, "GET", c.url, "", nil)
			if rec.Code != c.status || !strings.Contains(rec.Body.String(), c.contains) {
				t.Fatalf("%d, want %d with %s: %.600s", rec.Code, c.status, c.contains, rec.Body)
			}
		})
	}
}

func newPlanHandler(w *planWorld) *Handler {
	h := NewHandler(w.svc)
	h.now = func() time.Time { return planNow }
	return h
}

// TestPlanScope: each caller sees its own unit by default and the units below it; a unit
// outside its jurisdiction is not found, as one that does not exist.
func TestPlanScope(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newPlanWorld(t, st)
		h := newPlanHandler(w)
		city, district, station, operator := planCallers(w)
		unit := func(id int64) string { return fmt.Sprintf(`"unit":{"id":%d`, id) }
		checkRoutes(t, h, []routeCheck{
			{"city admin: the city by default", city, "/api/v1/risk/plan", 200, unit(w.city)},
			{"city admin: any district", city, fmt.Sprintf("/api/v1/risk/plan?unit=%d&year=2026", w.d2), 200, `"required":3`},
			{"district admin: its district by default", district, "/api/v1/risk/plan", 200, unit(w.d1)},
			{"district admin: a station of its own", district, fmt.Sprintf("/api/v1/risk/plan?unit=%d", w.s1), 200, `"name":"b6"`},
			{"district admin: another district", district, fmt.Sprintf("/api/v1/risk/plan?unit=%d", w.d2), 404, ""},
			{"district admin: a station of another district", district, fmt.Sprintf("/api/v1/risk/overdue?unit=%d", w.s3), 404, ""},
			{"district admin: the city above", district, fmt.Sprintf("/api/v1/risk/plan?unit=%d", w.city), 404, ""},
			{"inspector: its station by default", station, "/api/v1/risk/overdue", 200, `"total":3`},
			{"inspector: its district above", station, fmt.Sprintf("/api/v1/risk/plan?unit=%d", w.d1), 404, ""},
			{"inspector: a sister station", station, fmt.Sprintf("/api/v1/risk/plan.xlsx?unit=%d", w.s2), 404, ""},
			{"operator: no unit", operator, "/api/v1/risk/plan", 404, ""},
			{"a unit that does not exist", city, "/api/v1/risk/plan?unit=99999999", 404, ""},
			{"a year out of range", city, "/api/v1/risk/plan?year=1999", 400, `"field":"risk_plan_year"`},
			{"a unit that is no number", city, "/api/v1/risk/overdue?unit=east", 400, `"field":"risk_plan_unit"`},
			{"district page of its stations", district, "/risk/plan", 200, fmt.Sprintf(`href="/risk/plan?unit=%d&amp;year=2026"`, w.s1)},
			{"station page out of scope", station, fmt.Sprintf("/risk/overdue?unit=%d", w.s3), 404, ""},
		})
	})
}

func TestPlanPages(t *testing.T) {
	w := newPlanWorld(t, storetest.Open(t, store.SQLite))
	h := newPlanHandler(w)
	city, district, station, _ := planCallers(w)
	tests := []struct {
		name    string
		who     caller
		url     string
		want    []string
		lacking []string
	}{
		{"city plan by district and station", city, "/risk/plan",
			[]string{`id="plan-districts"`, `id="plan-stations"`, "东区", "三站"}, []string{`id="plan-businesses"`, `id="plan-up"`}},
		{"station plan drilled down from the district", district, fmt.Sprintf("/risk/plan?unit=%d", w.s1),
			[]string{`id="plan-businesses"`, "b6", `id="plan-up"`, "全项检查逾期838天", "1–2", "≥1", `data-progress`, "plan.xlsx"}, nil},
		{"station plan of its inspector, nothing above", station, "/risk/plan",
			[]string{`id="plan-businesses"`, "b1"}, []string{`id="plan-up"`}},
		{"the 2022 draft's A once in two years", district, fmt.Sprintf("/risk/plan?unit=%d", w.s2), []string{"每2年≥1次"}, nil},
		{"overdue list of a station, most urgent first", station, "/risk/overdue",
			[]string{`id="overdue-total">共3户逾期`, "一站"}, []string{">b3<", ">b4<"}}, // names as links: a static file's hash may hold "b3"
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := send(h, tt.who, "GET", tt.url, "", nil)
			body := rec.Body.String()
			for _, s := range tt.want {
				if rec.Code != 200 || !strings.Contains(body, s) {
					t.Fatalf("%d: page lacks %q: %s", rec.Code, s, body)
				}
			}
			for _, s := range tt.lacking {
				if strings.Contains(body, s) {
					t.Errorf("page shows %q", s)
				}
			}
			if strings.Contains(body, "risk.plan.") || strings.Contains(body, "risk.overdue.") {
				t.Errorf("an untranslated key on the page: %s", body)
			}
		})
	}
	rec := send(h, station, "GET", "/risk/overdue", "", nil)
	if b6, b1, b2 := strings.Index(rec.Body.String(), ">b6<"), strings.Index(rec.Body.String(), ">b1<"), strings.Index(rec.Body.String(), ">b2<"); !(b6 < b1 && b1 < b2) {
		t.Errorf("overdue order b6 %d, b1 %d, b2 %d", b6, b1, b2)
	}
}

func TestPlanExport(t *testing.T) {
	w := newPlanWorld(t, storetest.Open(t, store.SQLite))
	city, _, _, _ := planCallers(w)
	rec := send(newPlanHandler(w), city, "GET", "/api/v1/risk/plan.xlsx?year=2026", "", nil)
	if rec.Code != 200 || rec.Header().Get("Content-Type") != xlsxContentType ||
		!strings.Contains(rec.Header().Get("Content-Disposition"), fmt.Sprintf("plan-%d-2026.xlsx", w.city)) {
		t.Fatalf("%d %v: %.300s", rec.Code, rec.Header(), rec.Body)
	}
	f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	totals, err := f.GetRows("汇总")
	if err != nil {
		t.Fatal(err)
	}
	// heading (3 lines and a blank), column headings, the city, 2 districts, 3 stations
	if len(totals) != 11 || totals[5][0] != "江临市" || totals[5][7] != "13" || totals[6][0] != "东区" || totals[6][7] != "10" {
		t.Errorf("totals sheet: %q", totals)
	}
	list, err := f.GetRows("明细")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, row := range list[5:] {
		if row[3] == "b6" {
			found = row[0] == "东区" && row[1] == "一站" && row[4] == "" && row[9] == "2024-03-15" && row[15] == "838"
		}
	}
	if len(list) != 5+8 || !found || list[4][0] != "区县" {
		t.Errorf("business sheet (%d rows), b6 as expected %v: %q", len(list), found, list)
	}
}
