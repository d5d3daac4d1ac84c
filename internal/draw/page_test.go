package draw

import (
	"context"
	"fmt"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/web"
)

// pageWorld is the city fixture with three tasks: one of district D1 drawn and published,
// one of D2 drawn, unpublished and past its deadline, and one of D1 only committed.
type pageWorld struct {
	*cityFixture
	router                       *web.Router
	published, late, committed   Task
	publishedNames, lateNames    []string // the drawn businesses' names, in draw order
	publishedSeats, lateSeats    []string // their inspectors' names, in draw and seat order
	publishedBundle, lateBundled *Bundle
}

func newPageWorld(t *testing.T, st *store.Store) *pageWorld {
	t.Helper()
	ctx := context.Background()
	w := &pageWorld{cityFixture: newCityFixture(t, st), router: web.NewRouter(nil)}
	NewHandler(w.draws).Routes(w.router)
	if err := w.draws.SaveItem(ctx, w.city, InspectionItem{ID: "I-01", Name: "餐饮服务日常监督检查", Basis: "食品生产经营监督检查管理办法 第二十条", RatioPercent: 20, Frequency: "每年1次"}); err != nil {
		t.Fatal(err)
	}
	for _, b := range append(w.businesses[:3:3], w.businesses[20:23]...) {
		if err := w.draws.SetCreditClass(ctx, b, ClassD); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.draws.DeclareConflict(ctx, w.inspectors[0], w.businesses[0], conflictReason); err != nil {
		t.Fatal(err)
	}
	w.published = w.drawnTask(t, "2026-D1", w.districts[0])
	if _, err := w.draws.Publish(ctx, w.published.ID); err != nil {
		t.Fatal(err)
	}
	w.late = w.drawnTask(t, "2026-D2", w.districts[1])
	if _, err := st.DB().ExecContext(ctx, `UPDATE draw_tasks SET publish_due = $1 WHERE id = $2`, "2020-01-02", w.late.ID); err != nil {
		t.Fatal(err)
	}
	committed, err := w.draws.CreateTask(ctx, w.newTask(t, "2026-D1-B", w.districts[0]))
	if err != nil {
		t.Fatal(err)
	}
	w.committed = committed
	w.publishedBundle, w.publishedNames, w.publishedSeats = w.result(t, w.published.ID)
	w.lateBundled, w.lateNames, w.lateSeats = w.result(t, w.late.ID)
	return w
}

// conflictReason is why an inspector of the page world steps aside from a business drawn
// (one of its own station, which leaves the later tasks enough inspectors).
const conflictReason = "配偶为该店股东"

// drawnTask creates and draws a task of unit with every class-D business drawn.
func (w *pageWorld) drawnTask(t *testing.T, code string, unit int64) Task {
	t.Helper()
	nt := w.newTask(t, code, unit)
	nt.Config.RatioPercent[ClassD] = 100
	task, err := w.draws.CreateTask(context.Background(), nt)
	if err != nil {
		t.Fatalf("create %s: %v", code, err)
	}
	if _, err := w.draws.Draw(context.Background(), task.ID, "福彩3D 2026070"); err != nil {
		t.Fatalf("draw %s: %v", code, err)
	}
	return task
}

// result reads a drawn task's bundle and the names of what its result names, from the
// registry rows behind its pseudonyms.
func (w *pageWorld) result(t *testing.T, id int64) (*Bundle, []string, []string) {
	t.Helper()
	b, err := w.draws.Bundle(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Result.Assignments) == 0 {
		t.Fatalf("task %d drew no business", id)
	}
	businesses, people := w.registryResult(t, id, b.Result)
	var names, seats []string
	for i, business := range businesses {
		names = append(names, w.name(t, "businesses", business))
		for _, p := range people[i] {
			seats = append(seats, w.name(t, "people", p))
		}
	}
	return b, names, seats
}

func (w *pageWorld) name(t *testing.T, table string, id int64) string {
	t.Helper()
	var name string
	if err := w.st.DB().QueryRowContext(context.Background(), `SELECT name FROM `+table+` WHERE id = $1`, id).Scan(&name); err != nil {
		t.Fatalf("name of %s %d: %v", table, id, err)
	}
	return name
}

// get calls the router as ctx in lang and returns the status and the body.
func (w *pageWorld) get(ctx context.Context, lang i18n.Lang, path string) (int, string) {
	rec := httptest.NewRecorder()
	w.router.ServeHTTP(rec, httptest.NewRequest("GET", path, nil).WithContext(web.WithLang(ctx, lang)))
	return rec.Code, rec.Body.String()
}

// serve calls the router as ctx in Chinese and returns the response.
func (w *pageWorld) serve(ctx context.Context, path string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	w.router.ServeHTTP(rec, httptest.NewRequest("GET", path, nil).WithContext(web.WithLang(ctx, i18n.Chinese)))
	return rec
}

// TestPages opens the staff and public pages as the city, as the second district and as
// anyone, in both languages.
func TestPages(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newPageWorld(t, st)
		city := caller(access.Everywhere)
		district2 := caller(access.Scope{Path: fmt.Sprintf("/%d/%d/", w.city, w.districts[1]), DistrictID: w.districts[1]})
		anyone := context.Background()
		staff := func(task Task) string { return "/draws/" + strconv.FormatInt(task.ID, 10) }
		pb := w.publishedBundle
		steps := []pageStep{
			{"list as the city", city, i18n.Chinese, "/draws", 200,
				[]string{"2026-D1", "2026-D2", "2026-D1-B", "已公示", "已抽取", "已承诺", "已逾期", w.committed.Commitment.SeedSHA256, w.committed.Commitment.InputDigest, "单位D1"}, nil},
			{"list in English", city, i18n.English, "/draws", 200, []string{"Published", "Drawn", "Committed", "Overdue", "Publication deadline"}, nil},
			{"list as the second district", district2, i18n.Chinese, "/draws", 200, []string{"2026-D2", "单位D2"}, []string{"2026-D1"}},
			{"another district's task", district2, i18n.Chinese, staff(w.published), 404, nil, nil},
			{"another district's committed task", district2, i18n.Chinese, staff(w.committed), 404, nil, nil},
			{"own district's task", district2, i18n.Chinese, staff(w.late), 200,
				append([]string{w.lateBundled.Seed, "福彩3D 2026070", "已逾期", "/api/v1/draw/tasks/" + strconv.FormatInt(w.late.ID, 10) + "/bundle", "shejian draw verify --bundle"}, append(w.lateNames, w.lateSeats...)...), nil},
			{"published task", city, i18n.English, staff(w.published), 200,
				append([]string{pb.Seed, pb.Commitment.SeedSHA256, pb.Commitment.InputDigest, "/public/draws/2026-D1", "How to verify", "exactly the one published"}, w.publishedNames...), []string{"Overdue"}},
			{"committed task", city, i18n.Chinese, staff(w.committed), 200, []string{"尚未抽取", w.committed.Commitment.SeedSHA256}, []string{"/bundle", "draw-result"}},
			{"unknown task", city, i18n.Chinese, "/draws/999999", 404, nil, nil},
			{"public list", anyone, i18n.Chinese, "/public/draws", 200, []string{"2026-D1", "单位D1", ">" + strconv.Itoa(len(w.publishedNames)) + "<"}, []string{"2026-D2", "2026-D1-B"}},
			{"public list in English", anyone, i18n.English, "/public/draws", 200, []string{"Businesses drawn", "2026-D1"}, nil},
			{"public task", anyone, i18n.Chinese, "/public/draws/2026-D1", 200,
				append([]string{pb.Seed, pb.Commitment.SeedSHA256, pb.Commitment.InputDigest, "福彩3D 2026070", "解放路", pb.Openings[0].USCC,
					`href="/api/v1/public/draws/2026-D1/bundle"`, "shejian draw verify --bundle draw-2026-D1.json --seed-sha256 " + pb.Commitment.SeedSHA256 + " --input-digest " + pb.Commitment.InputDigest},
					w.publishedNames...), append([]string{conflictReason}, w.publishedSeats...)},
			{"public task in English", anyone, i18n.English, "/public/draws/2026-D1", 200, []string{"Revealed seed", pb.Seed}, w.publishedSeats},
			{"unpublished task", anyone, i18n.Chinese, "/public/draws/2026-D2", 404, nil, nil},
			{"committed task in public", anyone, i18n.Chinese, "/public/draws/2026-D1-B", 404, nil, nil},
			{"unknown code", anyone, i18n.Chinese, "/public/draws/NOPE", 404, nil, nil},
			{"unpublished task as JSON", anyone, i18n.Chinese, "/api/v1/public/draws/2026-D2", 404, nil, nil},
		}
		checkPages(t, w.router, steps)
		w.checkDrawOrder(t, district2, staff(w.late), w.lateNames)
		w.checkDrawOrder(t, anyone, "/public/draws/2026-D1", w.publishedNames)
	})
}

