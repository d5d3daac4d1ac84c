package app

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/trace"
	"github.com/shejian/shejian/internal/web"
)

// partnerPlace is a GS1 partner's location, no business of the city.
const partnerPlace = "urn:epc:id:sgln:6901234.00001.0"

// epcisDocument is an EPCIS document of events, with an extension namespace in its
// @context.
func epcisDocument(events ...string) string {
	return `{"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"ex": "https://ns.example.cn/"}],
		"type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2024-05-01T08:00:00Z",
		"epcisBody": {"eventList": [` + strings.Join(events, ",") + `]}}`
}

// receiving is an event receiving lot at place.
func receiving(place string, lot int) string {
	return fmt.Sprintf(`{"type": "ObjectEvent", "action": "OBSERVE", "bizStep": "receiving",
		"eventTime": "2024-05-01T10:00:00+08:00", "eventTimeZoneOffset": "+08:00",
		"epcList": ["urn:epc:id:sgtin:6901234.012345.%d"], "bizLocation": {"id": %q}}`, lot, place)
}

// receivingDocument is a document of one event receiving lot at place.
func receivingDocument(place string, lot int) string { return epcisDocument(receiving(place, lot)) }

// placeOf is the location URI of business id: urn:shejian:uscc: and its USCC.
func (w *scopeWorld) placeOf(id int64) string {
	var uscc string
	if err := w.st.DB().QueryRowContext(context.Background(), `SELECT uscc FROM businesses WHERE id = $1`, id).Scan(&uscc); err != nil {
		w.t.Fatal(err)
	}
	return trace.LocationPrefix + uscc
}

// aimPlace names the location of a business inside or outside role's scope, where a
// capture puts its event.
func aimPlace(w *scopeWorld, role access.Role, inside bool) (string, bool) {
	id, ok := w.business(role, inside)
	if !ok {
		return "", false
	}
	return w.placeOf(id), true
}

// aimJob captures a document as role's account at a place of its scope (inside), or as the
// city admin, whose job no narrower scope covers (outside), and names the job.
func aimJob(w *scopeWorld, role access.Role, inside bool) (string, bool) {
	by, place := role, partnerPlace
	switch {
	case inside:
		place, _ = aimPlace(w, role, true)
	case role == access.RoleCityAdmin:
		return "", false
	default:
		by = access.RoleCityAdmin
	}
	u := w.accounts[by]
	w.serial++
	job, err := trace.NewStore(w.st).Capture(context.Background(), []byte(receivingDocument(place, w.serial)),
		trace.Capturer{UserID: u.ID, OrgUnitID: u.OrgUnitID, Scope: w.scopes[by]})
	if err != nil {
		w.t.Fatal(err)
	}
	return itoa(job.ID), true
}

// epcisCall is one request of the EPCIS scenarios and what its answer must hold.
type epcisCall struct {
	name         string
	role         access.Role // "" for anonymous
	method, path string
	body         string
	header       map[string]string // request headers beside the bearer token
	status       int
	contains     []string          // in the body
	answer       map[string]string // response headers, by prefix of their value
}

