package risk

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/web"
)

// mustRunningJob stores a job running in the process named owner, as one that is grading
// would be, and returns its id.
func mustRunningJob(tb testing.TB, st *store.Store, owner string, done, total int) int64 {
	tb.Helper()
	var id int64
	err := st.DB().QueryRowContext(context.Background(), `INSERT INTO risk_recompute_jobs (state, done, total, owner, started_by,
		started_at, updated_at) VALUES ('running', $1, $2, $3, 'admin', $4, $4) RETURNING id`, done, total, owner, time.Now().UTC()).Scan(&id)
	if err != nil {
		tb.Fatalf("store a running job: %v", err)
	}
	return id
}

// TestRecomputeJob runs the bulk recompute as a job: a job a crashed process left running
// is failed when the next process first looks, one job runs at a time, a job that ran
// keeps its progress and summary, and one that failed says so without the details.
func TestRecomputeJob(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c, ctx := mustCity(t, st), context.Background()
		for i := range 7 {
			c.mustBusiness(t, "sales", "supermarket", float64(100+i*300), 500+i*900)
		}
		crashed := mustRunningJob(t, st, "a process that died", 5000, 10000)
		j, err := c.svc.Job(ctx, crashed)
		if err != nil || j.State != JobFailed || j.Error != errInterrupted || j.FinishedAt == nil || j.Done != 5000 {
			t.Fatalf("the job of a crashed process: %+v, %v", j, err)
		}

		running := mustRunningJob(t, st, c.svc.instance, 10, 7)
		_, err = c.svc.StartRecompute(ctx, gradingDay, false, "admin")
		if e := apperr.From(err); e.Code != apperr.Conflict || e.Params["id"] != running {
			t.Fatalf("a second job while one runs: %v %+v", err, e.Params)
		}
		if _, err := st.DB().ExecContext(ctx, `UPDATE risk_recompute_jobs SET state = 'done' WHERE id = $1`, running); err != nil {
			t.Fatal(err)
		}

		job, err := c.svc.StartRecompute(ctx, gradingDay, true, "admin")
		if err != nil || job.State != JobRunning || job.Href != "/api/v1/risk/recompute/"+strconv.FormatInt(job.ID, 10) || !job.ProducersDraft {
			t.Fatalf("start: %+v, %v", job, err)
		}
		c.svc.jobs.Wait()
		j, err = c.svc.Job(ctx, job.ID)
		if err != nil || j.State != JobDone || j.Done != 7 || j.Total != 7 || j.Summary == nil || j.FinishedAt == nil || j.Error != "" {
			t.Fatalf("the job once done: %+v, %v", j, err)
		}
		if graded := j.Summary.Graded[GradeA] + j.Summary.Graded[GradeB] + j.Summary.Graded[GradeC] + j.Summary.Graded[GradeD]; graded != 7 {
			t.Errorf("summary %+v, want 7 graded", j.Summary)
		}
		if latest, err := c.svc.LatestJob(ctx); err != nil || latest.ID != job.ID {
			t.Errorf("latest job: %+v, %v", latest, err)
		}
		if _, err := c.svc.Job(ctx, job.ID+100); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("an unknown job: %v", err)
		}

		broken, _ := c.mustBusiness(t, "sales", "grocery", 50, 60)
		if _, err := st.DB().ExecContext(ctx, `INSERT INTO risk_static_factors (business_id, factors, updated_at) VALUES ($1, '{', $2)`,
			broken, time.Now().UTC()); err != nil {
			t.Fatal(err)
		}
		job, err = c.svc.StartRecompute(ctx, gradingDay, false, "admin")
		if err != nil {
			t.Fatal(err)
		}
		c.svc.jobs.Wait()
		if j, err := c.svc.Job(ctx, job.ID); err != nil || j.State != JobFailed || j.Error != "error.internal" || j.Summary != nil {
			t.Errorf("a job that failed: %+v, %v", j, err)
		}
	})
}

// TestRecomputePage shows the job's progress and refreshes itself while it runs, and the
// summary once it is done; the routes need the whole city.
func TestRecomputePage(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	city := mustCity(t, st)
	city.mustBusiness(t, "sales", "grocery", 80, 100)
	h := NewHandler(city.svc)
	admin := caller{&web.User{ID: 1, Login: "admin", Role: string(access.RoleCityAdmin)}, access.Scope{Path: "/1/"}}
	station := caller{&web.User{ID: 2, Role: string(access.RoleStationInspector)}, access.Scope{Path: "/x/", DistrictID: city.district, StationID: city.station}}

	rec := send(h, admin, "GET", "/risk/recompute", "", nil)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `id="recompute-none"`) || !strings.Contains(rec.Body.String(), `id="recompute-form"`) {
		t.Fatalf("before any job: %d %s", rec.Code, rec.Body)
	}
	running := mustRunningJob(t, st, city.svc.instance, 2500, 10000)
	rec = send(h, admin, "GET", "/risk/recompute", "", nil)
	body := rec.Body.String()
	for _, want := range []string{`id="recompute-progress" value="2500" max="10000"`, "(25%)", `id="recompute-refresh"`} {
		if !strings.Contains(body, want) {
			t.Fatalf("while running, the page lacks %q: %s", want, body)
		}
	}
	if rec.Header().Get("Refresh") != refreshSeconds || strings.Contains(body, `id="recompute-form"`) {
		t.Errorf("while running: Refresh %q, a start button shown: %v", rec.Header().Get("Refresh"), strings.Contains(body, `id="recompute-form"`))
	}
	rec = send(h, admin, "POST", "/api/v1/risk/recompute", "", nil)
	if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "/api/v1/risk/recompute/"+strconv.FormatInt(running, 10)) {
		t.Errorf("a second job: %d %s", rec.Code, rec.Body)
	}
	rec = send(h, admin, "POST", "/risk/recompute", "application/x-www-form-urlencoded", strings.NewReader("csrf=x"))
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/risk/recompute?flash=risk.recompute.already_running" {
		t.Errorf("start from the page while one runs: %d %q", rec.Code, rec.Header().Get("Location"))
	}
	if _, err := st.DB().ExecContext(context.Background(), `UPDATE risk_recompute_jobs SET state = 'done' WHERE id = $1`, running); err != nil {
		t.Fatal(err)
	}
	rec = send(h, admin, "POST", "/risk/recompute", "application/x-www-form-urlencoded", strings.NewReader("csrf=x"))
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/risk/recompute?flash=risk.recompute.started" {
		t.Fatalf("start from the page: %d %q", rec.Code, rec.Header().Get("Location"))
	}
	city.svc.jobs.Wait()
	rec = send(h, admin, "GET", "/risk/recompute", "", nil)
	if body := rec.Body.String(); rec.Header().Get("Refresh") != "" || !strings.Contains(body, `id="recompute-summary"`) || !strings.Contains(body, `value="1" max="1"`) {
		t.Errorf("once done: Refresh %q: %s", rec.Header().Get("Refresh"), body)
	}
	for _, r := range []struct{ method, path string }{{"GET", "/risk/recompute"}, {"POST", "/api/v1/risk/recompute"},
		{"GET", "/api/v1/risk/recompute/" + strconv.FormatInt(running, 10)}, {"POST", "/risk/recompute"}} {
		if rec := send(h, station, r.method, r.path, "", nil); rec.Code != http.StatusForbidden {
			t.Errorf("%s %s by a station: %d", r.method, r.path, rec.Code)
		}
	}
}
