package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/shejian/shejian/internal/apperr"
)

// MaxJSONBody bounds a JSON request body.
const MaxJSONBody = 1 << 20

// DecodeJSON reads the request body into v, rejecting unknown fields, trailing data and
// oversize bodies with an application error that names the problem.
func DecodeJSON(r *http.Request, v any) error {
	body := http.MaxBytesReader(nil, r.Body, MaxJSONBody)
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if dec.More() {
		return apperr.Fields(apperr.Field("body", "json_trailing", nil))
	}
	if _, err := io.Copy(io.Discard, body); err != nil {
		return jsonError(err)
	}
	return nil
}

func jsonError(err error) error {
	var tooBig *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooBig):
		return apperr.New(apperr.TooLarge, "error.body_too_large", map[string]any{"limit": tooBig.Limit})
	case errors.As(err, &typeErr):
		return apperr.Fields(apperr.Field(typeErr.Field, "json_type", map[string]any{"type": typeErr.Type.String()}))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return apperr.Fields(apperr.Field(name, "json_unknown_field", nil))
	default:
		return apperr.Fields(apperr.Field("body", "json_syntax", map[string]any{"detail": err.Error()}))
	}
}

// JSON writes v with status.
func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	writeJSONBody(w, v)
}

func writeJSONBody(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// API adapts fn, which returns a status and a value or an error, to a handler that writes
// the value as JSON or the error as a problem document. A nil value writes no body.
func API(fn func(r *http.Request) (int, any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		status, v, err := fn(r)
		switch {
		case err != nil:
			Fail(w, r, err)
		case v == nil:
			w.WriteHeader(status)
		default:
			JSON(w, status, v)
		}
	}
}

// PathID reads the positive integer path value name; anything else is "not found", as a URL
// naming no record is.
func PathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.New(apperr.NotFound, "error.not_found", nil)
	}
	return id, nil
}
