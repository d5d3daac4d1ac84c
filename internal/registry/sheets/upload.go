package sheets

import (
	"errors"
	"io"
	"mime"
	"net/http"

	"github.com/shejian/shejian/internal/apperr"
)

// MaxUpload bounds an uploaded workbook (50 MB holds several hundred thousand rows).
const MaxUpload = 50 << 20

// formSlack allows for the multipart framing and the other form fields around the file.
const formSlack = 1 << 20

// upload is an uploaded workbook.
type upload struct {
	Name string
	Data []byte
}

// readUpload reads the workbook from a multipart form (field "file") or from a raw xlsx
// body. Oversize, absent or unreadable uploads are an Invalid error (400, as the registry
// issue asks for bad input) on field "file".
func readUpload(w http.ResponseWriter, r *http.Request) (*upload, error) {
	media, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch media {
	case "multipart/form-data":
		return readForm(w, r)
	case ContentType, "application/octet-stream":
		if r.ContentLength > MaxUpload {
			return nil, tooLarge()
		}
		data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxUpload))
		if err != nil {
			return nil, bodyError(err)
		}
		return nonEmpty(&upload{Name: "upload.xlsx", Data: data})
	default:
		return nil, fileError("upload_content_type", nil)
	}
}

func readForm(w http.ResponseWriter, r *http.Request) (*upload, error) {
	if r.ContentLength > MaxUpload+formSlack {
		return nil, tooLarge()
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxUpload+formSlack)
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		return nil, bodyError(err)
	}
	file, header, err := r.FormFile("file")
	if err != nil {
		return nil, fileError("required", nil)
	}
	defer file.Close()
	if header.Size > MaxUpload {
		return nil, tooLarge()
	}
	data, err := io.ReadAll(file)
	if err != nil {
		return nil, bodyError(err)
	}
	return nonEmpty(&upload{Name: header.Filename, Data: data})
}

func nonEmpty(u *upload) (*upload, error) {
	if len(u.Data) == 0 {
		return nil, fileError("required", nil)
	}
	return u, nil
}

// bodyError classifies a failure to read the request body.
func bodyError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return tooLarge()
	}
	return &apperr.Error{Code: apperr.Invalid, Fields: []apperr.FieldError{{Field: "file", Rule: "upload_unreadable"}}, Err: err}
}

// tooLarge is the error of an oversize upload; it names the field and the limit.
func tooLarge() error {
	params := map[string]any{"mb": MaxUpload >> 20}
	return &apperr.Error{Code: apperr.Invalid, Key: "sheets.upload_too_large", Params: params,
		Fields: []apperr.FieldError{{Field: "file", Rule: "upload_too_large", Params: params}}}
}
