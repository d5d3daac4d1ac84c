// Package apperr is the one application error type: a code that decides the HTTP status, a
// translation key for a message safe to show, and field errors that name the field and the
// rule. Internal causes are kept for logs and never shown.
package apperr

import (
	"errors"
	"fmt"
	"strings"
)

// Code classifies an error; web maps each code to one HTTP status.
type Code string

// The codes.
const (
	Invalid      Code = "invalid"      // 400: bad input, see Fields
	Unauthorized Code = "unauthorized" // 401: not logged in or bad credentials
	Forbidden    Code = "forbidden"    // 403: logged in but not allowed
	NotFound     Code = "not_found"    // 404: absent, or hidden from the caller
	Conflict     Code = "conflict"     // 409: duplicate, stale or final record
	TooLarge     Code = "too_large"    // 413: body or upload over its limit
	TooMany      Code = "too_many"     // 429: throttled or locked out for a while
	Internal     Code = "internal"     // 500: a bug or an outage; logged, never detailed
)

// FieldError names one bad field and the rule it broke. Rule is a translation key under
// "rule."; Params fill its placeholders.
type FieldError struct {
	Field  string         `json:"field"`
	Rule   string         `json:"rule"`
	Params map[string]any `json:"params,omitempty"`
	Row    int            `json:"row,omitempty"` // 1-based spreadsheet row, for imports
}

// Error is an application error.
type Error struct {
	Code   Code
	Key    string // translation key of the message; defaults to "error.<code>"
	Params map[string]any
	Fields []FieldError
	Err    error // internal cause, for logs
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", e.Code, e.MessageKey())
	for _, f := range e.Fields {
		fmt.Fprintf(&b, "; %s %s", f.Field, f.Rule)
	}
	if e.Err != nil {
		fmt.Fprintf(&b, ": %v", e.Err)
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// MessageKey is the translation key of the error's message.
func (e *Error) MessageKey() string {
	if e.Key != "" {
		return e.Key
	}
	return "error." + string(e.Code)
}

// New returns an error of code with message key and params.
func New(code Code, key string, params map[string]any) *Error {
	return &Error{Code: code, Key: key, Params: params}
}

// Fields returns an Invalid error carrying field errors.
func Fields(fields ...FieldError) *Error {
	return &Error{Code: Invalid, Fields: fields}
}

// Field is a shorthand for one FieldError.
func Field(field, rule string, params map[string]any) FieldError {
	return FieldError{Field: field, Rule: rule, Params: params}
}

// From extracts the application error from err, or wraps an unknown error as Internal.
func From(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: Internal, Err: err}
}

// CodeOf reports the code of err (Internal for unknown errors, "" for nil).
func CodeOf(err error) Code {
	if err == nil {
		return ""
	}
	return From(err).Code
}

// Collector gathers field errors during validation.
type Collector struct{ fields []FieldError }

// Add records a broken rule on field.
func (c *Collector) Add(field, rule string, params map[string]any) {
	c.fields = append(c.fields, FieldError{Field: field, Rule: rule, Params: params})
}

// Err returns nil when nothing was added, else an Invalid error with the fields.
func (c *Collector) Err() error {
	if len(c.fields) == 0 {
		return nil
	}
	return Fields(c.fields...)
}
