package trace

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/web"
)

// exceptions names the EPCIS exception of each status the capture interface answers with;
// the problem's type is "epcisException:" and the name.
var exceptions = map[int]string{
	http.StatusBadRequest:            "ValidationException",
	http.StatusForbidden:             "SecurityException",
	http.StatusNotFound:              "NoSuchResourceException",
	http.StatusRequestEntityTooLarge: "CaptureLimitExceededException",
	http.StatusUnsupportedMediaType:  "UnsupportedMediaTypeException",
}

// problemDocument is an RFC 7807 problem in the shape of the EPCIS REST binding; a refused
// document's lists each problem, naming its event.
type problemDocument struct {
	Type     string         `json:"type"`
	Title    string         `json:"title"`
	Status   int            `json:"status"`
	Detail   string         `json:"detail,omitempty"`
	Instance string         `json:"instance,omitempty"`
	Problems []eventProblem `json:"problems,omitempty"`
	// Parameters are the bad parameters of a refused query.
	Parameters []parameterProblem `json:"parameters,omitempty"`
}

// eventProblem is one problem of a refused document, its message in the caller's language.
type eventProblem struct {
	Event   int    `json:"event"`
	EventID string `json:"eventID,omitempty"`
	Pointer string `json:"pointer"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

func newProblemDocument(lang i18n.Lang, status int, key string, params map[string]any) problemDocument {
	return exceptionDocument(lang, exceptions[status], status, key, params)
}

// exceptionDocument is the problem of the EPCIS exception name.
func exceptionDocument(lang i18n.Lang, name string, status int, key string, params map[string]any) problemDocument {
	return problemDocument{Type: "epcisException:" + name, Title: i18n.T(lang, "trace.exception."+name, nil),
		Status: status, Detail: i18n.T(lang, key, params)}
}

// refusalStatus is the status that answers a refusal.
func refusalStatus(r Refusal) int {
	if r == RefusedForbidden {
		return http.StatusForbidden
	}
	return http.StatusBadRequest
}

// reportDocument is the problem document of a failed job.
func reportDocument(lang i18n.Lang, job Job) problemDocument {
	events := map[int]bool{}
	for _, p := range job.Report.Problems {
		if p.Event >= 0 {
			events[p.Event] = true
		}
	}
	d := newProblemDocument(lang, refusalStatus(job.Report.Refusal), "trace.refused",
		map[string]any{"problems": len(job.Report.Problems), "events": len(events)})
	d.Instance = jobPath(job.ID)
	for _, p := range job.Report.Problems {
		d.Problems = append(d.Problems, eventProblem{Event: p.Event, EventID: p.EventID, Pointer: p.Pointer, Rule: p.Rule,
			Message: i18n.T(lang, "rule."+p.Rule, p.Params)})
	}
	return d
}

// jobDocument is a capture job in the shape of the EPCIS REST binding, with the counts of
// events received and stored beside.
type jobDocument struct {
	CaptureID             string            `json:"captureID"`
	CreatedAt             time.Time         `json:"createdAt"`
	FinishedAt            *time.Time        `json:"finishedAt,omitempty"`
	Running               bool              `json:"running"`
	Success               bool              `json:"success"`
	CaptureErrorBehaviour string            `json:"captureErrorBehaviour"`
	Errors                []problemDocument `json:"errors"`
	EventCount            int               `json:"eventCount"`
	StoredCount           int               `json:"storedCount"`
}

func newJobDocument(lang i18n.Lang, job Job) jobDocument {
	d := jobDocument{CaptureID: strconv.FormatInt(job.ID, 10), CreatedAt: job.ReceivedAt, Running: job.State == JobRunning,
		Success: job.State != JobFailed, CaptureErrorBehaviour: "rollback", Errors: []problemDocument{},
		EventCount: job.EventCount, StoredCount: job.Stored}
	if !job.FinishedAt.IsZero() {
		d.FinishedAt = &job.FinishedAt
	}
	if job.Report != nil {
		d.Errors = append(d.Errors, reportDocument(lang, job))
	}
	return d
}

func jobPath(id int64) string { return "/epcis/capture/" + strconv.FormatInt(id, 10) }

// writeProblem answers with the problem d.
func writeProblem(w http.ResponseWriter, d problemDocument) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(d.Status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(d)
}

// fail answers err: a refused document with its problem report and the place of its failed
// job, an application error as the binding's problem, anything else as web.Fail does.
func fail(w http.ResponseWriter, r *http.Request, err error) {
	lang := web.LangFrom(r.Context())
	var refused *RefusedError
	if errors.As(err, &refused) {
		w.Header().Set("Location", jobPath(refused.Job.ID))
		writeProblem(w, reportDocument(lang, refused.Job))
		return
	}
	e := apperr.From(err)
	status := web.StatusOf(e.Code)
	if _, ok := exceptions[status]; !ok {
		web.Fail(w, r, err)
		return
	}
	writeProblem(w, newProblemDocument(lang, status, e.MessageKey(), e.Params))
}
