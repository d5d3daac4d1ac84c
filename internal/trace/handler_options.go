package trace

import (
	"encoding/json"
	"net/http"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/web"
)

// optionsRoutes registers OPTIONS, the binding's discovery, on each resource: 204 with the
// methods the resource allows (Allow) and the versions, formats and extensions it speaks
// (discoveryHeaders; BindingHeaders adds the versions in use and, on the capture interface,
// its limits and error behaviour). Discovery is part of reading: it needs trace.read, and
// on a capture job or an event it finds them in the caller's scope, as GET does, and
// announces their extension prefixes.
func (h *Handler) optionsRoutes(r *web.Router) {
	r.Handle("OPTIONS /epcis/capture", access.TraceRead, "Discover the capture interface: methods, versions, limits", discover("OPTIONS, GET, POST"))
	r.Handle("OPTIONS /epcis/capture/{id}", access.TraceRead, "Discover a capture job: methods, versions, its extensions", h.discoverJob)
	r.Handle("OPTIONS /epcis/events", access.TraceRead, "Discover the events resource: methods and versions", discover("OPTIONS, GET"))
	r.Handle("OPTIONS /epcis/events/{id}", access.TraceRead, "Discover an event: methods, versions, its extensions", h.discoverEvent)
	r.Handle("OPTIONS /epcis/eventTypes", access.TraceRead, "Discover the event types resource: methods and versions", discover("OPTIONS, GET"))
	for i := range resources {
		r.Handle("OPTIONS /epcis/"+resources[i].path+"/{key}/events", access.TraceRead,
			"Discover "+resources[i].path+" resources: methods and versions", discover("OPTIONS, GET"))
	}
}

// discoveryHeaders sets the headers of the binding's discovery answer (204 …Discovery):
// the methods allowed and the EPCIS and CBV versions supported, all this one. Events are
// answered as captured, their identifiers as the sender wrote them (GS1-EPC-Format
// Never_Translates).
func discoveryHeaders(w http.ResponseWriter, allow string) {
	h := w.Header()
	h.Set("Allow", allow)
	h.Set("GS1-EPCIS-Min", EPCISVersion)
	h.Set("GS1-EPCIS-Max", EPCISVersion)
	h.Set("GS1-CBV-Min", CBVVersion)
	h.Set("GS1-CBV-Max", CBVVersion)
	h.Set("GS1-EPC-Format", "Never_Translates")
}

// discover answers OPTIONS on a collection resource that allows allow.
func discover(allow string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		discoveryHeaders(w, allow)
		w.WriteHeader(http.StatusNoContent)
	}
}

// discoverJob answers OPTIONS on a capture job the caller's scope covers.
func (h *Handler) discoverJob(w http.ResponseWriter, r *http.Request) {
	job, err := h.jobByID(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	discoverItem(w, job.Context)
}

// discoverEvent answers OPTIONS on an event the caller's scope covers.
func (h *Handler) discoverEvent(w http.ResponseWriter, r *http.Request) {
	page, err := h.eventByID(r)
	if err != nil {
		failQuery(w, r, err)
		return
	}
	discoverItem(w, page.Context)
}

// discoverItem answers OPTIONS on one job or event, found, with the extension prefixes of
// its @context.
func discoverItem(w http.ResponseWriter, ldContext json.RawMessage) {
	discoveryHeaders(w, "OPTIONS, GET")
	setExtensions(w, ldContext)
	w.WriteHeader(http.StatusNoContent)
}
