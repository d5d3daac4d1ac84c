package risk

import (
	"testing"
	"time"

	"github.com/shejian/shejian/internal/calendar"
)

// TestTallyCountsByTheDayInChina: an event of a day in China counts all that day, from
// 00:00 China time (16:00 UTC the day before), and not before; a listing that ends on a
// day no longer runs on it.
func TestTallyCountsByTheDayInChina(t *testing.T) {
	dec1, dec2 := day(t, "2026-12-01"), day(t, "2026-12-02")
	events := []Event{
		{Kind: EventInspection, Result: ResultNonCompliant, On: dec1},
		{Kind: EventInspection, Result: ResultNonCompliant, On: dec2},
		{Kind: EventAbnormalOperation, On: day(t, "2026-06-01"), Until: &dec1},
		{Kind: EventSeriousDishonesty, On: day(t, "2026-06-01"), Until: &dec2},
	}
	tests := []struct {
		name     string
		at       time.Time
		found    int
		abnormal bool
	}{
		{"00:30 on 1 December in China", time.Date(2026, 12, 1, 0, 30, 0, 0, calendar.China), 1, false},
		{"07:59 on 1 December in China", time.Date(2026, 12, 1, 7, 59, 0, 0, calendar.China), 1, false},
		{"23:59 on 1 December in China", time.Date(2026, 12, 1, 23, 59, 0, 0, calendar.China), 1, false},
		{"23:59 on 30 November in China", time.Date(2026, 11, 30, 23, 59, 0, 0, calendar.China), 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl := tallyOf(events, tt.at.AddDate(-1, 0, 0), tt.at, time.Time{})
			if tl.nonCompliant != tt.found || tl.isListed(EventAbnormalOperation) != tt.abnormal || !tl.isListed(EventSeriousDishonesty) {
				t.Fatalf("non-compliant %d, abnormal listed %v, serious listed %v; want %d, %v, true",
					tl.nonCompliant, tl.isListed(EventAbnormalOperation), tl.isListed(EventSeriousDishonesty), tt.found, tt.abnormal)
			}
		})
	}
}
