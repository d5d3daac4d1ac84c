package targeting

import "fmt"

// RowError is a bad cell in an inspection table: the file, the 1-based line, the column and the
// rule it broke, so the row can be found and fixed by hand.
type RowError struct {
	File   string
	Line   int
	Column string
	Rule   string
	Value  string
}

func (e *RowError) Error() string {
	return fmt.Sprintf("%s:%d: column %s: %s (got %q)", e.File, e.Line, e.Column, e.Rule, e.Value)
}
