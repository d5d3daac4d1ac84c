package app

import (
	"strconv"

	"github.com/shejian/shejian/internal/access"
)

// scopeRoutes lists every route for TestScope, keyed "METHOD /path" as registered. Add each
// new route here with the record it addresses; the permission comes from its registration.
var scopeRoutes = map[string]scopeRoute{
	// Public and own-account routes.
	"GET /healthz":                     {},
	"GET /api/v1/openapi.json":         {},
	"GET /login":                       {},
	"POST /login":                      {body: form("login=nobody&password=wrong-password")},
	"POST /logout":                     {},
	"POST /logout/all":                 {},
	"GET /account":                     {},
	"POST /account/tokens":             {body: form("name=")},
	"POST /account/tokens/{id}/revoke": {aim: aimToken, outside: 404},
	"GET /api/v1/tokens":               {},
	"POST /api/v1/tokens":              {body: form(`{"name":""}`)},
	"DELETE /api/v1/tokens/{id}":       {aim: aimToken, outside: 404},

	// Accounts.
	"GET /users":                             {},
	"POST /users":                            {aim: aimUnit(""), body: func(id string) string { return "login=&org_unit_id=" + id + "&roles=coordinator" }},
	"POST /users/{id}/disable":               {aim: aimAccount, outside: 404},
	"POST /users/{id}/enable":                {aim: aimAccount, outside: 404},
	"POST /users/{id}/reset-password":        {aim: aimAccount, outside: 404},
	"POST /users/{id}/roles":                 {aim: aimAccount, outside: 404, body: form("roles=coordinator&roles=lab_technician")},
	"GET /api/v1/users":                      {},
	"POST /api/v1/users":                     {aim: aimUnit(""), body: func(id string) string { return `{"login":"","roles":["coordinator"],"org_unit_id":` + id + `}` }},
	"POST /api/v1/users/{id}/disable":        {aim: aimAccount, outside: 404},
	"POST /api/v1/users/{id}/enable":         {aim: aimAccount, outside: 404},
	"POST /api/v1/users/{id}/reset-password": {aim: aimAccount, outside: 404},
	"PUT /api/v1/users/{id}/roles":           {aim: aimAccount, outside: 404, body: form(`{"roles":["coordinator","lab_technician"]}`)},

	// The audit log is the city's; it has no write routes at all.
	"GET /audit":        {},
	"GET /api/v1/audit": {},

	// Rules are city-wide: every role reads them, only the city admin overrides.
	"GET /rules":                        {},
	"GET /rules/{key}":                  {aim: aimRule},
	"POST /rules/{key}/override":        {aim: aimRule, body: form("value=&reason=")},
	"GET /api/v1/rules":                 {},
	"GET /api/v1/rules/{key}":           {aim: aimRule},
	"POST /api/v1/rules/{key}/override": {aim: aimRule, body: form(`{"value":null,"reason":""}`)},

	// Businesses.
	"GET /{$}":                               {},
	"GET /businesses":                        {},
	"GET /businesses/new":                    {},
	"POST /businesses":                       {aim: aimUnit("station"), body: func(id string) string { return "station_id=" + id }},
	"GET /businesses/{id}":                   {aim: aimBusiness},
	"GET /businesses/{id}/edit":              {aim: aimBusiness},
	"POST /businesses/{id}":                  {aim: aimBusiness, body: form("")},
	"POST /businesses/{id}/status":           {aim: aimBusiness, body: form("status=bogus")},
	"GET /api/v1/businesses":                 {},
	"POST /api/v1/businesses":                {aim: aimUnit("station"), body: func(id string) string { return `{"station_id":` + id + `}` }},
	"GET /api/v1/businesses/{id}":            {aim: aimBusiness},
	"PUT /api/v1/businesses/{id}":            {aim: aimBusiness, body: form(`{}`)},
	"POST /api/v1/businesses/{id}/status":    {aim: aimBusiness, body: form(`{"status":"bogus"}`)},
	"GET /api/v1/categories":                 {},
	"GET /businesses/import":                 {},
	"POST /businesses/import":                {},
	"GET /businesses/import/template":        {},
	"GET /businesses/import/reports/{id}":    {aim: aimReport, outside: 404},
	"GET /businesses/export":                 {},
	"POST /api/v1/businesses/import":         {},
	"GET /api/v1/businesses/import-template": {},
	"GET /api/v1/businesses/export":          {},

	// Org units and people.
	"GET /org":                      {},
	"GET /org/{id}":                 {aim: aimUnit("")},
	"POST /org":                     {aim: aimUnit(""), body: func(id string) string { return "parent_id=" + id }},
	"POST /org/{id}":                {aim: aimUnit(""), body: form("")},
	"POST /org/{id}/delete":         {aim: aimUnit("")},
	"GET /api/v1/org-units":         {},
	"POST /api/v1/org-units":        {aim: aimUnit(""), body: func(id string) string { return `{"parent_id":` + id + `}` }},
	"GET /api/v1/org-units/{id}":    {aim: aimUnit("")},
	"PUT /api/v1/org-units/{id}":    {aim: aimUnit(""), body: form(`{}`)},
	"DELETE /api/v1/org-units/{id}": {aim: aimUnit("")},
	"GET /people":                   {},
	"GET /people/new":               {},
	"POST /people":                  {aim: aimUnit(""), body: func(id string) string { return "org_unit_id=" + id }},
	"GET /people/{id}/edit":         {aim: aimPerson},
	"POST /people/{id}":             {aim: aimPerson, body: form("")},
	"POST /people/{id}/delete":      {aim: aimPerson},
	"GET /api/v1/people":            {},
	"POST /api/v1/people":           {aim: aimUnit(""), body: func(id string) string { return `{"org_unit_id":` + id + `}` }},
	"GET /api/v1/people/{id}":       {aim: aimPerson},
	"PUT /api/v1/people/{id}":       {aim: aimPerson, body: form(`{}`)},
	"DELETE /api/v1/people/{id}":    {aim: aimPerson},

	// EPCIS capture: an event at a business inside or outside the caller's scope; the jobs of
	// the caller's account, or of the city admin's.
	"POST /epcis/capture":     {aim: aimPlace, body: func(place string) string { return receivingDocument(place, 1) }},
	"GET /epcis/capture":      {},
	"GET /epcis/capture/{id}": {aim: aimJob},

	// EPCIS query: an event at a business inside or outside the caller's scope, by its
	// eventID. The lists answer what the scope covers, outside too (TestEPCISQueryScenarios);
	// their path names a type, an identifier or a vocabulary value.
	"GET /epcis/events":                    {},
	"GET /epcis/events/{id}":               {aim: aimEvent},
	"GET /epcis/eventTypes":                {},
	"GET /epcis/eventTypes/{key}/events":   {aim: aimValue("ObjectEvent")},
	"GET /epcis/epcs/{key}/events":         {aim: aimValue("urn:epc:id:sgtin:6901234.012345.1")},
	"GET /epcis/bizSteps/{key}/events":     {aim: aimValue("receiving")},
	"GET /epcis/dispositions/{key}/events": {aim: aimValue("in_progress")},
	"GET /epcis/bizLocations/{key}/events": {aim: aimValue(partnerPlace)},
	"GET /epcis/readPoints/{key}/events":   {aim: aimValue(partnerPlace)},

	// 一票通 tickets, 合格证 certificates and ledger lines: entries naming a business inside or
	// outside the caller's scope; a ticket sold by one.
	"GET /tickets":                 {},
	"POST /tickets":                {aim: aimUSCC, body: func(uscc string) string { return "seller.uscc=" + uscc }},
	"GET /tickets/{number}":        {aim: aimTicket},
	"POST /tickets/import":         {},
	"GET /tickets/import/template": {},
	"POST /api/v1/tickets":         {aim: aimUSCC, body: func(uscc string) string { return `{"seller":{"uscc":"` + uscc + `"}}` }},
	"POST /api/v1/certificates":    {aim: aimUSCC, body: func(uscc string) string { return `{"producer":{"uscc":"` + uscc + `"}}` }},
	"POST /api/v1/ledger-lines":    {aim: aimUSCC, body: func(uscc string) string { return `{"kind":"purchase","business":"` + uscc + `"}` }},
	"GET /api/v1/tickets/{number}": {aim: aimTicket},

	// Trace and recall: a lot commissioned at a business inside or outside the caller's
	// scope; its trace code. The public trace-code pages are anyone's.
	"GET /api/v1/trace":        {aim: aimLot, query: lotQuery},
	"GET /api/v1/recall":       {aim: aimLot, query: lotQuery},
	"GET /trace":               {aim: aimLot, query: lotQuery},
	"POST /api/v1/trace-codes": {aim: aimLot, outside: 404, body: func(lot string) string { return `{"id":"` + lot + `"}` }},
	"POST /trace/codes":        {aim: aimLot, outside: 404, body: func(lot string) string { return lotQuery(lot) }},
	"GET /t/{code}":            {},
	"GET /t/{code}/qr.png":     {},
}

