package inspect

import "github.com/shejian/shejian/internal/web"

var (
	tasksPage      = web.MustPage(files, "templates/inspections.html")
	inspectionPage = web.MustPage(files, "templates/inspection.html")
)

// InspectionHandler serves the inspection pages, the inspection API and the public results.
type InspectionHandler struct{ svc *Inspections }

// NewInspectionHandler returns the handler over svc.
func NewInspectionHandler(svc *Inspections) *InspectionHandler { return &InspectionHandler{svc: svc} }

// Routes registers the routes. Every write under /api/v1/inspections/{uuid} is keyed by
// the client's UUIDs and may be retried (see the package doc, "Sync").
func (h *InspectionHandler) Routes(r *web.Router) {
	const base = "/api/v1/inspections"
	r.Handle("GET /inspections", PermInspectionRead, "Today's inspections (今日检查任务) of the caller", h.tasksPage)
	r.Handle("GET /inspections/{uuid}", PermInspectionRead, "An inspection: checklist form, result, signatures", h.inspectionPage)
	r.Handle("POST /inspections/{uuid}/answers", PermInspectionWork, "Save the checklist form's answers (and compute the result)", h.answerForm)
	r.Handle("GET "+base, PermInspectionRead, "List inspections in scope (?mine=1, ?open=1&day=, ?overdue=1)", web.API(h.apiList))
	r.Handle("GET "+base+"/overdue", PermInspectionRead, "Signed inspections past their publication deadline", web.API(h.apiOverdue))
	r.Handle("PUT "+base+"/{uuid}", PermInspectionWork, "Create an inspection under the client's UUID (idempotent)", web.API(h.apiCreate))
	r.Handle("GET "+base+"/{uuid}", PermInspectionRead, "Get an inspection with answers, evidence, signatures", web.API(h.apiGet))
	r.Handle("PUT "+base+"/{uuid}/inspectors", PermInspectionWork, "Seat the inspectors (at least two, no conflict of interest)", web.API(h.apiAssign))
	r.Handle("POST "+base+"/{uuid}/check-in", PermInspectionWork, "Check in by the business's QR code or by GPS", web.API(h.apiCheckIn))
	r.Handle("PUT "+base+"/{uuid}/answers", PermInspectionWork, "Record answers per item with notes (idempotent)", web.API(h.apiAnswers))
	r.Handle("POST "+base+"/{uuid}/complete", PermInspectionWork, "Judge the answers and record the result", web.API(h.apiComplete))
	r.Handle("PUT "+base+"/{uuid}/evidence/{evidence}", PermInspectionWork, "Upload a photo or file (JPEG, PNG, PDF) under the client's UUID", uploadAPI(h.apiEvidence))
	r.Handle("GET "+base+"/{uuid}/evidence/{evidence}", PermInspectionRead, "The original evidence file (staff only)", h.evidenceFile(false))
	r.Handle("GET "+base+"/{uuid}/evidence/{evidence}/public", PermInspectionRead, "The copy of a photo without metadata (EXIF)", h.evidenceFile(true))
	r.Handle("PUT "+base+"/{uuid}/signatures/{signature}", PermInspectionWork, "Record a signature (PNG) or the operator's refusal with a witness", uploadAPI(h.apiSignature))
	r.Handle("POST "+base+"/{uuid}/sign", PermInspectionWork, "Sign the inspection: final, evidence pinned, publication deadline set", web.API(h.apiSign))
	r.Handle("POST "+base+"/{uuid}/corrections", PermInspectionWork, "Open a correction of a signed inspection", web.API(h.apiCorrect))
	r.Handle("POST "+base+"/{uuid}/publish", PermInspectionPublish, "Publish a signed inspection's result", web.API(h.apiPublish))
	r.Handle("GET /api/v1/inspect/businesses/{id}/checkin-qr.png", PermInspectionWork, "The business's check-in QR code (一店一码) to print", h.checkinQR)
	r.Handle("GET /api/v1/public/inspections/{uuid}", web.Public, "A published inspection result (public projection)", web.API(h.apiPublicOne))
	r.Handle("GET /api/v1/public/businesses/{id}/inspections", web.Public, "A business's published inspection results", web.API(h.apiPublicList))
}
