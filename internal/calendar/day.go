package calendar

import "time"

const secondsPerDay = 24 * 60 * 60

// day is a civil date counted in days since 1970-01-01; it keeps stepping and map keys cheap
// and has no clock or location.
type day int64

// dayOf takes the year, month and day of t in t's own location and drops the clock.
func dayOf(t time.Time) day {
	y, m, d := t.Date()
	return day(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / secondsPerDay)
}

// time returns the date as midnight UTC, the form every exported result uses.
func (d day) time() time.Time {
	return time.Unix(int64(d)*secondsPerDay, 0).UTC()
}

// weekday: 1970-01-01 was a Thursday; the +7 keeps dates before 1970 non-negative.
func (d day) weekday() time.Weekday {
	return time.Weekday((int64(d)%7 + 7 + int64(time.Thursday)) % 7)
}

func (d day) isWeekend() bool {
	wd := d.weekday()
	return wd == time.Saturday || wd == time.Sunday
}

func (d day) String() string { return d.time().Format(time.DateOnly) }

// China is China Standard Time (UTC+8, no daylight saving): the zone in which the city's
// days — deadlines, "today's tasks", dates on documents — begin and end.
var China = time.FixedZone("CST", 8*60*60)
