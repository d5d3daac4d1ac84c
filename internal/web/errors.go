package web

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/i18n"
)

// Problem is an RFC 9457 problem detail with the field errors of a 400.
type Problem struct {
	Type   string         `json:"type"`
	Title  string         `json:"title"`
	Status int            `json:"status"`
	Detail string         `json:"detail,omitempty"`
	Errors []ProblemField `json:"errors,omitempty"`
}

// ProblemField is one field error, translated.
type ProblemField struct {
	Field   string `json:"field"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
	Row     int    `json:"row,omitempty"`
}

// StatusOf maps an application error code to its HTTP status.
func StatusOf(code apperr.Code) int {
	switch code {
	case apperr.Invalid:
		return http.StatusBadRequest
	case apperr.Unauthorized:
		return http.StatusUnauthorized
	case apperr.Forbidden:
		return http.StatusForbidden
	case apperr.NotFound:
		return http.StatusNotFound
	case apperr.Conflict:
		return http.StatusConflict
	case apperr.TooLarge:
		return http.StatusRequestEntityTooLarge
	case apperr.TooMany:
		return http.StatusTooManyRequests
	default:
		return http.StatusInternalServerError
	}
}

// NewProblem translates err into a problem document in lang.
func NewProblem(lang i18n.Lang, err error) Problem {
	e := apperr.From(err)
	p := Problem{
		Type:   "https://shejian.dev/problems/" + string(e.Code),
		Title:  i18n.T(lang, "error."+string(e.Code), nil),
		Status: StatusOf(e.Code),
	}
	if e.Key != "" {
		p.Detail = i18n.T(lang, e.Key, e.Params)
	}
	p.Errors = TranslateFields(lang, e.Fields)
	return p
}

// TranslateFields renders field errors as "field name: rule text" in lang.
func TranslateFields(lang i18n.Lang, fields []apperr.FieldError) []ProblemField {
	out := make([]ProblemField, 0, len(fields))
	for _, f := range fields {
		out = append(out, ProblemField{Field: f.Field, Rule: f.Rule, Row: f.Row, Message: FieldMessage(lang, f)})
	}
	return out
}

// FieldMessage is one field error as a sentence naming the field and the rule.
func FieldMessage(lang i18n.Lang, f apperr.FieldError) string {
	sep := "："
	if lang == i18n.English {
		sep = ": "
	}
	return i18n.T(lang, "field."+f.Field, nil) + sep + i18n.T(lang, "rule."+f.Rule, f.Params)
}

// Fail writes err as problem+json for API requests and as an error page otherwise. Internal
// errors are logged with the request and shown only as a generic message.
func Fail(w http.ResponseWriter, r *http.Request, err error) {
	e := apperr.From(err)
	if e.Code == apperr.Internal {
		if errors.Is(err, http.ErrAbortHandler) {
			panic(err)
		}
		slog.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	lang := LangFrom(r.Context())
	p := NewProblem(lang, e)
	if IsAPI(r) || wantsJSON(r) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(p.Status)
		writeJSONBody(w, p)
		return
	}
	if e.Code == apperr.Unauthorized {
		http.Redirect(w, r, "/login?next="+safeNext(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	w.WriteHeader(p.Status)
	errorPage.Render(w, r, p)
}

func wantsJSON(r *http.Request) bool {
	return r.Header.Get("Accept") == "application/json"
}