// TestEPCISCaptureScenarios runs the capture interface of the EPCIS binding through the
// real app with bearer tokens: statuses, problem reports naming the bad event, the
// binding's headers, the job resources and their scope.
func TestEPCISCaptureScenarios(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newScopeWorld(t, st)
		own := w.placeOf(*w.accounts[access.RoleBusinessOperator].BusinessID)
		neighbour, _ := aimPlace(w, access.RoleBusinessOperator, false)
		bad := strings.Replace(receivingDocument(partnerPlace, 2), `"receiving"`, `"recieving"`, 1)
		ld := map[string]string{"Content-Type": "application/ld+json"}
		versions := map[string]string{"GS1-EPCIS-Version": "2.0.0", "GS1-CBV-Version": "2.0.0"}
		captured := map[string]string{"GS1-EPCIS-Version": "2.0.0", "GS1-EPCIS-Capture-Limit": "10000",
			"GS1-EPCIS-Capture-File-Size-Limit": "8388608", "Location": "/epcis/capture/", "GS1-Extensions": "ex=https://ns.example.cn/"}
		calls := []epcisCall{
			{"anonymous", "", "POST", "/epcis/capture", receivingDocument(partnerPlace, 1), ld, 401, nil, versions},
			{"capture", access.RoleCityAdmin, "POST", "/epcis/capture", receivingDocument(partnerPlace, 1), ld, 202,
				[]string{`"success":true`, `"running":false`, `"eventCount":1`, `"storedCount":1`, `"captureErrorBehaviour":"rollback"`}, captured},
			{"repeat", access.RoleCityAdmin, "POST", "/epcis/capture", receivingDocument(partnerPlace, 1), ld, 202,
				[]string{`"success":true`, `"storedCount":0`}, captured},
			{"a bad event", access.RoleCityAdmin, "POST", "/epcis/capture", bad, ld, 400,
				[]string{`"type":"epcisException:ValidationException"`, `"pointer":"/epcisBody/eventList/0/bizStep"`,
					`"rule":"epcis_vocabulary"`, "不是标准"}, map[string]string{"Location": "/epcis/capture/", "Content-Type": "application/problem+json"}},
			{"a bad event in English", access.RoleCityAdmin, "POST", "/epcis/capture", bad, map[string]string{"Content-Type": "application/json", "Cookie": web.LangCookie + "=en"}, 400,
				[]string{`is not a standard`, `"title":"The EPCIS document is invalid"`}, nil},
			{"over the limit", access.RoleCityAdmin, "POST", "/epcis/capture", receivingDocument(partnerPlace, 3) + strings.Repeat(" ", trace.MaxDocumentBytes), ld, 413,
				[]string{`"type":"epcisException:CaptureLimitExceededException"`}, map[string]string{"GS1-EPCIS-Capture-Limit": "10000"}},
			{"not JSON", access.RoleCityAdmin, "POST", "/epcis/capture", receivingDocument(partnerPlace, 4), map[string]string{"Content-Type": "text/plain"}, 415,
				[]string{`"type":"epcisException:UnsupportedMediaTypeException"`}, nil},
			{"proceed on error", access.RoleCityAdmin, "POST", "/epcis/capture", receivingDocument(partnerPlace, 5),
				map[string]string{"Content-Type": "application/json", "GS1-Capture-Error-Behaviour": "proceed"}, 400, []string{"rollback"}, nil},
			{"operator at its own place", access.RoleBusinessOperator, "POST", "/epcis/capture", receivingDocument(own, 6), ld, 202, []string{`"success":true`}, nil},
			{"operator at a neighbour's", access.RoleBusinessOperator, "POST", "/epcis/capture", receivingDocument(neighbour, 7), ld, 403,
				[]string{`"type":"epcisException:SecurityException"`, `"event":0`, `"pointer":"/epcisBody/eventList/0/bizLocation/id"`,
					`"rule":"trace_location_out_of_scope"`, neighbour}, nil},
			{"operator at a partner's place", access.RoleBusinessOperator, "POST", "/epcis/capture", receivingDocument(partnerPlace, 8), ld, 403,
				[]string{`"rule":"trace_location_not_own"`}, nil},
			{"coordinator may not capture", access.RoleCoordinator, "POST", "/epcis/capture", receivingDocument(partnerPlace, 9), ld, 403, nil, versions},
			{"the operator's jobs", access.RoleBusinessOperator, "GET", "/epcis/capture", "", nil, 200,
				[]string{`"success":false`, `"errors":[{"type":"epcisException:SecurityException"`, `"success":true`}, versions},
			{"a page of jobs", access.RoleCityAdmin, "GET", "/epcis/capture?perPage=1", "", nil, 200,
				[]string{`"captureID"`}, map[string]string{"Link": "</epcis/capture?nextPageToken="}},
			{"a bad page", access.RoleCityAdmin, "GET", "/epcis/capture?perPage=0", "", nil, 400, []string{"perPage"}, nil},
			{"a job", access.RoleCityAdmin, "GET", "/epcis/capture/1", "", nil, 200, []string{`"captureID":"1"`, `"success":true`},
				map[string]string{"GS1-Extensions": "ex=https://ns.example.cn/"}},
			{"another's job", access.RoleBusinessOperator, "GET", "/epcis/capture/1", "", nil, 404,
				[]string{`"type":"epcisException:NoSuchResourceException"`}, nil},
			{"no such job", access.RoleCityAdmin, "GET", "/epcis/capture/999999", "", nil, 404, nil, nil},
		}
		runEPCISCalls(t, w, calls)
	})
}

