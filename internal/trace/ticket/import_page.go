package ticket

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/registry/sheets"
	"github.com/shejian/shejian/internal/web"
)

// importLine is one problem of an import as the page shows it.
type importLine struct {
	Sheet, Column, Value, Message string
	Row                           int
}

func (h *Handler) importPage(w http.ResponseWriter, r *http.Request) {
	data, err := readUpload(w, r)
	var res Result
	if err == nil {
		res, err = h.rec.Import(r.Context(), data)
	}
	lang := web.LangFrom(r.Context())
	v := listView{Form: map[string]string{"unit": "公斤"}, Import: &importView{Result: res}}
	switch code := apperr.CodeOf(err); {
	case code == apperr.Invalid || code == apperr.TooLarge:
		for _, f := range web.NewProblem(lang, err).Errors {
			v.Import.FileErrors = append(v.Import.FileErrors, f.Message)
		}
		h.renderList(w, r, v, web.StatusOf(code))
	case err != nil:
		web.Fail(w, r, err)
	case len(res.Problems) > 0:
		v.Import.Lines = importLines(lang, res.Problems)
		h.renderList(w, r, v, http.StatusBadRequest)
	default:
		h.renderList(w, r, v, http.StatusOK)
	}
}

// importLines renders problems for the page.
func importLines(lang i18n.Lang, problems []Problem) []importLine {
	out := make([]importLine, len(problems))
	for i, p := range problems {
		out[i] = importLine{Sheet: p.Sheet, Row: p.Row, Column: i18n.T(lang, "field."+p.Field, nil), Value: p.Value,
			Message: web.FieldMessage(lang, p.FieldError)}
	}
	return out
}

// readUpload reads the workbook of a multipart form (field "file") or of an xlsx body,
// at most sheets.MaxUpload bytes.
func readUpload(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, sheets.MaxUpload+1<<20)
	var body io.Reader = r.Body
	if media, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); media == "multipart/form-data" {
		file, _, err := r.FormFile("file")
		if err != nil {
			return nil, uploadError(err)
		}
		defer file.Close()
		body = file
	}
	data, err := io.ReadAll(io.LimitReader(body, sheets.MaxUpload+1))
	switch {
	case err != nil:
		return nil, uploadError(err)
	case len(data) > sheets.MaxUpload:
		return nil, fileError("upload_too_large", map[string]any{"mb": sheets.MaxUpload >> 20})
	case len(data) == 0:
		return nil, fileError("required", nil)
	}
	return data, nil
}

// uploadError is the error of an upload that could not be read.
func uploadError(err error) error {
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return fileError("upload_too_large", map[string]any{"mb": sheets.MaxUpload >> 20})
	case errors.Is(err, http.ErrMissingFile):
		return fileError("required", nil)
	}
	return &apperr.Error{Code: apperr.Invalid, Fields: []apperr.FieldError{{Field: "file", Rule: "upload_unreadable"}}, Err: err}
}

func (h *Handler) template(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	if err := writeTemplate(&buf, web.LangFrom(r.Context())); err != nil {
		web.Fail(w, r, err)
		return
	}
	name := "一票通与台账导入模板.xlsx"
	w.Header().Set("Content-Type", sheets.ContentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="ticket-import-template.xlsx"; filename*=UTF-8''%s`, url.PathEscape(name)))
	if _, err := buf.WriteTo(w); err != nil {
		slog.ErrorContext(r.Context(), "send ticket template", "err", err)
	}
}
