package credit

import (
	"testing"
	"time"

	"github.com/shejian/shejian/internal/calendar"
)

func TestPublicityPeriodsByKind(t *testing.T) {
	pol := mustPolicy(t, "2026-02-12")
	decided := day("2026-02-12")
	tests := []struct {
		name        string
		r           Record
		publishable bool
		months      int
	}{
		{"low fine: 3 months", Record{Kind: KindPenalty, Measures: []Measure{MeasureFine}, FineYuan: 30000}, true, 3},
		{"fine above the low limit: 3 years", Record{Kind: KindPenalty, Measures: []Measure{MeasureFine}, FineYuan: 30000.01}, true, 36},
		{"public criticism: 3 months", Record{Kind: KindPenalty, Measures: []Measure{MeasureCriticism}}, true, 3},
		{"warning and a low fine: 3 months", Record{Kind: KindPenalty, Measures: []Measure{MeasureWarning, MeasureFine}, FineYuan: 2000}, true, 3},
		{"low fine and confiscation: 3 years", Record{Kind: KindPenalty, Measures: []Measure{MeasureFine, MeasureConfiscation}, FineYuan: 2000}, true, 36},
		{"ban of 5 years: its term", Record{Kind: KindPenalty, Measures: []Measure{MeasurePracticeBan}, BanMonths: 60}, true, 60},
		{"ban of 2 years: 3 years", Record{Kind: KindPenalty, Measures: []Measure{MeasureBusinessRestrict}, BanMonths: 24}, true, 36},
		{"warning alone: not published", Record{Kind: KindPenalty, Measures: []Measure{MeasureWarning}}, false, 0},
		{"simple procedure: not published", Record{Kind: KindPenalty, Measures: []Measure{MeasureFine}, FineYuan: 200, SimpleProcedure: true}, false, 0},
		{"serious-dishonesty listing: its term", Record{Kind: KindSeriousDishonesty}, true, 36},
		{"abnormal-operation listing: until removed", Record{Kind: KindAbnormalOperation}, true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.r.DecidedOn = decided
			p := pol.publicityOf(tt.r, calendar.Default())
			if p.Publishable != tt.publishable || p.PublicityMonths != tt.months || tt.publishable && p.RuleRefs == "" {
				t.Fatalf("got %+v, want publishable %v for %d months", p, tt.publishable, tt.months)
			}
			if tt.publishable != (p.PublishDue != nil) {
				t.Errorf("publish due %v for publishable %v", p.PublishDue, tt.publishable)
			}
		})
	}
}

func TestWorkingDayDeadlines(t *testing.T) {
	pol, cal := mustPolicy(t, "2026-02-12"), calendar.Default()
	// Decided on Thursday 2026-02-12: 13 Feb, Saturday 14 Feb (a make-up working day), then
	// the Spring Festival off days 15–23 Feb, so the 20th working day is 18 March.
	p := pol.publicityOf(Record{Kind: KindPenalty, DecidedOn: day("2026-02-12"), Measures: []Measure{MeasureCriticism}}, cal)
	if got := p.PublishDue.Format(time.DateOnly); got != "2026-03-18" {
		t.Errorf("publish due %s, want 2026-03-18", got)
	}
	// Revoked the same day: 13 Feb, 14 Feb, then 24 Feb is the 3rd working day.
	if got := pol.withdrawDue(day("2026-02-12"), cal).Format(time.DateOnly); got != "2026-02-24" {
		t.Errorf("withdraw due %s, want 2026-02-24", got)
	}
}

func TestPublicProjection(t *testing.T) {
	r := Record{Kind: KindPenalty, Publicity: Publicity{Publishable: true, PublicityMonths: 3}, DecidedOn: day("2026-01-05")}
	if r.Public(day("2026-01-10")) || r.State(day("2026-01-10")) != StateUnpublished {
		t.Errorf("an unpublished record is public: %s", r.State(day("2026-01-10")))
	}
	r.Published = ptr(day("2026-01-20"))
	for _, tt := range []struct {
		on     string
		public bool
		state  string
	}{{"2026-01-19", false, StateEnded}, {"2026-01-20", true, StatePublic}, {"2026-04-19", true, StatePublic}, {"2026-04-20", false, StateEnded}} {
		if r.Public(day(tt.on)) != tt.public || r.State(day(tt.on)) != tt.state {
			t.Errorf("on %s: public %v state %s, want %v %s", tt.on, r.Public(day(tt.on)), r.State(day(tt.on)), tt.public, tt.state)
		}
	}
	r.Revoked, r.WithdrawDue = ptr(day("2026-02-02")), ptr(day("2026-02-05"))
	if !r.Public(day("2026-02-03")) || r.State(day("2026-02-06")) != StateWithdrawLate {
		t.Errorf("a revoked record shows until withdrawn, late after its due day: %s", r.State(day("2026-02-06")))
	}
	r.Withdrawn = ptr(day("2026-02-04"))
	if r.Public(day("2026-02-04")) || r.State(day("2026-02-04")) != StateWithdrawn {
		t.Errorf("a withdrawn record is public")
	}
}
