package webtest

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// TestWrongWrite: a refused form that wrote, or a saving one that did not, is a problem; a
// POST counts as refused unless Saved says its redirect shows it saved.
func TestWrongWrite(t *testing.T) {
	f := Forms{Saved: func(location string) bool { return strings.HasSuffix(location, "?flash=saved") }}
	post, get := Case{Request: Request{Method: http.MethodPost}}, Case{Request: Request{Method: http.MethodGet}}
	with := func(c Case, w Writes) Case { c.Writes = w; return c }
	tests := []struct {
		name          string
		c             Case
		location      string
		before, after string
		problem       string
	}{
		{"a refused POST that wrote", post, "", "a", "b", "a refused request changed"},
		{"a refused POST that wrote nothing", post, "", "a", "a", ""},
		{"a POST redirected elsewhere that wrote", post, "/x?flash=other", "a", "b", "a refused request changed"},
		{"a saved POST that wrote", post, "/x?flash=saved", "a", "b", ""},
		{"a GET is not compared", get, "", "a", "b", ""},
		{"a GET that must write nothing", with(get, WritesNothing), "", "a", "b", "a refused request changed"},
		{"a saved redirect that must write nothing", with(post, WritesNothing), "/x?flash=saved", "a", "b", "a refused request changed"},
		{"a case that saves and wrote", with(post, WritesSomething), "", "a", "b", ""},
		{"a case that saves and wrote nothing", with(post, WritesSomething), "", "a", "a", "a request that saves left the rows"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := f.wrongWrite(tt.c, tt.location, tt.before, tt.after)
			if (tt.problem == "") != (got == "") || !strings.Contains(got, tt.problem) {
				t.Errorf("wrongWrite = %q, want %q", got, tt.problem)
			}
		})
	}
}

// TestFormsRun: Run passes cases whose answers, redirect targets and writes are as told, and
// hands each answer to Check.
func TestFormsRun(t *testing.T) {
	rows := "kept"
	router := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.FormValue("name") == "" {
			w.WriteHeader(http.StatusBadRequest)
			w.Write([]byte(`<span id="name-error">required</span>`))
			return
		}
		rows = "saved " + r.FormValue("name")
		http.Redirect(w, r, "/things?flash=saved", http.StatusSeeOther)
	})
	var checked []string
	f := Forms{Router: router, Written: func(testing.TB) string { return rows },
		Saved: func(location string) bool { return strings.HasSuffix(location, "?flash=saved") },
		Check: func(t *testing.T, c Case, _ *httptest.ResponseRecorder, got string) {
			checked = append(checked, c.Name+": "+got)
		}}
	post := func(name string) Request {
		return Request{Method: http.MethodPost, Path: "/things", Form: url.Values{"name": {name}}}
	}
	f.Run(t, Case{Name: "refused", Request: post(""), Status: http.StatusBadRequest, Want: []string{`id="name-error"`}, Absent: []string{"saved"}})
	f.Run(t, Case{Name: "saved", Request: post("甲"), Status: http.StatusSeeOther, Want: []string{"/things?flash=saved"}, Writes: WritesSomething})
	if want := []string{`refused: <span id="name-error">required</span>`, "saved: /things?flash=saved"}; strings.Join(checked, "\n") != strings.Join(want, "\n") {
		t.Errorf("Check saw %q, want %q", checked, want)
	}
}
