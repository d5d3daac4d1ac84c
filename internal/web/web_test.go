package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/i18n"
)

func TestFailWritesProblemForAPI(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		lang   i18n.Lang
		status int
		field  string
		msg    string
	}{
		{"field error in Chinese", apperr.Fields(apperr.Field("name", "required", nil)), i18n.Chinese, 400, "name", "必填"},
		{"field error in English", apperr.Fields(apperr.Field("name", "required", nil)), i18n.English, 400, "name", "is required"},
		{"not found", apperr.New(apperr.NotFound, "", nil), i18n.Chinese, 404, "", ""},
		{"unknown error hides detail", errString("db password is hunter2"), i18n.English, 500, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/api/v1/x", nil)
			r = r.WithContext(WithLang(r.Context(), tt.lang))
			w := httptest.NewRecorder()
			Fail(w, r, tt.err)
			if w.Code != tt.status || w.Header().Get("Content-Type") != "application/problem+json" {
				t.Fatalf("status %d %q", w.Code, w.Header().Get("Content-Type"))
			}
			if strings.Contains(w.Body.String(), "hunter2") {
				t.Fatal("internal error detail leaked")
			}
			var p Problem
			if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
				t.Fatal(err)
			}
			if tt.field != "" && (len(p.Errors) != 1 || p.Errors[0].Field != tt.field || !strings.Contains(p.Errors[0].Message, tt.msg)) {
				t.Fatalf("errors %+v, want field %s with %q", p.Errors, tt.field, tt.msg)
			}
		})
	}
}

type errString string

func (e errString) Error() string { return string(e) }

func TestDecodeJSON(t *testing.T) {
	type body struct {
		Name string `json:"name"`
		N    int    `json:"n"`
	}
	tests := []struct {
		in   string
		code apperr.Code
		rule string
	}{
		{`{"name":"x","n":1}`, "", ""},
		{`{"name":`, apperr.Invalid, "json_syntax"},
		{`{"n":"one"}`, apperr.Invalid, "json_type"},
		{`{"colour":"red"}`, apperr.Invalid, "json_unknown_field"},
		{`{"n":1} {"n":2}`, apperr.Invalid, "json_trailing"},
		{`{"name":"` + strings.Repeat("x", MaxJSONBody) + `"}`, apperr.TooLarge, ""},
	}
	for _, tt := range tests {
		t.Run(tt.in[:min(len(tt.in), 20)], func(t *testing.T) {
			var b body
			err := DecodeJSON(httptest.NewRequest("POST", "/", strings.NewReader(tt.in)), &b)
			if apperr.CodeOf(err) != tt.code {
				t.Fatalf("code %q, want %q (%v)", apperr.CodeOf(err), tt.code, err)
			}
			if tt.rule != "" && apperr.From(err).Fields[0].Rule != tt.rule {
				t.Fatalf("rule %q, want %q", apperr.From(err).Fields[0].Rule, tt.rule)
			}
		})
	}
}

func TestLocaleFromQueryAndCookie(t *testing.T) {
	var got i18n.Lang
	h := Locale(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = LangFrom(r.Context()) }))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/?lang=en", nil))
	if got != i18n.English || len(w.Result().Cookies()) != 1 {
		t.Fatalf("?lang=en gave %q and cookies %v", got, w.Result().Cookies())
	}
	r := httptest.NewRequest("GET", "/", nil)
	r.AddCookie(w.Result().Cookies()[0])
	h.ServeHTTP(httptest.NewRecorder(), r)
	if got != i18n.English {
		t.Fatalf("cookie gave %q", got)
	}
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	if got != i18n.Chinese {
		t.Fatalf("default gave %q", got)
	}
}
