package targeting

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/risk/targeting/targetingtest"
)

var jan1 = time.Date(2013, 1, 1, 0, 0, 0, 0, time.UTC)

func TestReadGoodTable(t *testing.T) {
	rows := []targetingtest.Row{
		targetingtest.NewRow(1, jan1, true).Set("pastCritical", "2").Set("tavern", "1"),
		targetingtest.NewRow(2, jan1, false).Set("heat_burglary", "NA").Set("license_start_date", "NA").Set("ward", "NA").
			Set("zip_code", "NA").Set("results", "Fail"),
	}
	got, err := Read(strings.NewReader(targetingtest.CSV(rows)), "t.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != "1000001" || !got[0].Critical || got[0].PastCritical != 2 || got[0].LicenceFlags["tavern"] != 1 {
		t.Errorf("first row read as %+v", got[0])
	}
	if !got[0].Date.Equal(jan1) {
		t.Errorf("date = %v", got[0].Date)
	}
	if !math.IsNaN(got[1].HeatBurglary) || !got[1].LicenceStart.IsZero() || got[1].Zip != "" {
		t.Errorf("NA in optional columns read as %v, %v and %q, want NaN, zero date and empty", got[1].HeatBurglary, got[1].LicenceStart, got[1].Zip)
	}
	if got[0].Zip != "60602" || got[0].Name != "TEST CAFE" || got[0].Violation || !got[1].Violation {
		t.Errorf("zip %q, name %q, violations %v and %v; want 60602, TEST CAFE, a pass and a fail", got[0].Zip, got[0].Name, got[0].Violation, got[1].Violation)
	}
}

func TestReadRefusesBadRows(t *testing.T) {
	tests := []struct {
		name   string
		column string
		value  string
		rule   string
	}{
		{"not a number", "pastCritical", "two", "must be a number"},
		{"negative count", "pastSerious", "-1", "must be at least 0"},
		{"NA in a required column", "timeSinceLast", "NA", "required"},
		{"empty label", "criticalFound", "", "required"},
		{"label not 0/1", "criticalFound", "2", "must be 0 or 1"},
		{"bad date", "inspection_date", "13/01/2013", "must be a date"},
		{"bad optional number", "heat_garbage", "hot", "must be a number or NA"},
		{"infinite number", "ageAtInspection", "Inf", "must be a number"},
		{"licence flag", "tavern", "yes", "must be 0 or 1"},
		{"serious count", "seriousCount", "some", "must be a number"},
		{"no result", "results", "NA", "required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := []targetingtest.Row{
				targetingtest.NewRow(1, jan1, false),
				targetingtest.NewRow(2, jan1, false).Set(tt.column, tt.value),
			}
			_, err := Read(strings.NewReader(targetingtest.CSV(rows)), "t.csv")
			var re *RowError
			if !errors.As(err, &re) {
				t.Fatalf("err = %v, want a RowError", err)
			}
			if re.File != "t.csv" || re.Line != 3 || re.Column != tt.column || !strings.Contains(re.Rule, tt.rule) {
				t.Errorf("got %v; want t.csv line 3, column %s, rule %q", err, tt.column, tt.rule)
			}
		})
	}
}

func TestReadRefusesBadTables(t *testing.T) {
	good := targetingtest.CSV([]targetingtest.Row{targetingtest.NewRow(1, jan1, false)})
	header := strings.SplitN(good, "\n", 2)[0]
	dup := targetingtest.CSV([]targetingtest.Row{targetingtest.NewRow(1, jan1, false), targetingtest.NewRow(1, jan1, true)})
	tests := []struct {
		name, doc, says string
	}{
		{"empty", "", "empty file"},
		{"header only", header + "\n", "no inspections"},
		{"missing column", strings.Replace(good, "pastCritical", "pastCrit", 1), "column pastCritical: column missing"},
		{"short row", header + "\n1,2,3\n", "wrong number of fields"},
		{"duplicate id", dup, "t.csv:3: column inspection_id: must be unique, already on line 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tt.doc), "t.csv")
			if err == nil || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("err = %v, want it to say %q", err, tt.says)
			}
		})
	}
}
