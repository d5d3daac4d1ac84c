package inspect

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/web"
)

// created is 201 for a new record and 200 for one a retried upload found.
func created(isNew bool) int {
	if isNew {
		return http.StatusCreated
	}
	return http.StatusOK
}

// day is the ?day= of r (YYYY-MM-DD), by default today in China.
func (h *InspectionHandler) day(r *http.Request) (time.Time, error) {
	d := r.URL.Query().Get("day")
	if d == "" {
		return h.svc.now().In(calendar.China), nil
	}
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return t, apperr.Fields(apperr.Field("day", "date", nil))
	}
	return t, nil
}

func (h *InspectionHandler) apiList(r *http.Request) (int, any, error) {
	day, err := h.day(r)
	if err != nil {
		return 0, nil, err
	}
	q := r.URL.Query()
	list, err := h.svc.List(r.Context(), ListFilter{Mine: q.Get("mine") == "1", Open: q.Get("open") == "1",
		Overdue: q.Get("overdue") == "1", Day: day})
	return http.StatusOK, list, err
}

func (h *InspectionHandler) apiWorkspace(r *http.Request) (int, any, error) {
	day, err := h.day(r)
	if err != nil {
		return 0, nil, err
	}
	w, err := h.svc.Workspace(r.Context(), day)
	return http.StatusOK, w, err
}

func (h *InspectionHandler) apiOverdue(r *http.Request) (int, any, error) {
	list, err := h.svc.List(r.Context(), ListFilter{Overdue: true, Day: h.svc.now().In(calendar.China)})
	return http.StatusOK, list, err
}

func (h *InspectionHandler) apiCreate(r *http.Request) (int, any, error) {
	var n NewInspection
	if err := web.DecodeJSON(r, &n); err != nil {
		return 0, nil, err
	}
	in, isNew, err := h.svc.Create(r.Context(), r.PathValue("uuid"), n)
	return created(isNew), in, err
}

func (h *InspectionHandler) apiGet(r *http.Request) (int, any, error) {
	in, _, err := h.svc.readable(r.Context(), r.PathValue("uuid"))
	return http.StatusOK, in, err
}

func (h *InspectionHandler) apiAssign(r *http.Request) (int, any, error) {
	var in struct {
		Inspectors []int64 `json:"inspectors"`
	}
	if err := web.DecodeJSON(r, &in); err != nil {
		return 0, nil, err
	}
	out, err := h.svc.Assign(r.Context(), r.PathValue("uuid"), in.Inspectors)
	return http.StatusOK, out, err
}

func (h *InspectionHandler) apiCheckIn(r *http.Request) (int, any, error) {
	var c CheckInInput
	if err := web.DecodeJSON(r, &c); err != nil {
		return 0, nil, err
	}
	out, err := h.svc.CheckIn(r.Context(), r.PathValue("uuid"), c)
	return http.StatusOK, out, err
}

func (h *InspectionHandler) apiAnswers(r *http.Request) (int, any, error) {
	var in struct {
		Answers []AnswerInput `json:"answers"`
	}
	if err := web.DecodeJSON(r, &in); err != nil {
		return 0, nil, err
	}
	out, err := h.svc.PutAnswers(r.Context(), r.PathValue("uuid"), in.Answers)
	return http.StatusOK, out, err
}

func (h *InspectionHandler) apiComplete(r *http.Request) (int, any, error) {
	out, err := h.svc.Complete(r.Context(), r.PathValue("uuid"))
	return http.StatusOK, out, err
}

// apiEvidence takes the file as the raw body; its description comes in the query:
// kind (photo, file), item, file_name, captured_at (RFC 3339), lat, lng.
func (h *InspectionHandler) apiEvidence(r *http.Request) (int, any, error) {
	meta, err := evidenceMeta(r)
	if err != nil {
		return 0, nil, err
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, h.svc.blobs.Max+1))
	if err != nil {
		return 0, nil, apperr.New(apperr.TooLarge, "error.body_too_large", map[string]any{"limit": h.svc.blobs.Max})
	}
	ev, isNew, err := h.svc.PutEvidence(r.Context(), r.PathValue("uuid"), r.PathValue("evidence"), meta, data)
	return created(isNew), ev, err
}

