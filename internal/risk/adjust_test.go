package risk

import (
	"testing"
)

// TestEveryTrigger: each trigger of the 风险等级确定表 raises the grade by its configured
// steps; the largest raise of several applies; a serious-dishonesty listing goes to D.
func TestEveryTrigger(t *testing.T) {
	s := mustScheme(t, Scheme2016)
	candy := producer("candy") // 12 points: A without a record
	tests := []struct {
		name    string
		record  []Event
		grade   Grade
		applied string
	}{
		{"intentional violation raises two", events(EventIntentionalViolation, "", 1, 30), GradeC, "intentional_violation"},
		{"sampling failure raises one", events(EventSamplingFailure, "", 1, 30), GradeB, "sampling_failure"},
		{"penalty raises one", events(EventPenalty, "", 1, 30), GradeB, "penalty"},
		{"incident raises two", events(EventIncident, "", 1, 30), GradeC, "incident"},
		{"recall failure raises two", events(EventRecallFailure, "", 1, 30), GradeC, "recall_failure"},
		{"obstruction raises two", events(EventObstruction, "", 1, 30), GradeC, "obstruction"},
		{"serious dishonesty goes to D", events(EventSeriousDishonesty, "", 1, 30), GradeD, "serious_dishonesty"},
		{"a listing still running counts after a year", []Event{{Kind: EventSeriousDishonesty, On: daysAgo(700)}}, GradeD, "serious_dishonesty"},
		{"the largest raise applies, not the sum", append(events(EventSamplingFailure, "", 1, 30), events(EventIncident, "", 1, 60)...), GradeC, "incident"},
		{"a trigger before the look-back period does not count", events(EventIncident, "", 1, 400), GradeA, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := s.Grade(Input{Factors: candy, Events: tt.record})
			if err != nil {
				t.Fatal(err)
			}
			if r.Grade != tt.grade {
				t.Errorf("grade %s (scored %s, total %v), want %s; adjustments %+v", r.Grade, r.Scored, r.Total, tt.grade, r.Adjustments)
			}
			applied := ""
			for _, a := range r.Adjustments {
				if a.Applied {
					applied = a.Kind
				}
				if a.Key == "" || a.Basis == "" {
					t.Errorf("adjustment without its rule: %+v", a)
				}
			}
			if applied != tt.applied {
				t.Errorf("applied %q, want %q", applied, tt.applied)
			}
		})
	}
}

func TestRaiseStopsAtD(t *testing.T) {
	s := mustScheme(t, Scheme2016)
	r, _ := s.Grade(Input{Factors: producer("dairy"), Events: append(events(EventInspection, ResultNonCompliant, 2, 10),
		events(EventObstruction, "", 1, 20)...)})
	if r.Scored != GradeD || r.Grade != GradeD {
		t.Errorf("scored %s grade %s, want D and D", r.Scored, r.Grade)
	}
}

func ptrTo[T any](v T) *T { return &v }

// TestCleanRecordLowersTheGrade: three problem-free years (Chengdu) lower the grade by one.
func TestCleanRecordLowersTheGrade(t *testing.T) {
	s := mustScheme(t, Scheme2016)
	compliant := func(days int) Event { return Event{Kind: EventInspection, Result: ResultCompliant, On: daysAgo(days)} }
	big := StaticFactors{Sector: SectorSales, FloorArea: 5000, PrepackedAmbient: 20000, PrepackedChilled: 2000,
		PrepackedFrozen: 900, BulkAmbient: 900, BulkChilled: 200, BulkFrozen: 300, Suppliers: 400} // 40 points: B
	tests := []struct {
		name    string
		factors StaticFactors
		record  []Event
		grade   Grade
		years   int // clean years reported, 0 when no adjustment
	}{
		{"no record: nothing known, no change", big, nil, GradeB, 0},
		{"three clean years lower B to A", big, []Event{compliant(3*365 + 5), compliant(100)}, GradeA, 3},
		{"a complaint less than three years ago", big, []Event{compliant(4*365 + 2), {Kind: EventComplaint, On: daysAgo(2 * 365)}}, GradeB, 0},
		{"a basically compliant inspection is a problem", big, []Event{compliant(4*365 + 2), {Kind: EventInspection, Result: ResultBasic, On: daysAgo(400)}}, GradeB, 0},
		{"two clean years are not enough", big, []Event{compliant(2*365 + 300)}, GradeB, 0},
		{"a listing counts until it ended", big, []Event{compliant(6 * 365), {Kind: EventAbnormalOperation, On: daysAgo(5 * 365), Until: ptrTo(daysAgo(2 * 365))}}, GradeB, 0},
		{"three years after a listing ended", big, []Event{compliant(7 * 365), {Kind: EventAbnormalOperation, On: daysAgo(6 * 365), Until: ptrTo(daysAgo(3*365 + 5))}}, GradeA, 3},
		{"A cannot go lower", producer("candy"), []Event{compliant(4*365 + 2)}, GradeA, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := s.Grade(Input{Factors: tt.factors, Events: tt.record})
			if err != nil {
				t.Fatal(err)
			}
			years := 0
			for _, a := range r.Adjustments {
				if a.Kind == CleanRecord {
					years = a.Count
				}
			}
			if r.Grade != tt.grade || years != tt.years {
				t.Errorf("grade %s after %d clean years, want %s after %d (%+v)", r.Grade, years, tt.grade, tt.years, r.Adjustments)
			}
		})
	}
}