// runEPCISCalls sends each call through the app and checks its answer.
func runEPCISCalls(t *testing.T, w *scopeWorld, calls []epcisCall) {
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			r := newRequest(c.method, c.path, c.body)
			for k, v := range c.header {
				r.Header.Set(k, v)
			}
			if c.role != "" {
				r.Header.Set("Authorization", "Bearer "+w.tokens[c.role])
			}
			res := w.serve(r)
			if res.Code != c.status {
				t.Fatalf("status %d, want %d: %.500s", res.Code, c.status, res.Body)
			}
			for _, want := range c.contains {
				if !strings.Contains(res.Body.String(), want) {
					t.Errorf("body lacks %q: %.800s", want, res.Body)
				}
			}
			for k, v := range c.answer {
				if got := res.Header().Get(k); !strings.HasPrefix(got, v) {
					t.Errorf("header %s = %q, want it to start with %q", k, got, v)
				}
			}
		})
	}
}

// TestEPCISRefusalStoresNothing: a refused document leaves no event behind, only its
// failed job, which its answer points at.
func TestEPCISRefusalStoresNothing(t *testing.T) {
	w := newScopeWorld(t, storetest.Open(t, store.SQLite))
	bad := strings.Replace(receiving(partnerPlace, 2), `"OBSERVE"`, `"WATCH"`, 1)
	both := epcisDocument(receiving(partnerPlace, 1), bad)
	r := newRequest("POST", "/epcis/capture", both)
	r.Header.Set("Authorization", "Bearer "+w.tokens[access.RoleCityAdmin])
	res := w.serve(r)
	if res.Code != http.StatusBadRequest || !strings.Contains(res.Body.String(), `"pointer":"/epcisBody/eventList/1/action"`) {
		t.Fatalf("%d %.500s", res.Code, res.Body)
	}
	var events int
	if err := w.st.DB().QueryRow(`SELECT count(*) FROM epcis_events`).Scan(&events); err != nil || events != 0 {
		t.Errorf("%d events stored (%v)", events, err)
	}
	job := w.call(access.RoleCityAdmin, "GET", res.Header().Get("Location"), "")
	if job.Code != http.StatusOK || !strings.Contains(job.Body.String(), `"success":false`) || !strings.Contains(job.Body.String(), `"eventCount":2`) {
		t.Errorf("the failed job: %d %.500s", job.Code, job.Body)
	}
}

// eventAt is an event receiving a lot at place, with eventID id.
func eventAt(id, place string, lot int) string {
	return strings.Replace(receiving(place, lot), `{"type"`, `{"eventID": "`+id+`", "type"`, 1)
}

// aimEvent captures an event at a business inside or outside role's scope and names it by
// its eventID.
func aimEvent(w *scopeWorld, role access.Role, inside bool) (string, bool) {
	place, ok := aimPlace(w, role, inside)
	if !ok {
		return "", false
	}
	w.serial++
	id := fmt.Sprintf("urn:shejian:scope:%d", w.serial)
	if _, err := trace.NewStore(w.st).Capture(context.Background(), []byte(epcisDocument(eventAt(id, place, w.serial))), trace.System); err != nil {
		w.t.Fatal(err)
	}
	return id, true
}

