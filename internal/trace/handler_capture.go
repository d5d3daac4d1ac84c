package trace

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"sort"
	"strings"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/web"
)

// capture takes a document of events in JSON or JSON-LD, or in XML, captured as the JSON
// of the same events (epcis.XMLToJSON). The capture runs inside the request, so the job is
// finished when the answer goes out: 202 with the job and its place, or the problem report
// of the refused document (the failed job's place in Location).
func (h *Handler) capture(w http.ResponseWriter, r *http.Request) {
	lang := web.LangFrom(r.Context())
	media, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	xmlDocument := media == "application/xml" || media == "text/xml"
	if media != "application/json" && media != "application/ld+json" && !xmlDocument {
		writeProblem(w, newProblemDocument(lang, http.StatusUnsupportedMediaType, "trace.media_type", map[string]any{"type": media}))
		return
	}
	if b := r.Header.Get("GS1-Capture-Error-Behaviour"); b != "" && b != "rollback" {
		fail(w, r, apperr.New(apperr.Invalid, "trace.behaviour_unsupported", map[string]any{"value": b}))
		return
	}
	doc, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxDocumentBytes))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		fail(w, r, errTooLarge)
		return
	case err != nil:
		fail(w, r, err)
		return
	}
	if xmlDocument {
		if doc, err = epcis.XMLToJSON(doc, clock()); err != nil {
			fail(w, r, apperr.New(apperr.Invalid, "trace.xml_unreadable", map[string]any{"detail": err.Error()}))
			return
		}
	}
	job, err := h.events.Capture(r.Context(), doc, CapturerFrom(r.Context()))
	if err != nil {
		fail(w, r, err)
		return
	}
	w.Header().Set("Location", jobPath(job.ID))
	setExtensions(w, job.Context)
	web.JSON(w, http.StatusAccepted, newJobDocument(lang, job))
}

// setExtensions announces the extension namespaces of a @context (a job's document's, a
// query document's) in the GS1-Extensions header, as prefix=namespace pairs.
func setExtensions(w http.ResponseWriter, ldContext json.RawMessage) {
	var context any
	if json.Unmarshal(ldContext, &context) != nil {
		return
	}
	list, ok := context.([]any)
	if !ok {
		list = []any{context}
	}
	var pairs []string
	for _, c := range list {
		defs, _ := c.(map[string]any)
		for prefix, ns := range defs {
			if ns, ok := ns.(string); ok {
				pairs = append(pairs, prefix+"="+ns)
			}
		}
	}
	if len(pairs) > 0 {
		sort.Strings(pairs)
		w.Header().Set("GS1-Extensions", strings.Join(pairs, ", "))
	}
}
