package credit

import (
	"time"

	"github.com/shejian/shejian/internal/calendar"
)

// publicityOf fixes the publicity of a new record under the policy of its decision day: a
// criticism or low fine 3 months, other penalties 3 years or the ban when it runs longer
// (Order 45 art. 13), a serious-dishonesty listing its term; and the last day to publish, in
// working days after the decision (art. 9).
func (p *Policy) publicityOf(r Record, cal *calendar.Calendar) Publicity {
	if !publishable(r) {
		return Publicity{} // kept in the file, never published: no period, no deadline
	}
	days, months := p.ListingPublishDays, 0
	used := []*Source{days.Source}
	switch r.Kind {
	case KindPenalty:
		days, used = p.PublishDays, []*Source{p.PublishDays.Source, p.LowFineMax.Source}
		if minor(r, p.LowFineMax.Value) {
			months, used = p.MinorMonths.Int(), append(used, p.MinorMonths.Source)
		} else {
			months, used = max(12*p.OtherYears.Int(), r.BanMonths), append(used, p.OtherYears.Source)
		}
	case KindSeriousDishonesty:
		months, used = 12*p.SeriousTermYears.Int(), append(used, p.SeriousTermYears.Source)
	}
	due := cal.Deadline(r.DecidedOn, days.Int()).Due
	return Publicity{Publishable: true, PublicityMonths: months, PublishDue: &due, RuleRefs: refs(used...)}
}

// withdrawDue is the last day to withdraw a penalty revoked on day (Order 45 art. 11).
func (p *Policy) withdrawDue(day time.Time, cal *calendar.Calendar) time.Time {
	return cal.Deadline(day, p.WithdrawDays.Int()).Due
}
