package risk

import (
	"errors"
	"testing"
)

func TestBandsAtTheirBoundaries(t *testing.T) {
	for _, name := range []SchemeName{Scheme2016, Scheme2022Draft} {
		s := mustScheme(t, name)
		tests := []struct {
			total float64
			want  Grade
		}{
			{0, GradeA}, {30, GradeA}, {30.5, GradeB}, {30.01, GradeB}, {45, GradeB}, {45.01, GradeC},
			{60, GradeC}, {60.01, GradeD}, {100, GradeD},
		}
		for _, tt := range tests {
			if got, src, _ := s.band(tt.total); got != tt.want || src.Key == "" {
				t.Errorf("%s: %v points is %s (%s), want %s", name, tt.total, got, src.Key, tt.want)
			}
		}
	}
}

// TestGradeEndToEnd reaches each boundary through real factors and records: static points
// from licence categories, dynamic points from inspections and complaints.
func TestGradeEndToEnd(t *testing.T) {
	s := mustScheme(t, Scheme2016)
	basic := func(n int) []Event { return events(EventInspection, ResultBasic, n, 10) }
	complaints := func(n int) []Event { return events(EventComplaint, "", n, 10) }
	shop := StaticFactors{Sector: SectorSales, FloorArea: 200.5, BulkChilled: 30, Suppliers: 50} // 2 + 6.5 + 2
	tests := []struct {
		name    string
		factors StaticFactors
		record  []Event
		total   float64
		grade   Grade
	}{
		{"30 is A", producer("grain_other"), append(basic(1), complaints(2)...), 14 + 10 + 6, GradeA},
		{"30.5 is B", shop, basic(2), 10.5 + 20, GradeB},
		{"45 is B", producer("dairy"), append(basic(1), complaints(3)...), 26 + 10 + 9, GradeB},
		{"46 is C", producer("dairy"), basic(2), 26 + 20, GradeC},
		{"60 is C", producer("meat"), append(basic(3), complaints(2)...), 24 + 30 + 6, GradeC},
		{"60.5 is D", shop, basic(5), 10.5 + 50, GradeD},
		{"an old record does not count", producer("dairy"), events(EventInspection, ResultNonCompliant, 3, 400), 26, GradeA},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := s.Grade(Input{BusinessID: 7, Factors: tt.factors, Events: tt.record})
			if err != nil {
				t.Fatal(err)
			}
			if r.Total != tt.total || r.Scored != tt.grade || r.Grade != tt.grade {
				t.Errorf("total %v grade %s, want %v %s; lines %+v", r.Total, r.Grade, tt.total, tt.grade, r.Lines)
			}
			if sum := total(r.Lines); sum != r.Total || r.Static+r.Dynamic+r.Credit != r.Total {
				t.Errorf("lines add to %v, parts to %v, total %v", sum, r.Static+r.Dynamic+r.Credit, r.Total)
			}
		})
	}
}

func TestDynamicPointsAreCapped(t *testing.T) {
	s := mustScheme(t, Scheme2016)
	r, err := s.Grade(Input{Factors: producer("dairy"), Events: events(EventInspection, ResultNonCompliant, 4, 5)})
	if err != nil {
		t.Fatal(err)
	}
	if r.Dynamic != 60 || r.Total != 86 {
		t.Errorf("4 non-compliant inspections: dynamic %v total %v, want 60 and 86", r.Dynamic, r.Total)
	}
}

func TestCreditPartOf2022Draft(t *testing.T) {
	s := mustScheme(t, Scheme2022Draft)
	ended := daysAgo(10)
	tests := []struct {
		name   string
		record []Event
		credit float64
	}{
		{"clean", nil, 0},
		{"listed", []Event{{Kind: EventSeriousDishonesty, On: daysAgo(100)}}, 20},
		{"listing ended", []Event{{Kind: EventSeriousDishonesty, On: daysAgo(900), Until: &ended}}, 0},
		{"abnormal operation", []Event{{Kind: EventAbnormalOperation, On: daysAgo(30)}}, 10},
		{"penalties in publicity", events(EventPenalty, "", 2, 500), 10},
		{"penalty past publicity", events(EventPenalty, "", 1, 4*365), 0},
		{"capped at 20", append(events(EventPenalty, "", 3, 500), Event{Kind: EventAbnormalOperation, On: daysAgo(30)}), 20},
	}
	for _, tt := range tests {
		r, err := s.Grade(Input{Factors: producer("candy"), Events: tt.record})
		if err != nil {
			t.Fatal(err)
		}
		if r.Credit != tt.credit {
			t.Errorf("%s: credit %v, want %v; lines %+v", tt.name, r.Credit, tt.credit, r.Lines)
		}
	}
	if _, err := s.Grade(Input{Factors: StaticFactors{Sector: SectorSales}}); !errors.Is(err, ErrNotInScheme) {
		t.Errorf("a shop under the producers' draft: got %v", err)
	}
	if r, _ := mustScheme(t, Scheme2016).Grade(Input{Factors: producer("candy"), Events: events(EventPenalty, "", 1, 10)}); r.Credit != 0 {
		t.Errorf("the 2016 scheme has no credit part: got %v", r.Credit)
	}
}