func evidenceMeta(r *http.Request) (EvidenceInput, error) {
	q := r.URL.Query()
	meta := EvidenceInput{Kind: EvidenceKind(q.Get("kind")), Item: q.Get("item"), FileName: q.Get("file_name")}
	var c apperr.Collector
	if s := q.Get("captured_at"); s != "" {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			c.Add("captured_at", "inspect_time", nil)
		}
		meta.CapturedAt = t
	}
	for _, p := range []struct {
		name string
		to   **float64
	}{{"lat", &meta.Lat}, {"lng", &meta.Lng}} {
		if s := q.Get(p.name); s != "" {
			f, err := strconv.ParseFloat(s, 64)
			if err != nil {
				c.Add(p.name, "inspect_position", nil)
			}
			*p.to = &f
		}
	}
	return meta, c.Err()
}

// apiSignature reads a signature as JSON; the PNG may be large, so the body limit is the
// evidence limit rather than the JSON one.
func (h *InspectionHandler) apiSignature(r *http.Request) (int, any, error) {
	var g SignatureInput
	dec := json.NewDecoder(io.LimitReader(r.Body, h.svc.blobs.Max*2))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&g); err != nil {
		return 0, nil, apperr.Fields(apperr.Field("body", "json_syntax", map[string]any{"detail": err.Error()}))
	}
	out, err := h.svc.PutSignature(r.Context(), r.PathValue("uuid"), r.PathValue("signature"), g)
	return http.StatusOK, out, err
}

func (h *InspectionHandler) apiSign(r *http.Request) (int, any, error) {
	out, err := h.svc.Sign(r.Context(), r.PathValue("uuid"))
	return http.StatusOK, out, err
}

func (h *InspectionHandler) apiCorrect(r *http.Request) (int, any, error) {
	var in struct {
		UUID   string `json:"uuid"`
		Reason string `json:"reason"`
	}
	if err := web.DecodeJSON(r, &in); err != nil {
		return 0, nil, err
	}
	out, err := h.svc.Correct(r.Context(), r.PathValue("uuid"), in.UUID, in.Reason)
	return http.StatusCreated, out, err
}

func (h *InspectionHandler) apiPublish(r *http.Request) (int, any, error) {
	out, err := h.svc.Publish(r.Context(), r.PathValue("uuid"))
	return http.StatusOK, out, err
}

func (h *InspectionHandler) apiPublicOne(r *http.Request) (int, any, error) {
	out, err := h.svc.PublicResult(r.Context(), r.PathValue("uuid"))
	return http.StatusOK, out, err
}

func (h *InspectionHandler) apiPublicList(r *http.Request) (int, any, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return 0, nil, err
	}
	out, err := h.svc.PublicResults(r.Context(), id, "")
	return http.StatusOK, out, err
}

// evidenceFile serves an evidence file: the original or the public copy.
func (h *InspectionHandler) evidenceFile(public bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		data, mediaType, err := h.svc.EvidenceFile(r.Context(), r.PathValue("uuid"), r.PathValue("evidence"), public)
		if err != nil {
			web.Fail(w, r, err)
			return
		}
		w.Header().Set("Content-Type", mediaType)
		w.Header().Set("Cache-Control", "private, max-age=86400")
		w.Write(data)
	}
}

// checkinQR sends the business's check-in QR code as a PNG to print and post at the door.
func (h *InspectionHandler) checkinQR(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	var text string
	if err == nil {
		err = h.svc.inScopeBusiness(r, id)
	}
	if err == nil {
		text, err = h.svc.CheckinCode(r.Context(), id)
	}
	var png []byte
	if err == nil {
		png, err = web.QRCodePNG(text)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "private, no-store")
	w.Write(png)
}

// inScopeBusiness hides a business outside the caller's scope.
func (s *Inspections) inScopeBusiness(r *http.Request, id int64) error {
	b, err := s.businesses.Get(r.Context(), id)
	if err != nil {
		return err
	}
	if !access.ScopeFrom(r.Context()).CoversBusiness(b.ID, b.DistrictID, b.StationID, b.GridID) {
		return apperr.New(apperr.NotFound, "registry.business_not_found", map[string]any{"id": id})
	}
	return nil
}

// uploadAPI is web.API that answers an upload of a type evidence may not have with 415
// Unsupported Media Type and its field error (apperr has no such code).
func uploadAPI(fn func(r *http.Request) (int, any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		status, v, err := fn(r)
		var u unsupportedTypeError
		if !errors.As(err, &u) {
			web.API(func(*http.Request) (int, any, error) { return status, v, err })(w, r)
			return
		}
		lang := web.LangFrom(r.Context())
		p := web.NewProblem(lang, u.err)
		p.Status, p.Title = http.StatusUnsupportedMediaType, i18n.T(lang, "inspect.unsupported_media_type", nil)
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(p.Status)
		json.NewEncoder(w).Encode(p)
	}
}
