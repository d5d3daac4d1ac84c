package webtest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Writes is what a Case may do to the rows a package's forms write.
type Writes int

const (
	// WritesIfSaved lets a case write only when Forms.Saved calls its answer saved; a POST
	// not saved must leave every row as it was, any other request is not compared.
	WritesIfSaved Writes = iota
	// WritesNothing is a case that must leave every row as it was, whatever it answers.
	WritesNothing
	// WritesSomething is a case that must change a row.
	WritesSomething
)

// Case is one request of a form scenario and what must come back: the status, with texts
// the body must show and must not show, or for a redirect texts of its target.
type Case struct {
	Name string
	Request
	Status       int
	Want, Absent []string
	Writes       Writes
}

// Forms runs the form cases of one package through its routes. It dumps the rows the
// package's forms may write before and after each case, to tell that a refused form wrote
// nothing: a form half-written on bad input is the failure these scenarios exist to catch.
type Forms struct {
	Router http.Handler
	// Written dumps every row the package's forms may write.
	Written func(tb testing.TB) string
	// Saved tells from a redirect's target (the Location header) whether a form was saved.
	Saved func(location string) bool
	// Check, when set, adds the package's own checks of an answer; got is its body, or the
	// target of a redirect.
	Check func(t *testing.T, c Case, answer *httptest.ResponseRecorder, got string)
}

// Run sends c as a subtest of t and checks its answer and what it wrote.
func (f Forms) Run(t *testing.T, c Case) {
	t.Helper()
	t.Run(c.Name, func(t *testing.T) {
		before := f.Written(t)
		answer := Send(f.Router, c.Request)
		got := answer.Body.String()
		if answer.Code == http.StatusSeeOther {
			got = answer.Header().Get("Location")
		}
		if answer.Code != c.Status {
			t.Fatalf("%s %s = %d (%s); want %d: %.1500s", c.Method, c.Path, answer.Code, answer.Header().Get("Location"), c.Status, answer.Body)
		}
		for _, s := range c.Want {
			if !strings.Contains(got, s) {
				t.Errorf("%s %s: answer lacks %q: %.3000s", c.Method, c.Path, s, got)
			}
		}
		for _, s := range c.Absent {
			if strings.Contains(got, s) {
				t.Errorf("%s %s: answer has %q", c.Method, c.Path, s)
			}
		}
		if problem := f.wrongWrite(c, answer.Header().Get("Location"), before, f.Written(t)); problem != "" {
			t.Errorf("%s %s: %s", c.Method, c.Path, problem)
		}
		if f.Check != nil {
			f.Check(t, c, answer, got)
		}
	})
}

// wrongWrite says how the rows after c, answered with a redirect to location ("" for
// none), break what c.Writes asks of the rows before it; "" when they keep to it.
func (f Forms) wrongWrite(c Case, location, before, after string) string {
	writes := c.Writes
	if writes == WritesIfSaved && c.Method == http.MethodPost && !f.Saved(location) {
		writes = WritesNothing
	}
	switch {
	case writes == WritesNothing && after != before:
		return fmt.Sprintf("a refused request changed the rows its forms write:\nbefore %s\nafter  %s", before, after)
	case writes == WritesSomething && after == before:
		return fmt.Sprintf("a request that saves left the rows as they were:\n%s", after)
	}
	return ""
}
