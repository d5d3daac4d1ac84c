package app

import (
	"context"
	"strconv"
	"time"

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

	// EPCIS discovery (OPTIONS): the binding's headers; one job or event hides outside scope.
	"OPTIONS /epcis/capture":                   {},
	"OPTIONS /epcis/capture/{id}":              {aim: aimJob, outside: 404},
	"OPTIONS /epcis/events":                    {},
	"OPTIONS /epcis/events/{id}":               {aim: aimEvent, outside: 404},
	"OPTIONS /epcis/eventTypes":                {},
	"OPTIONS /epcis/eventTypes/{key}/events":   {},
	"OPTIONS /epcis/epcs/{key}/events":         {},
	"OPTIONS /epcis/bizSteps/{key}/events":     {},
	"OPTIONS /epcis/dispositions/{key}/events": {},
	"OPTIONS /epcis/bizLocations/{key}/events": {},
	"OPTIONS /epcis/readPoints/{key}/events":   {},

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

	// The regulator export answers what the scope covers, as the /epcis/events lists do.
	"GET /api/v1/trace/export.xlsx": {query: form("product=%2A&from=2025-01-01&to=2025-12-31")},
	"GET /trace/export":             {},

	// Double-random draws (双随机): the list and directories of a unit, business or person
	// inside or outside the caller's scope (a conflict, an officer of the scope with a
	// business inside or outside it); a task organized by a unit inside or outside it
	// (draw_scope_test.go), drawn where the route needs a drawn task; the list and the
	// directories as they stand (一单两库) of a unit inside or outside it.
	"POST /api/v1/draw/items": {aim: aimUnit(""), body: func(id string) string {
		return `{"org_unit_id":` + id + `,"id":"I-01","name":"日常监督检查","basis":"食品生产经营监督检查管理办法 第二十条","ratio_percent":20,"frequency":"每年1次"}`
	}},
	"PUT /api/v1/draw/credit-classes/{id}":   {aim: aimBusiness, body: form(`{"credit_class":"D"}`)},
	"POST /api/v1/draw/inspectors":           {aim: aimPerson, body: func(id string) string { return `{"person_id":` + id + `}` }},
	"POST /api/v1/draw/conflicts":            {aim: aimConflict, body: func(conflict string) string { return conflict }},
	"POST /api/v1/draw/tasks":                {aim: aimNewDrawTask, body: func(task string) string { return task }},
	"GET /api/v1/draw/tasks":                 {},
	"GET /api/v1/draw/tasks/{id}":            {aim: aimDrawTask},
	"POST /api/v1/draw/tasks/{id}/draw":      {aim: aimDrawTask, body: form(`{"beacon":"福彩3D 2026070"}`)},
	"POST /api/v1/draw/tasks/{id}/publish":   {aim: aimDrawnTask},
	"GET /api/v1/draw/tasks/{id}/bundle":     {aim: aimDrawnTask},
	"GET /api/v1/draw/overdue":               {},
	"GET /draws":                             {},
	"GET /draws/{id}":                        {aim: aimDrawnTask},
	"GET /draws/units/{id}/items":            {aim: aimUnit("")},
	"GET /draws/units/{id}/entities":         {aim: aimUnit("")},
	"GET /draws/units/{id}/inspectors":       {aim: aimUnit("")},
	"GET /api/v1/draw/units/{id}/items":      {aim: aimUnit("")},
	"GET /api/v1/draw/units/{id}/entities":   {aim: aimUnit("")},
	"GET /api/v1/draw/units/{id}/inspectors": {aim: aimUnit("")},
	"GET /public/draws":                      {},
	"GET /public/draws/{code}":               {},
	"GET /api/v1/public/draws/{code}":        {},
	"GET /api/v1/public/draws/{code}/bundle": {},
	// The draw pages' forms: a directory form writes the list or a directory of the unit whose
	// page it is on, inside or outside the caller's scope (the record it names is checked as
	// the API checks it: internal/draw form tests); a new task names its unit; a task's page
	// draws or publishes it.
	"POST /draws/units/{id}/items":          {aim: aimUnit(""), body: form("id=")},
	"POST /draws/units/{id}/inspectors":     {aim: aimUnit(""), body: form("person_id=")},
	"POST /draws/units/{id}/conflicts":      {aim: aimUnit(""), body: form("person_id=")},
	"POST /draws/units/{id}/credit-classes": {aim: aimUnit(""), body: form("business_id=&credit_class=D")},
	"POST /draws":                           {aim: aimUnit(""), body: func(id string) string { return "org_unit_id=" + id }},
	"POST /draws/{id}/draw":                 {aim: aimDrawTask, body: form("beacon=福彩3D 2026070")},
	"POST /draws/{id}/publish":              {aim: aimDrawnTask},

	// Risk grading (风险分级): a business inside or outside the caller's scope; a history import
	// whose row names one; the annual plan and overdue list of an org unit inside or outside
	// it. Recomputing the whole city and reading its jobs need a city-wide scope.
	"GET /risk/businesses/{id}":                {aim: aimBusiness},
	"GET /api/v1/risk/businesses/{id}":         {aim: aimBusiness},
	"PUT /api/v1/risk/businesses/{id}/factors": {aim: aimBusiness, body: form(`{"sector":"catering","catering_format":"restaurant","floor_area":120,"catering_classes":["hot"]}`)},
	"POST /api/v1/risk/businesses/{id}/grade":  {aim: aimBusiness},
	"POST /api/v1/risk/history/import":         {aim: aimUSCC, body: func(uscc string) string { return "uscc,kind,date\n" + uscc + ",complaint,2026-01-05\n" }},
	"POST /api/v1/risk/recompute":              {},
	"GET /api/v1/risk/recompute/{id}":          {aim: aimRecomputeJob},
	"GET /risk/recompute":                      {},
	"POST /risk/recompute":                     {},
	"GET /risk":                                {aim: aimUnit(""), query: unitQuery},
	"GET /risk/plan":                           {aim: aimUnit(""), query: unitQuery},
	"GET /risk/overdue":                        {aim: aimUnit(""), query: unitQuery},
	"GET /api/v1/risk/plan":                    {aim: aimUnit(""), query: unitQuery},
	"GET /api/v1/risk/overdue":                 {aim: aimUnit(""), query: unitQuery},
	"GET /api/v1/risk/plan.xlsx":               {aim: aimUnit(""), query: unitQuery},
	"GET /risk/targeting":                      {aim: aimUnit(""), query: unitQuery},
	"GET /api/v1/risk/targeting":               {aim: aimUnit(""), query: unitQuery},
	// The grade page's forms address its business; the import page's upload names one in its
	// row (the raw body, as the API takes it); the example file addresses no one.
	"POST /risk/businesses/{id}/factors":   {aim: aimBusiness, body: form("sector=catering&catering_format=restaurant&floor_area=120&catering_classes=hot")},
	"POST /risk/businesses/{id}/grade":     {aim: aimBusiness},
	"GET /risk/history/import":             {},
	"POST /risk/history/import":            {aim: aimUSCC, body: func(uscc string) string { return "uscc,kind,date\n" + uscc + ",complaint,2026-01-05\n" }},
	"GET /risk/history/import/example.csv": {},

	// Credit (信用): the file of a business inside or outside the caller's scope; a record or a
	// repair request of such a business (credit_scope_test.go). The public projection is
	// anyone's; reclassifying the city needs a city-wide scope.
	"GET /credit/businesses/{id}":               {aim: aimBusiness},
	"GET /api/v1/credit/businesses/{id}":        {aim: aimBusiness},
	"POST /api/v1/credit/records":               {aim: aimBusiness, body: func(id string) string { return `{"business_id":` + id + `,"kind":"penalty"}` }},
	"POST /api/v1/credit/records/{id}/publish":  {aim: aimCreditRecord, body: form(`{"on":""}`)},
	"POST /api/v1/credit/records/{id}/revoke":   {aim: aimCreditRecord, body: form(`{"on":""}`)},
	"POST /api/v1/credit/records/{id}/withdraw": {aim: aimCreditRecord, body: form(`{"on":""}`)},
	"POST /api/v1/credit/records/{id}/remove":   {aim: aimCreditRecord, body: form(`{"on":""}`)},
	"POST /api/v1/credit/repairs":               {aim: aimCreditRecord, body: func(id string) string { return `{"record_id":` + id + `}` }},
	"POST /api/v1/credit/repairs/{id}/decision": {aim: aimCreditRepair, body: form(`{"approve":false}`)},
	"POST /api/v1/credit/reclassify":            {},
	"GET /api/v1/credit/public/{uscc}":          {},

	// The credit pages' forms address the same records: a business, a record or a repair
	// request inside or outside the caller's scope.
	"GET /credit/businesses/{id}/records/new": {aim: aimBusiness},
	"POST /credit/businesses/{id}/records":    {aim: aimBusiness, body: form("kind=")},
	"GET /credit/records/{id}":                {aim: aimCreditRecord},
	"POST /credit/records/{id}/publish":       {aim: aimCreditRecord, body: form("on=")},
	"POST /credit/records/{id}/revoke":        {aim: aimCreditRecord, body: form("on=")},
	"POST /credit/records/{id}/withdraw":      {aim: aimCreditRecord, body: form("on=")},
	"POST /credit/records/{id}/remove":        {aim: aimCreditRecord, body: form("on=")},
	"POST /credit/records/{id}/repairs":       {aim: aimCreditRecord, body: form("reason=")},
	"POST /credit/repairs/{id}/decision":      {aim: aimCreditRepair, body: form("approve=0")},

	// Enforcement (执法): a rectification or a case of a business inside or outside the
	// caller's scope (enforce_scope_test.go); a case source is registered for such a business.
	"GET /rectifications":                {},
	"GET /cases":                         {},
	"GET /cases/{id}":                    {aim: aimCase},
	"GET /api/v1/enforce/rectifications": {},
	"GET /api/v1/enforce/rectifications/overdue-by-station": {},
	"POST /api/v1/enforce/rectifications/escalate-overdue":  {},
	"GET /api/v1/enforce/rectifications/{id}":               {aim: aimRectification},
	"POST /api/v1/enforce/rectifications/{id}/rechecks":     {aim: aimRectification, body: form(`{"checked_on":""}`)},
	"GET /api/v1/enforce/cases":                             {},
	"POST /api/v1/enforce/cases":                            {aim: aimBusiness, body: func(id string) string { return `{"business_id":` + id + `}` }},
	"GET /api/v1/enforce/cases/{id}":                        {aim: aimCase},
	"POST /api/v1/enforce/cases/{id}/steps":                 {aim: aimCase, body: form(`{"step":""}`)},
	"POST /api/v1/enforce/cases/{id}/hearing-request":       {aim: aimCase, body: form(`{"requested_on":""}`)},
	"GET /api/v1/enforce/offences":                          {},
	"GET /cases/new":                                        {},
	"POST /cases":                                           {aim: aimBusiness, body: func(id string) string { return "business_id=" + id }},
	"POST /cases/{id}/steps":                                {aim: aimCase, body: form("step=")},
	"POST /cases/{id}/hearing-request":                      {aim: aimCase, body: form("requested_on=")},
	"GET /rectifications/{id}":                              {aim: aimRectification},
	"POST /rectifications/{id}/rechecks":                    {aim: aimRectification, outside: 404, body: form("checked_on=")},

	// Case documents (enforce/documents): the internal forms are staff's; the party reads
	// the notice, the hearing summary and the decision of its own case.
	"GET /api/v1/enforce/cases/{id}/documents/source.pdf":    {aim: aimCaseStaff},
	"GET /api/v1/enforce/cases/{id}/documents/filing.pdf":    {aim: aimCaseStaff},
	"GET /api/v1/enforce/cases/{id}/documents/not_filed.pdf": {aim: aimCaseStaff},
	"GET /api/v1/enforce/cases/{id}/documents/closure.pdf":   {aim: aimCaseStaff},
	"GET /api/v1/enforce/cases/{id}/documents/transfer.pdf":  {aim: aimCaseStaff},
	"GET /api/v1/enforce/cases/{id}/documents/notice.pdf":    {aim: aimCase},
	"GET /api/v1/enforce/cases/{id}/documents/hearing.pdf":   {aim: aimCase},
	"GET /api/v1/enforce/cases/{id}/documents/decision.pdf":  {aim: aimCase},

	// Checklist templates (检查要点表) are city-wide: the shipped default, or a new draft copied
	// from it where the route changes or publishes a draft (inspect_scope_test.go).
	"GET /inspect/templates":                         {},
	"GET /inspect/templates/{id}":                    {aim: aimTemplate},
	"GET /api/v1/inspect/templates":                  {},
	"POST /api/v1/inspect/templates":                 {body: form(templateContent)},
	"POST /api/v1/inspect/templates/import":          {},
	"GET /api/v1/inspect/templates/{id}":             {aim: aimTemplate},
	"PUT /api/v1/inspect/templates/{id}":             {aim: aimDraftTemplate, body: form(templateContent)},
	"POST /api/v1/inspect/templates/{id}/publish":    {aim: aimDraftTemplate},
	"POST /api/v1/inspect/templates/{id}/versions":   {aim: aimTemplate},
	"POST /api/v1/inspect/templates/{id}/judge":      {aim: aimTemplate, body: form(`{"answers":{},"complete":false}`)},
	"GET /api/v1/inspect/templates/{id}/export.xlsx": {aim: aimTemplate},

	// Inspections (现场检查): an inspection of a business inside or outside the caller's scope,
	// made by the system at the stage the route needs (inspect_scope_test.go); signing and
	// collecting signatures need the caller seated on it. The public results are anyone's
	// (their aim is the probe's, TestInspectionRoutesSucceedInScope).
	"GET /inspections":                                          {},
	"GET /inspections/{uuid}":                                   {aim: aimInspection(inspectionSigned)},
	"POST /inspections/{uuid}/answers":                          {aim: aimInspection(inspectionCheckedIn), body: answerFormBody},
	"GET /api/v1/inspections":                                   {},
	"GET /api/v1/inspections/overdue":                           {},
	"PUT /api/v1/inspections/{uuid}":                            {aim: aimNewInspection, body: newInspectionBody},
	"GET /api/v1/inspections/{uuid}":                            {aim: aimInspection(inspectionSigned)},
	"PUT /api/v1/inspections/{uuid}/inspectors":                 {aim: aimInspection(inspectionCreated), body: inspectorsBody},
	"POST /api/v1/inspections/{uuid}/check-in":                  {aim: aimInspection(inspectionAssigned), body: checkInBody},
	"PUT /api/v1/inspections/{uuid}/answers":                    {aim: aimInspection(inspectionCheckedIn), body: answersBody},
	"POST /api/v1/inspections/{uuid}/complete":                  {aim: aimInspection(inspectionAnswered)},
	"PUT /api/v1/inspections/{uuid}/evidence/{evidence}":        {aim: aimInspection(inspectionCheckedIn), body: func(string) string { return string(scopePhoto()) }, query: form(evidenceQuery)},
	"GET /api/v1/inspections/{uuid}/evidence/{evidence}":        {aim: aimOriginalEvidence},
	"GET /api/v1/inspections/{uuid}/evidence/{evidence}/public": {aim: aimInspection(inspectionSigned)},
	"PUT /api/v1/inspections/{uuid}/signatures/{signature}":     {aim: aimSeatedInspection(inspectionAnswered), body: form(`{"signer":"operator","name":"经营者","refused":true,"witness":"见证人"}`)},
	"POST /api/v1/inspections/{uuid}/sign":                      {aim: aimSeatedInspection(inspectionSignable)},
	"POST /api/v1/inspections/{uuid}/corrections":               {aim: aimInspection(inspectionSigned), body: correctionBody},
	"POST /api/v1/inspections/{uuid}/publish":                   {aim: aimInspection(inspectionSigned)},
	"GET /api/v1/inspect/businesses/{id}/checkin-qr.png":        {aim: aimBusiness},
	"GET /api/v1/inspect/workspace":                             {},
	"GET /inspect/businesses/{id}/checkin":                      {aim: aimBusiness},

	// The phone workspace (inspect/phone): the shell is the inspectors'; its service worker
	// and manifest are static and public.
	"GET /m/{$}":                            {},
	"GET /m/sw.js":                          {},
	"GET /m/manifest.webmanifest":           {},
	"GET /api/v1/public/inspections/{uuid}": {aim: aimInspection(inspectionPublished)},

	// Documents of a signed inspection (inspect/documents): issued to staff who may read the
	// inspection; the public result sheet of a published one is anyone's once issued.
	"GET /api/v1/inspections/{uuid}/documents/record.pdf": {aim: aimInspection(inspectionSigned)},
	"GET /api/v1/inspections/{uuid}/documents/result.pdf": {aim: aimInspection(inspectionSigned)},
	"GET /api/v1/inspections/{uuid}/documents/order.pdf":  {aim: aimInspection(inspectionSigned)},
	"GET /api/v1/public/inspections/{uuid}/result.pdf":    {aim: aimInspection(inspectionPublished)},
	"GET /api/v1/public/businesses/{id}/inspections":      {aim: aimBusiness},
}

// unitQuery asks for the org unit id.
func unitQuery(id string) string { return "unit=" + id }

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

// aimRecomputeJob records, as the system, a finished recompute job and names it; the
// recompute is the whole city's, so no caller has one outside its scope.
func aimRecomputeJob(w *scopeWorld, _ access.Role, inside bool) (string, bool) {
	var id int64
	err := w.st.DB().QueryRowContext(context.Background(), `INSERT INTO risk_recompute_jobs (state, owner, started_by,
		started_at, updated_at, finished_at) VALUES ('done', 'scope-test', 'system', $1, $1, $1) RETURNING id`, time.Now().UTC()).Scan(&id)
	if err != nil {
		w.t.Fatalf("record a recompute job: %v", err)
	}
	return itoa(id), inside
}

// aimRule names a rule; rules are the city's, so no caller has one outside its scope.
func aimRule(_ *scopeWorld, _ access.Role, inside bool) (string, bool) {
	return "inspect.publish_deadline_working_days", inside
}
