package inspect

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/web"
)

// maxUpload bounds an imported workbook.
const maxUpload = 8 << 20

func (h *Handler) apiList(r *http.Request) (int, any, error) {
	list, err := h.svc.List(r.Context())
	return http.StatusOK, list, err
}

func (h *Handler) apiGet(r *http.Request) (int, any, error) {
	t, err := h.template(r)
	return http.StatusOK, t, err
}

// template reads the version the path names.
func (h *Handler) template(r *http.Request) (*ChecklistTemplate, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return nil, err
	}
	return h.svc.Get(r.Context(), id)
}

func (h *Handler) apiCreate(r *http.Request) (int, any, error) {
	var c Content
	if err := web.DecodeJSON(r, &c); err != nil {
		return 0, nil, err
	}
	t, err := h.svc.Create(r.Context(), c)
	return http.StatusCreated, t, apiFields(err)
}

func (h *Handler) apiUpdate(r *http.Request) (int, any, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return 0, nil, err
	}
	var c Content
	if err := web.DecodeJSON(r, &c); err != nil {
		return 0, nil, err
	}
	t, err := h.svc.Update(r.Context(), id, c)
	return http.StatusOK, t, apiFields(err)
}

func (h *Handler) apiPublish(r *http.Request) (int, any, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return 0, nil, err
	}
	t, err := h.svc.Publish(r.Context(), id)
	return http.StatusOK, t, err
}

func (h *Handler) apiNewVersion(r *http.Request) (int, any, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return 0, nil, err
	}
	t, err := h.svc.NewVersion(r.Context(), id)
	return http.StatusCreated, t, apiFields(err)
}

// judged is the answer of the judge route: the result and its reason in the caller's
// language.
type judged struct {
	Result
	Explanation string `json:"explanation"`
}

func (h *Handler) apiJudge(r *http.Request) (int, any, error) {
	var in struct {
		Answers  Answers `json:"answers"`
		Complete bool    `json:"complete"`
	}
	if err := web.DecodeJSON(r, &in); err != nil {
		return 0, nil, err
	}
	t, err := h.template(r)
	if err == nil {
		err = t.CheckAnswers(in.Answers, in.Complete)
	}
	if err != nil {
		return 0, nil, err
	}
	res := t.Judge(in.Answers)
	return http.StatusOK, judged{Result: res, Explanation: res.Explain(web.LangFrom(r.Context()))}, nil
}

// apiImport takes the workbook as the raw body or as the field "file" of a multipart form.
func (h *Handler) apiImport(r *http.Request) (int, any, error) {
	data, err := readUpload(r)
	if err != nil {
		return 0, nil, err
	}
	t, err := h.svc.Import(r.Context(), data)
	return http.StatusCreated, t, err
}

func readUpload(r *http.Request) ([]byte, error) {
	r.Body = http.MaxBytesReader(nil, r.Body, maxUpload)
	body := io.Reader(r.Body)
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		file, _, err := r.FormFile("file")
		if err != nil {
			return nil, apperr.Fields(apperr.Field("file", "required", nil))
		}
		defer file.Close()
		body = file
	}
	data, err := io.ReadAll(body)
	if err != nil {
		return nil, apperr.New(apperr.TooLarge, "error.body_too_large", map[string]any{"limit": maxUpload})
	}
	return data, nil
}

// export sends version id as a workbook in the caller's language.
func (h *Handler) export(w http.ResponseWriter, r *http.Request) {
	t, err := h.template(r)
	var f *excelize.File
	if err == nil {
		f, err = Export(t, web.LangFrom(r.Context()))
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	defer f.Close()
	name := fmt.Sprintf("%s-v%d.xlsx", t.Title, t.Version)
	w.Header().Set("Content-Type", ContentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="template-%d.xlsx"; filename*=UTF-8''%s`, t.ID, url.PathEscape(name)))
	f.WriteTo(w)
}