// form is a fixed body that does not depend on the aimed id.
func form(body string) func(string) string { return func(string) string { return body } }

func itoaAim(id int64, ok bool) (string, bool) { return strconv.FormatInt(id, 10), ok }

func aimBusiness(w *scopeWorld, role access.Role, inside bool) (string, bool) {
	return itoaAim(w.business(role, inside))
}

func aimUnit(kind string) aim {
	return func(w *scopeWorld, role access.Role, inside bool) (string, bool) {
		return itoaAim(w.unit(role, kind, inside))
	}
}

func aimPerson(w *scopeWorld, role access.Role, inside bool) (string, bool) {
	return itoaAim(w.person(role, inside))
}

func aimAccount(w *scopeWorld, role access.Role, inside bool) (string, bool) {
	return itoaAim(w.account(role, inside))
}

func aimToken(w *scopeWorld, role access.Role, inside bool) (string, bool) {
	return itoaAim(w.token(role, inside))
}

func aimReport(w *scopeWorld, role access.Role, inside bool) (string, bool) {
	return w.report(role, inside)
}

// aimRule names a rule; rules are the city's, so no caller has one outside its scope.
func aimRule(_ *scopeWorld, _ access.Role, inside bool) (string, bool) {
	return "inspect.publish_deadline_working_days", inside
}