// aimValue names a value of a list resource's path; a list has nothing outside the scope
// to aim at, it answers what the scope covers.
func aimValue(v string) aim {
	return func(_ *scopeWorld, _ access.Role, inside bool) (string, bool) { return v, inside }
}

// TestEPCISQueryScenarios runs the query interface of the EPCIS binding through the real
// app: the query document and its headers, the resources, the bad parameters and the
// caller's scope.
func TestEPCISQueryScenarios(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newScopeWorld(t, st)
		own := w.placeOf(*w.accounts[access.RoleBusinessOperator].BusinessID)
		neighbour, _ := aimPlace(w, access.RoleBusinessOperator, false)
		doc := epcisDocument(eventAt("urn:shejian:q:own", own, 1), eventAt("urn:shejian:q:neighbour", neighbour, 2),
			eventAt("urn:shejian:q:partner", partnerPlace, 3))
		if _, err := trace.NewStore(st).Capture(context.Background(), []byte(doc), trace.System); err != nil {
			t.Fatal(err)
		}
		ld := map[string]string{"Accept": "application/ld+json"}
		document := map[string]string{"Content-Type": "application/json", "GS1-EPCIS-Version": "2.0.0", "GS1-Extensions": "ex=https://ns.example.cn/"}
		lot := url.PathEscape("https://id.gs1.org/01/06901234123456/21/2")
		calls := []epcisCall{
			{"anonymous", "", "GET", "/epcis/events", "", nil, 401, nil, nil},
			{"every event", access.RoleCityAdmin, "GET", "/epcis/events", "", nil, 200,
				[]string{`"type":"EPCISQueryDocument"`, `"queryName":"SimpleEventQuery"`, `"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",{"ex":"https://ns.example.cn/"}]`,
					"urn:shejian:q:own", "urn:shejian:q:neighbour", "urn:shejian:q:partner"}, document},
			{"as JSON-LD", access.RoleCityAdmin, "GET", "/epcis/events", "", ld, 200, nil, map[string]string{"Content-Type": "application/ld+json"}},
			{"a page", access.RoleCityAdmin, "GET", "/epcis/events?perPage=1", "", nil, 200, []string{"urn:shejian:q:own"},
				map[string]string{"Link": "</epcis/events?nextPageToken="}},
			{"a bad parameter", access.RoleCityAdmin, "GET", "/epcis/events?GE_eventTime=yesterday&perPage=0", "", nil, 400,
				[]string{`"type":"epcisException:QueryParameterException"`, `"parameter":"perPage"`, `"parameter":"GE_eventTime"`}, nil},
			{"an unknown parameter", access.RoleCityAdmin, "GET", "/epcis/events?EQ_colour=red", "", nil, 400,
				[]string{`"parameter":"EQ_colour"`, "不是 EPCIS 查询参数"}, nil},
			{"a forged token", access.RoleCityAdmin, "GET", "/epcis/events?nextPageToken=AAAAAAAAAAAAAA", "", nil, 400,
				[]string{`"parameter":"nextPageToken"`}, nil},
			{"too many events", access.RoleCityAdmin, "GET", "/epcis/events?maxEventCount=2", "", nil, 413,
				[]string{`"type":"epcisException:QueryTooLargeException"`}, nil},
			{"an event", access.RoleCityAdmin, "GET", "/epcis/events/urn:shejian:q:partner", "", nil, 200, []string{"urn:shejian:q:partner"}, document},
			{"no such event", access.RoleCityAdmin, "GET", "/epcis/events/urn:shejian:q:none", "", nil, 404,
				[]string{`"type":"epcisException:NoSuchResourceException"`}, nil},
			{"the operator's event", access.RoleBusinessOperator, "GET", "/epcis/events/urn:shejian:q:own", "", nil, 200, []string{"urn:shejian:q:own"}, nil},
			{"a neighbour's event", access.RoleBusinessOperator, "GET", "/epcis/events/urn:shejian:q:neighbour", "", nil, 404, nil, nil},
			{"the operator's events", access.RoleBusinessOperator, "GET", "/epcis/events", "", nil, 200, []string{"urn:shejian:q:own"}, nil},
			{"a neighbour's place", access.RoleBusinessOperator, "GET", "/epcis/bizLocations/" + neighbour + "/events", "", nil, 200,
				[]string{`"eventList":[]`}, nil},
			{"a partner's place", access.RoleDistrictAdmin, "GET", "/epcis/bizLocations/" + partnerPlace + "/events", "", nil, 200,
				[]string{`"eventList":[]`}, nil},
			{"the event types", access.RoleCoordinator, "GET", "/epcis/eventTypes", "", nil, 200,
				[]string{`"member":["ObjectEvent","AggregationEvent","TransactionEvent","TransformationEvent","AssociationEvent"]`}, nil},
			{"events of a type", access.RoleCityAdmin, "GET", "/epcis/eventTypes/ObjectEvent/events?EQ_bizStep=receiving", "", nil, 200,
				[]string{"urn:shejian:q:neighbour"}, nil},
			{"no such type", access.RoleCityAdmin, "GET", "/epcis/eventTypes/ThingEvent/events", "", nil, 404,
				[]string{`"type":"epcisException:NoSuchResourceException"`}, nil},
			{"an identifier as Digital Link", access.RoleCityAdmin, "GET", "/epcis/epcs/" + lot + "/events", "", nil, 200,
				[]string{"urn:shejian:q:neighbour"}, nil},
			{"a business step the query excludes", access.RoleCityAdmin, "GET", "/epcis/bizSteps/receiving/events?EQ_bizStep=shipping", "", nil, 200,
				[]string{`"eventList":[]`}, nil},
		}
		runEPCISCalls(t, w, calls)
	})
}

