package inspect

import (
	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/web"
)

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
	r.Handle("GET /inspections", access.InspectionRead, "Today's inspections (今日检查任务) of the caller", h.tasksPage)
	r.Handle("GET /inspections/{uuid}", access.InspectionRead, "An inspection: checklist form, result, signatures", h.inspectionPage)
	r.Handle("POST /inspections/{uuid}/answers", access.InspectionWork, "Save the checklist form's answers (and compute the result)", h.answerForm)
	r.Handle("GET "+base, access.InspectionRead, "List inspections in scope (?mine=1, ?open=1&day=, ?overdue=1)", web.API(h.apiList))
	r.Handle("GET "+base+"/overdue", access.InspectionRead, "Signed inspections past their publication deadline", web.API(h.apiOverdue))
	r.Handle("PUT "+base+"/{uuid}", access.InspectionWork, "Create an inspection under the client's UUID (idempotent)", web.API(h.apiCreate))
	r.Handle("GET "+base+"/{uuid}", access.InspectionRead, "Get an inspection with answers, evidence, signatures", web.API(h.apiGet))
	r.Handle("PUT "+base+"/{uuid}/inspectors", access.InspectionWork, "Seat the inspectors (at least two, no conflict of interest)", web.API(h.apiAssign))
	r.Handle("POST "+base+"/{uuid}/check-in", access.InspectionWork, "Check in by the business's QR code or by GPS", web.API(h.apiCheckIn))
	r.Handle("PUT "+base+"/{uuid}/answers", access.InspectionWork, "Record answers per item with notes (idempotent)", web.API(h.apiAnswers))
	r.Handle("POST "+base+"/{uuid}/complete", access.InspectionWork, "Judge the answers and record the result", web.API(h.apiComplete))
	r.Handle("PUT "+base+"/{uuid}/evidence/{evidence}", access.InspectionWork, "Upload a photo or file (JPEG, PNG, PDF) under the client's UUID", uploadAPI(h.apiEvidence))
	r.Handle("GET "+base+"/{uuid}/evidence/{evidence}", access.InspectionRead, "The original evidence file (staff only)", h.evidenceFile(false))
	r.Handle("GET "+base+"/{uuid}/evidence/{evidence}/public", access.InspectionRead, "The copy of a photo without metadata (EXIF)", h.evidenceFile(true))
	r.Handle("PUT "+base+"/{uuid}/signatures/{signature}", access.InspectionWork, "Record a signature (PNG) or the operator's refusal with a witness", uploadAPI(h.apiSignature))
	r.Handle("POST "+base+"/{uuid}/sign", access.InspectionWork, "Sign the inspection: final, evidence pinned, publication deadline set", web.API(h.apiSign))
	r.Handle("POST "+base+"/{uuid}/corrections", access.InspectionWork, "Open a correction of a signed inspection", web.API(h.apiCorrect))
	r.Handle("POST "+base+"/{uuid}/publish", access.InspectionPublish, "Publish a signed inspection's result", web.API(h.apiPublish))
	r.Handle("GET /api/v1/inspect/workspace", access.InspectionWork, "The caller's day offline (?day=): open tasks in full, their templates and businesses, the sync limits", web.API(h.apiWorkspace))
	r.Handle("GET /inspect/businesses/{id}/checkin", access.InspectionWork, "The business's check-in sheet to print: its QR code and the code as text", h.checkinSheetPage)
	r.Handle("GET /api/v1/inspect/businesses/{id}/checkin-qr.png", access.InspectionWork, "The business's check-in QR code (一店一码) to print", h.checkinQR)
	r.Handle("GET /api/v1/public/inspections/{uuid}", web.Public, "A published inspection result (public projection)", web.API(h.apiPublicOne))
	r.Handle("GET /api/v1/public/businesses/{id}/inspections", web.Public, "A business's published inspection results", web.API(h.apiPublicList))
}
