package calendar

import (
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	const head = "date,kind,name\n"
	tests := []struct {
		name, csv, want string
	}{
		{"bad date", head + "2026-01-01,holiday,元旦\n2026-02-30,holiday,春节\n", `line 3: bad date "2026-02-30"`},
		{"unknown kind", head + "2026-01-01,vacation,元旦\n", `line 2: unknown kind "vacation"`},
		{"duplicate date", head + "2026-01-01,holiday,元旦\n2026-01-02,holiday,元旦\n2026-01-01,holiday,元旦\n",
			"line 4: duplicate date 2026-01-01 (first on line 2)"},
		{"workday on a weekday", head + "2026-01-05,workday,元旦\n", "line 2: workday 2026-01-05 is a Monday"},
		{"empty name", head + "2026-01-01,holiday,\n", "line 2: empty name"},
		{"wrong field count", head + "2026-01-01,holiday\n", "line 2"},
		{"wrong header", "day,kind,name\n2026-01-01,holiday,元旦\n", "line 1: header"},
		{"empty file", "", "header"},
		{"no rows", head, "no rows"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse(strings.NewReader(tt.csv))
			if err == nil || c != nil {
				t.Fatalf("Parse = %v, %v; want nil and an error", c, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q lacks %q", err, tt.want)
			}
		})
	}
}

func TestParseCoverage(t *testing.T) {
	c, err := Parse(strings.NewReader("date,kind,name\n2023-12-30,holiday,元旦\n2024-05-11,workday,劳动节\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.LastCoveredDay(); !got.Equal(date(2024, 12, 31)) {
		t.Errorf("LastCoveredDay = %s, want 2024-12-31", got)
	}
	if !c.Covers(date(2023, 1, 1)) || c.Covers(date(2022, 12, 31)) {
		t.Error("Covers should start at 2023-01-01, the first row's year")
	}
	if !c.IsWorkingDay(date(2024, 5, 11)) || c.IsWorkingDay(date(2023, 12, 30)) {
		t.Error("rows not applied")
	}
}
