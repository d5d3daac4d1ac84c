package targeting

import (
	"math"
	"testing"
)

// TestRankerFeaturesAsOfTheScoringDay: ages and times are measured on the day the score is
// made, so two inspections of a window scored on its first day differ by what the businesses
// are, not by when they were really visited; the steps the line through a column misses read
// the row alone.
func TestRankerFeaturesAsOfTheScoringDay(t *testing.T) {
	in := Inspection{
		Date: day(100), YearsSinceLast: 1.5, PastMinor: 1,
		LicenceStart: day(100 - 365),
	}
	asOf := in
	asOf.scoredAt = day(9)
	const lead = 91 / daysPerYear // years between the scoring day and the visit
	gap := in
	gap.YearsSinceLast, gap.PastMinor = maxYearsSinceLast, 4
	first := gap
	first.FirstRecord = true
	untidy := in
	untidy.PastMinor = 5
	year := 365 / daysPerYear
	for _, c := range []struct {
		feature string
		in      Inspection
		want    float64
	}{
		{"timeSinceLast", in, 1.5},
		{"timeSinceLast", asOf, 1.5 - lead},
		{"yearsSinceLicenceStart", in, year},
		{"yearsSinceLicenceStart", asOf, year - lead},
		{"pastMinor=1", in, 1},
		{"pastMinor=1", gap, 0},
		{"pastMinor>=5", in, 0},
		{"pastMinor>=5", gap, 0},
		{"pastMinor>=5", untidy, 1},
		{"notSeenForTwoYears", in, 0},
		{"notSeenForTwoYears", gap, 1},
		{"notSeenForTwoYears", first, 0},
	} {
		if got := featureNamed(t, c.feature).value(c.in); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%s with scoring day %s: %v, want %v", c.feature, c.in.scoredAt.Format("2006-01-02"), got, c.want)
		}
	}
}

func featureNamed(tb testing.TB, name string) feature {
	tb.Helper()
	for _, f := range rankerFeatures {
		if f.name == name {
			return f
		}
	}
	tb.Fatalf("no ranker feature %q", name)
	return feature{}
}
