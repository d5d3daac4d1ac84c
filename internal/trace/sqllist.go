package trace

import (
	"encoding/json"

	"github.com/shejian/shejian/internal/store"
)

// inList is the SQL that tests a value against a list passed as the one argument arg:
// SQLite reads the list as a JSON array, PostgreSQL as an array.
func inList(d store.Dialect, arg string) string {
	if d == store.SQLite {
		return "IN (SELECT value FROM json_each(" + arg + "))"
	}
	return "= ANY(" + arg + ")"
}

// listArg is values as the argument inList reads.
func listArg[T int64 | string](d store.Dialect, values []T) any {
	if d == store.SQLite {
		b, _ := json.Marshal(values) // a slice of numbers or strings always marshals
		return string(b)
	}
	return values
}
