package trace

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

// Pages of capture jobs: perPage as the binding defaults it, and at most.
const (
	defaultPerPage = 30
	maxPerPage     = 500
)

// job answers one capture job the caller's scope covers.
func (h *Handler) job(w http.ResponseWriter, r *http.Request) {
	job, err := h.jobByID(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	setExtensions(w, job.Context)
	web.JSON(w, http.StatusOK, newJobDocument(web.LangFrom(r.Context()), job))
}

// jobByID reads the capture job {id} of the request in the caller's scope; one the scope
// does not cover is not found, as one that does not exist.
func (h *Handler) jobByID(r *http.Request) (Job, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return Job{}, apperr.New(apperr.NotFound, "trace.job_not_found", map[string]any{"id": r.PathValue("id")})
	}
	return h.events.Job(r.Context(), access.ScopeFrom(r.Context()), id)
}

// jobs answers a page of the capture jobs the caller's scope covers, newest first; while
// there are more, the Link header points at the next page.
func (h *Handler) jobs(w http.ResponseWriter, r *http.Request) {
	perPage, before, err := pageOf(r.URL.Query())
	if err != nil {
		fail(w, r, err)
		return
	}
	jobs, err := h.events.Jobs(r.Context(), access.ScopeFrom(r.Context()), before, perPage+1)
	if err != nil {
		fail(w, r, err)
		return
	}
	if len(jobs) > perPage {
		jobs = jobs[:perPage]
		next := url.Values{"perPage": {strconv.Itoa(perPage)}, "nextPageToken": {strconv.FormatInt(jobs[perPage-1].ID, 10)}}
		w.Header().Set("Link", `</epcis/capture?`+next.Encode()+`>; rel="next"`)
	}
	lang := web.LangFrom(r.Context())
	out := make([]jobDocument, len(jobs))
	for i, j := range jobs {
		out[i] = newJobDocument(lang, j)
	}
	web.JSON(w, http.StatusOK, out)
}

// pageOf reads perPage and nextPageToken, the id of the last job of the page before.
func pageOf(q url.Values) (perPage int, before int64, err error) {
	perPage, before = defaultPerPage, 0
	bad := apperr.New(apperr.Invalid, "trace.bad_page", map[string]any{"max": maxPerPage})
	if s := q.Get("perPage"); s != "" {
		if perPage, err = strconv.Atoi(s); err != nil || perPage < 1 || perPage > maxPerPage {
			return 0, 0, bad
		}
	}
	if s := q.Get("nextPageToken"); s != "" {
		if before, err = strconv.ParseInt(s, 10, 64); err != nil || before < 1 {
			return 0, 0, bad
		}
	}
	return perPage, before, nil
}
