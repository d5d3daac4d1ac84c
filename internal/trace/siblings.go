package trace

import "github.com/shejian/shejian/internal/store"

// What the packages beside this one that read the event tables (trace/journey) share with it.

// InList is the SQL that tests a value against a list passed as one argument (see inList).
func InList(d store.Dialect, arg string) string { return inList(d, arg) }

// ListArg is values as the argument InList reads.
func ListArg[T int64 | string](d store.Dialect, values []T) any { return listArg(d, values) }

// USCCOf returns the USCC a business location (LocationPrefix) names, and false for any
// other location.
func USCCOf(location string) (string, bool) { return usccOf(location) }