// TestEPCISQueryFollowsLinks walks the events a page at a time through the Link headers.
func TestEPCISQueryFollowsLinks(t *testing.T) {
	w := newScopeWorld(t, storetest.Open(t, store.SQLite))
	var events []string
	for i := range 5 {
		events = append(events, eventAt(fmt.Sprintf("urn:shejian:q:%d", i), partnerPlace, i))
	}
	if _, err := trace.NewStore(w.st).Capture(context.Background(), []byte(epcisDocument(events...)), trace.System); err != nil {
		t.Fatal(err)
	}
	var got []string
	for path := "/epcis/events?perPage=2&EQ_bizStep=receiving"; path != ""; {
		res := w.call(access.RoleCityAdmin, "GET", path, "")
		var doc struct {
			Body struct {
				Results struct {
					Body struct {
						Events []struct {
							EventID string `json:"eventID"`
						} `json:"eventList"`
					} `json:"resultsBody"`
				} `json:"queryResults"`
			} `json:"epcisBody"`
		}
		if err := json.Unmarshal(res.Body.Bytes(), &doc); err != nil || res.Code != http.StatusOK {
			t.Fatalf("%s: %d %v", path, res.Code, err)
		}
		for _, e := range doc.Body.Results.Body.Events {
			got = append(got, e.EventID)
		}
		link := res.Header().Get("Link")
		path = strings.TrimSuffix(strings.TrimPrefix(link, "<"), `>; rel="next"`)
	}
	want := []string{"urn:shejian:q:0", "urn:shejian:q:1", "urn:shejian:q:2", "urn:shejian:q:3", "urn:shejian:q:4"}
	if !slices.Equal(got, want) {
		t.Errorf("walked %v, want %v", got, want)
	}
}