// pageStep is a GET of path as ctx in lang, answered with status, a body (with its Link
// headers) that shows every want and no refuse.
type pageStep struct {
	name         string
	ctx          context.Context
	lang         i18n.Lang
	path         string
	status       int
	want, refuse []string
}

// checkPages runs steps through router; a page it answers also shows no untranslated key,
// and a public one names no inspector.
func checkPages(t *testing.T, router *web.Router, steps []pageStep) {
	t.Helper()
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			router.ServeHTTP(rec, httptest.NewRequest("GET", s.path, nil).WithContext(web.WithLang(s.ctx, s.lang)))
			body := rec.Body.String() + strings.Join(rec.Header().Values("Link"), "\n")
			if rec.Code != s.status {
				t.Fatalf("GET %s: %d, want %d: %.300s", s.path, rec.Code, s.status, body)
			}
			for _, want := range s.want {
				if !strings.Contains(body, want) {
					t.Errorf("GET %s lacks %q", s.path, want)
				}
			}
			for _, refuse := range s.refuse {
				if strings.Contains(body, refuse) {
					t.Errorf("GET %s shows %q", s.path, refuse)
				}
			}
			if key := untranslated.FindString(body); rec.Code == 200 && key != "" {
				t.Errorf("GET %s shows the untranslated key %s", s.path, key)
			}
			if name := inspectorName.FindString(body); strings.Contains(s.path, "/public/") && name != "" {
				t.Errorf("GET %s names inspector %s", s.path, name)
			}
		})
	}
}

var (
	untranslated  = regexp.MustCompile(`\bdraw\.[a-z_]+\.[a-z_]+`)
	inspectorName = regexp.MustCompile(`执法\d{3}`) // the fixture's inspectors (newCityFixture)
)

// checkDrawOrder checks that path shows names in this order.
func (w *pageWorld) checkDrawOrder(t *testing.T, ctx context.Context, path string, names []string) {
	t.Helper()
	_, body := w.get(ctx, i18n.Chinese, path)
	at := 0
	for _, n := range names {
		i := strings.Index(body[at:], ">"+n+"<")
		if i < 0 {
			t.Fatalf("GET %s: %s missing or out of draw order", path, n)
		}
		at += i + 1
	}
}
