package risk

import (
	"io"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

// maxUpload bounds a history import.
const maxUpload = 32 << 20

func (h *Handler) apiCard(r *http.Request) (int, any, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return 0, nil, err
	}
	c, err := h.svc.Card(r.Context(), id, ScopeOf(r.Context()), h.now(), h.ProducersDraft)
	return http.StatusOK, c, err
}

func (h *Handler) apiFactors(r *http.Request) (int, any, error) {
	id, err := h.writableID(r)
	if err != nil {
		return 0, nil, err
	}
	var f StaticFactors
	if err := web.DecodeJSON(r, &f); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, f, h.svc.SaveFactors(r.Context(), id, f)
}

func (h *Handler) apiGrade(r *http.Request) (int, any, error) {
	id, err := h.writableID(r)
	if err != nil {
		return 0, nil, err
	}
	res, err := h.svc.GradeBusiness(r.Context(), id, h.now(), h.ProducersDraft)
	return http.StatusCreated, res, err
}

// apiImport takes the file as the raw body (name in ?name=) or as the field "file" of a
// multipart form.
func (h *Handler) apiImport(r *http.Request) (int, any, error) {
	name, data, err := readUpload(r)
	if err != nil {
		return 0, nil, err
	}
	rep, err := h.svc.ImportHistory(r.Context(), name, data, ScopeOf(r.Context()))
	return http.StatusCreated, rep, err
}

func readUpload(r *http.Request) (string, []byte, error) {
	r.Body = http.MaxBytesReader(nil, r.Body, maxUpload)
	name, body := filepath.Base(r.URL.Query().Get("name")), io.Reader(r.Body)
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		file, header, err := r.FormFile("file")
		if err != nil {
			return "", nil, apperr.Fields(apperr.Field("file", "required", nil))
		}
		defer file.Close()
		body, name = file, filepath.Base(header.Filename)
	}
	data, err := io.ReadAll(body)
	if err != nil {
		return "", nil, apperr.Fields(apperr.Field("file", "upload_too_large", map[string]any{"mb": maxUpload >> 20}))
	}
	return name, data, nil
}
