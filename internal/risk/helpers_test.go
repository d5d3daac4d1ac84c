package risk

import (
	"context"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/rules"
)

// gradingDay is the day the tests grade on: both schemes and Order 49 are in force.
var gradingDay = time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)

// mustScheme loads scheme name from the embedded defaults on gradingDay.
func mustScheme(tb testing.TB, name SchemeName) *Scheme {
	tb.Helper()
	return schemeAt(tb, name, gradingDay)
}

// schemeAt loads scheme name from the embedded defaults on the day at.
func schemeAt(tb testing.TB, name SchemeName, at time.Time) *Scheme {
	tb.Helper()
	book, err := rules.Defaults()
	if err != nil {
		tb.Fatal(err)
	}
	s, err := LoadScheme(context.Background(), book, name, at)
	if err != nil {
		tb.Fatalf("load scheme %s: %v", name, err)
	}
	return s
}

// daysAgo is the time n days before gradingDay.
func daysAgo(n int) time.Time { return gradingDay.AddDate(0, 0, -n) }

// producer returns the factors of a producer holding the given licence categories.
func producer(categories ...string) StaticFactors {
	return StaticFactors{Sector: SectorProduction, ProductCategories: categories}
}

// events returns n events of kind, a week apart, starting days ago.
func events(kind EventKind, result string, n, days int) []Event {
	out := make([]Event, n)
	for i := range out {
		out[i] = Event{Kind: kind, Result: result, On: daysAgo(days + 7*i)}
	}
	return out
}
