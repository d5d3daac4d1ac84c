package credit

import (
	"testing"
	"time"
)

func ptr(t time.Time) *time.Time { return &t }

func TestClassAtEachRuleBoundary(t *testing.T) {
	pol := mustPolicy(t, "2026-06-01")
	fine := func(id int64, decided string) Record {
		return Record{ID: id, Kind: KindPenalty, DecidedOn: day(decided), Measures: []Measure{MeasureFine}, FineYuan: 5000}
	}
	severe := fine(9, "2025-01-01")
	severe.Severe = true
	suspended := fine(10, "2025-01-01")
	suspended.Measures = []Measure{MeasureSuspension}
	revoked := fine(11, "2026-01-01")
	revoked.Revoked = ptr(day("2026-02-01"))
	repaired := fine(12, "2026-01-01")
	repaired.Ended, repaired.EndReason = ptr(day("2026-05-01")), EndRepaired
	abnormal := Record{ID: 20, Kind: KindAbnormalOperation, DecidedOn: day("2026-03-01")}
	removed := abnormal
	removed.Ended, removed.EndReason = ptr(day("2026-05-01")), EndRemoved
	serious := Record{ID: 30, Kind: KindSeriousDishonesty, DecidedOn: day("2023-06-02"), Publicity: Publicity{PublicityMonths: 36}}
	seriousOver := serious
	seriousOver.DecidedOn = day("2023-06-01") // the 3-year term ends on 2026-06-01
	tests := []struct {
		name    string
		records []Record
		want    string
	}{
		{"clean", nil, "A"},
		{"one penalty", []Record{fine(1, "2026-01-01")}, "B"},
		{"two penalties", []Record{fine(1, "2026-01-01"), fine(2, "2025-06-01")}, "C"},
		{"penalty on the last day of the look-back", []Record{fine(1, "2023-06-02")}, "B"},
		{"penalty just out of the look-back", []Record{fine(1, "2023-06-01")}, "A"},
		{"penalty decided after the day", []Record{fine(1, "2026-06-02")}, "A"},
		{"heavier penalty marked", []Record{severe}, "C"},
		{"heavier penalty by its measure", []Record{suspended}, "C"},
		{"revoked penalty", []Record{revoked}, "A"},
		{"repaired penalty", []Record{repaired}, "A"},
		{"on the abnormal-operation list", []Record{abnormal}, "B"},
		{"removed from the abnormal-operation list", []Record{removed}, "A"},
		{"on the serious-dishonesty list", []Record{serious, severe}, "D"},
		{"serious-dishonesty term over", []Record{seriousOver}, "A"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := pol.Classify(7, tt.records)
			if c.Class != tt.want {
				t.Fatalf("class %s, want %s: %+v", c.Class, tt.want, c.Lines)
			}
			if len(c.Lines) != 4 || c.Lines[0].Ref == "" || c.RuleRefs == "" {
				t.Errorf("explanation lacks its lines or rules: %+v", c)
			}
		})
	}
}

func TestClassLinesExplainEachRecord(t *testing.T) {
	pol := mustPolicy(t, "2026-06-01")
	records := []Record{
		{ID: 1, Kind: KindPenalty, DecidedOn: day("2026-01-01"), Measures: []Measure{MeasureFine}, FineYuan: 100000, Severe: true},
		{ID: 2, Kind: KindSeriousDishonesty, DecidedOn: day("2026-02-01"), Publicity: Publicity{PublicityMonths: 36}},
	}
	c := pol.Classify(7, records)
	want := map[string][2]any{LineSeriousDishonesty: {1, "D"}, LineSeverePenalty: {1, "C"}, LineAbnormalOperation: {0, "B"}, LinePenaltyCount: {1, "B"}}
	for _, l := range c.Lines {
		if w := want[l.Condition]; l.Count != w[0] || l.Class != w[1] || l.Applied != (l.Count > 0) {
			t.Errorf("line %s: %d → %s applied %v, want %v", l.Condition, l.Count, l.Class, l.Applied, w)
		}
	}
	if c.Class != "D" || c.Lines[0].Confidence != "[S]" || c.Lines[1].Confidence != "[M]" {
		t.Errorf("class %s, lines %+v", c.Class, c.Lines)
	}
}
