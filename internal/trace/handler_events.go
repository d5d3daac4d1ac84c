package trace

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/trace/query"
	"github.com/shejian/shejian/internal/web"
)

// queryRoutes registers the query interface of the binding. The path values of the
// per-type, per-EPC and per-vocabulary resources are {key} and the eventID {id}, as the
// route tests name them.
func (h *Handler) queryRoutes(r *web.Router) {
	r.Handle("GET /epcis/events", access.TraceRead, "Query events (SimpleEventQuery), a page at a time", h.query(nil))
	r.Handle("GET /epcis/events/{id}", access.TraceRead, "Get an event by its eventID, with its error declaration", h.event)
	r.Handle("GET /epcis/eventTypes", access.TraceRead, "List the event types", h.eventTypes)
	for i := range resources {
		res := &resources[i]
		r.Handle("GET /epcis/"+res.path+"/{key}/events", access.TraceRead, res.summary, h.query(res))
	}
}

// resource is a resource of the binding whose events are those of one value: of an event
// type, an EPC, a business step, …. narrow adds the value to a query: valid is false for a
// value that names no such resource, possible false when the query's own parameters
// exclude it, so that nothing matches.
type resource struct {
	path, summary string
	narrow        func(q *query.Query, value string) (valid, possible bool)
}

var resources = []resource{
	{"eventTypes", "Query the events of one type", func(q *query.Query, v string) (bool, bool) {
		return slices.Contains(epcis.EventTypes[1:], v), narrowTo(&q.EventTypes, v)
	}},
	{"epcs", "Query the events of one identifier, instance or class, in any role", func(q *query.Query, v string) (bool, bool) {
		v = epcis.CanonicalURI(v)
		q.Match[query.MatchAnyObject] = []string{v}
		return query.AbsoluteURI(v), true
	}},
	{"bizSteps", "Query the events of one business step", vocabulary(epcis.BizStepWords, func(q *query.Query) *[]string { return &q.BizSteps })},
	{"dispositions", "Query the events of one disposition", vocabulary(epcis.DispositionWords, func(q *query.Query) *[]string { return &q.Dispositions })},
	{"bizLocations", "Query the events at one business location", location(func(q *query.Query) *[]string { return &q.BizLocations })},
	{"readPoints", "Query the events at one read point", location(func(q *query.Query) *[]string { return &q.ReadPoints })},
}

func vocabulary(v epcis.Vocabulary, list func(*query.Query) *[]string) func(*query.Query, string) (bool, bool) {
	return func(q *query.Query, value string) (bool, bool) {
		value = epcis.CanonicalWord(value, v)
		return query.AbsoluteURI(value), narrowTo(list(q), value)
	}
}

func location(list func(*query.Query) *[]string) func(*query.Query, string) (bool, bool) {
	return func(q *query.Query, value string) (bool, bool) {
		value = epcis.CanonicalURI(value)
		return query.AbsoluteURI(value), narrowTo(list(q), value)
	}
}

// narrowTo makes the "one of" list v alone, and reports false when the list excludes v.
func narrowTo(list *[]string, v string) bool {
	if len(*list) > 0 && !slices.Contains(*list, v) {
		return false
	}
	*list = []string{v}
	return true
}

// query answers a query, of a resource's events when res is set: one page of an
// EPCISQueryDocument and, while there are more, the Link to the next.
func (h *Handler) query(res *resource) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q, err := query.Parse(r.URL.Query(), extensionsOf(r.Header.Get("GS1-Extensions")))
		if err != nil {
			failQuery(w, r, err)
			return
		}
		possible := true
		if res != nil {
			var valid bool
			if valid, possible = res.narrow(&q, r.PathValue("key")); !valid {
				failQuery(w, r, apperr.New(apperr.NotFound, "query.resource_not_found", map[string]any{"path": r.URL.Path}))
				return
			}
		}
		var page EventPage
		if possible {
			page, err = h.events.Events(r.Context(), access.ScopeFrom(r.Context()), q)
		} else {
			page, err = h.events.answer(r.Context(), nil, nil)
		}
		if err != nil {
			failQuery(w, r, err)
			return
		}
		if page.Next != "" {
			next := r.URL.Query()
			next.Set("nextPageToken", page.Next)
			w.Header().Set("Link", "<"+r.URL.EscapedPath()+"?"+next.Encode()+`>; rel="next"`)
		}
		writeQueryDocument(w, r, page)
	}
}

// event answers the event of an eventID the caller's scope covers, with its error
// declaration; an event outside the scope is not found, as one that does not exist.
func (h *Handler) event(w http.ResponseWriter, r *http.Request) {
	page, err := h.eventByID(r)
	if err != nil {
		failQuery(w, r, err)
		return
	}
	writeQueryDocument(w, r, page)
}

