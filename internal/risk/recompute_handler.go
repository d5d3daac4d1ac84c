package risk

import (
	"net/http"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

// refreshSeconds is how often the recompute page reloads itself while a job runs: an HTTP
// Refresh header, since the page may run no script of its own (CSP script-src 'self').
const refreshSeconds = "3"

var recomputePage = web.MustPage(files, "templates/recompute.html")

// recomputeRoutes registers the bulk recompute as a background job: started by a POST that
// answers at once, followed by its job resource or the page. Every route needs a city-wide
// scope: the job grades, and its summary counts, the whole city.
func (h *Handler) recomputeRoutes(r *web.Router) {
	r.Handle("POST /api/v1/risk/recompute", access.RiskRecompute, "Start recomputing the grade of every business of the city in the background; 202 with the job, 409 while one runs", web.API(h.apiRecompute))
	r.Handle("GET /api/v1/risk/recompute/{id}", access.RiskRecompute, "A recompute job: state, businesses done of the total, summary or error", web.API(h.apiRecomputeJob))
	r.Handle("GET /risk/recompute", access.RiskRecompute, "The bulk recompute: the latest job with its progress, and a button to start one", h.recomputePage)
	r.Handle("POST /risk/recompute", access.RiskRecompute, "Start a bulk recompute from the page", h.recomputeStart)
}

// cityWide refuses a caller whose scope is not the whole city.
func cityWide(r *http.Request) error {
	if !access.ScopeFrom(r.Context()).CityWide() {
		return apperr.New(apperr.Forbidden, "access.out_of_scope", nil)
	}
	return nil
}

// startJob starts a job for the caller of r, the producers under the 2022 draft when the
// handler or ?producers_draft=1 (a form field of the page) says so.
func (h *Handler) startJob(r *http.Request) (*RecomputeJob, error) {
	if err := cityWide(r); err != nil {
		return nil, err
	}
	draft := h.ProducersDraft || r.FormValue("producers_draft") == "1"
	by := ""
	if u := web.UserFrom(r.Context()); u != nil {
		by = u.Login
	}
	return h.svc.StartRecompute(r.Context(), h.now(), draft, by)
}

func (h *Handler) apiRecompute(r *http.Request) (int, any, error) {
	job, err := h.startJob(r)
	return http.StatusAccepted, job, err
}

func (h *Handler) apiRecomputeJob(r *http.Request) (int, any, error) {
	id, err := web.PathID(r, "id")
	if err == nil {
		err = cityWide(r)
	}
	if err != nil {
		return 0, nil, err
	}
	job, err := h.svc.Job(r.Context(), id)
	return http.StatusOK, job, err
}

func (h *Handler) recomputePage(w http.ResponseWriter, r *http.Request) {
	err := cityWide(r)
	var job *RecomputeJob
	if err == nil {
		job, err = h.svc.LatestJob(r.Context())
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	if job != nil && job.State == JobRunning {
		w.Header().Set("Refresh", refreshSeconds)
	}
	recomputePage.Render(w, r, job)
}

// recomputeStart starts a job and shows the page; while one runs the page shows that one.
func (h *Handler) recomputeStart(w http.ResponseWriter, r *http.Request) {
	_, err := h.startJob(r)
	switch apperr.CodeOf(err) {
	case "":
		http.Redirect(w, r, "/risk/recompute?flash=risk.recompute.started", http.StatusSeeOther)
	case apperr.Conflict:
		http.Redirect(w, r, "/risk/recompute?flash=risk.recompute.already_running", http.StatusSeeOther)
	default:
		web.Fail(w, r, err)
	}
}
