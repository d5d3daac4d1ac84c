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

// lookupSQL selects columns of the rows of from (a table, or tables joined) whose column is
// one of the list passed as argument $1 (listArg), of PostgreSQL type elem, and for which
// cond holds, when given. Capture looks its eventIDs and URIs up by the thousand, and
// PostgreSQL would plan column = ANY($1) over a thousand values as a scan of the whole table
// whenever it misjudges how many rows each matches: without statistics (autovacuum off, or
// not yet run on a growing table) it takes one row in 200, and a document's capture would
// grow with the table. There each value is looked up on its own, in a subquery the planner
// may not merge into a join (OFFSET 0), which takes the index whatever it estimates.
func lookupSQL(d store.Dialect, columns, from, column, elem, cond string) string {
	if cond != "" {
		cond = " AND " + cond
	}
	if d == store.SQLite {
		return "SELECT " + columns + " FROM " + from + " WHERE " + column + " " + inList(d, "$1") + cond
	}
	return "SELECT t.* FROM unnest($1::" + elem + "[]) AS k(v) CROSS JOIN LATERAL (SELECT " + columns +
		" FROM " + from + " WHERE " + column + " = k.v" + cond + " OFFSET 0) t"
}

// listArg is values as the argument inList reads.
func listArg[T int64 | string](d store.Dialect, values []T) any {
	if d == store.SQLite {
		b, _ := json.Marshal(values) // a slice of numbers or strings always marshals
		return string(b)
	}
	return values
}