// eventByID reads the event of the request's eventID {id} in the caller's scope: a page of
// it, or an error when the scope covers no such event.
func (h *Handler) eventByID(r *http.Request) (EventPage, error) {
	id := r.PathValue("id")
	q := query.Query{EventIDs: []string{id}, PerPage: 1, Match: map[query.Match][]string{}}
	page, err := h.events.Events(r.Context(), access.ScopeFrom(r.Context()), q)
	if err == nil && len(page.Events) == 0 {
		err = apperr.New(apperr.NotFound, "query.event_not_found", map[string]any{"id": id})
	}
	return page, err
}

// eventTypes lists the event types, as a JSON-LD collection.
func (h *Handler) eventTypes(w http.ResponseWriter, r *http.Request) {
	web.JSON(w, http.StatusOK, map[string]any{"@context": []string{EPCISContext}, "type": "Collection", "member": epcis.EventTypes[1:]})
}

// queryDocument is the EPCISQueryDocument a query answers with.
type queryDocument struct {
	Context       json.RawMessage `json:"@context"`
	Type          string          `json:"type"`
	SchemaVersion string          `json:"schemaVersion"`
	CreationDate  string          `json:"creationDate"`
	Body          struct {
		Results struct {
			QueryName string `json:"queryName"`
			Body      struct {
				EventList []json.RawMessage `json:"eventList"`
			} `json:"resultsBody"`
		} `json:"queryResults"`
	} `json:"epcisBody"`
}

// writeQueryDocument answers with page as an EPCISQueryDocument, as JSON-LD when the
// caller accepts it and as JSON otherwise, its extension prefixes in GS1-Extensions.
func writeQueryDocument(w http.ResponseWriter, r *http.Request, page EventPage) {
	d := queryDocument{Context: page.Context, Type: "EPCISQueryDocument", SchemaVersion: "2.0",
		CreationDate: clock().Format("2006-01-02T15:04:05.000Z")}
	d.Body.Results.QueryName = "SimpleEventQuery"
	d.Body.Results.Body.EventList = page.Events
	if d.Body.Results.Body.EventList == nil {
		d.Body.Results.Body.EventList = []json.RawMessage{}
	}
	body, err := encodeJSON(d)
	if err != nil {
		failQuery(w, r, err)
		return
	}
	media := "application/json"
	if strings.Contains(r.Header.Get("Accept"), "application/ld+json") {
		media = "application/ld+json"
	}
	setExtensions(w, page.Context)
	w.Header().Set("Content-Type", media)
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

// extensionsOf reads the GS1-Extensions header of a request: prefix=namespace pairs, comma
// separated, declaring the prefixes of the extension fields its parameters name.
func extensionsOf(header string) map[string]string {
	out := map[string]string{}
	for pair := range strings.SplitSeq(header, ",") {
		if prefix, ns, ok := strings.Cut(strings.TrimSpace(pair), "="); ok && prefix != "" && ns != "" {
			out[strings.TrimSpace(prefix)] = strings.TrimSpace(ns)
		}
	}
	return out
}

// queryExceptions names the EPCIS exception of each status the query interface answers
// with.
var queryExceptions = map[int]string{
	http.StatusBadRequest:            "QueryParameterException",
	http.StatusForbidden:             "SecurityException",
	http.StatusNotFound:              "NoSuchResourceException",
	http.StatusRequestEntityTooLarge: "QueryTooLargeException",
}

// parameterProblem is one bad parameter of a query, its message in the caller's language.
type parameterProblem struct {
	Parameter string `json:"parameter"`
	Rule      string `json:"rule"`
	Message   string `json:"message"`
}

// failQuery answers err as the query interface's exception, naming each bad parameter.
func failQuery(w http.ResponseWriter, r *http.Request, err error) {
	e := apperr.From(err)
	status := web.StatusOf(e.Code)
	name, ok := queryExceptions[status]
	if !ok {
		fail(w, r, err)
		return
	}
	lang := web.LangFrom(r.Context())
	d := exceptionDocument(lang, name, status, e.MessageKey(), e.Params)
	var messages []string
	for _, f := range e.Fields {
		p := parameterProblem{Parameter: f.Field, Rule: f.Rule, Message: f.Field + ": " + i18n.T(lang, "rule."+f.Rule, f.Params)}
		d.Parameters = append(d.Parameters, p)
		messages = append(messages, p.Message)
	}
	if len(messages) > 0 {
		d.Detail = strings.Join(messages, "; ")
	}
	writeProblem(w, d)
}
