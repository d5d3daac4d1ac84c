package epcis

import (
	"fmt"
	"strings"
	"time"
)

// appendUTCMillis appends an xsd:dateTimeStamp in UTC with exactly three decimals and a "Z" (CBV
// 2.0 §8.9 rules 8 and 9). Further decimals round the third up when the fourth is 5 to 9 and
// are otherwise dropped: 11:04:03.1415Z becomes 11:04:03.142Z, .14149 becomes .141.
func appendUTCMillis(buf []byte, s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	zone := "Z"
	if !strings.HasSuffix(s, "Z") {
		if len(s) < 6 || (s[len(s)-6] != '+' && s[len(s)-6] != '-') {
			return buf, fmt.Errorf("timestamp %q has no time zone", s)
		}
		zone = s[len(s)-6:]
	}
	clock, fraction, dot := strings.Cut(strings.TrimSuffix(s, zone), ".")
	t, err := time.Parse("2006-01-02T15:04:05Z07:00", clock+zone)
	if err != nil || (dot && fraction == "") {
		return buf, fmt.Errorf("timestamp %q is not an xsd:dateTimeStamp", s)
	}
	ms := 0
	for i, c := range fraction {
		if c < '0' || c > '9' {
			return buf, fmt.Errorf("timestamp %q has a bad fraction of a second", s)
		}
		switch {
		case i < 3:
			ms = ms*10 + int(c-'0')
		case i == 3 && c >= '5':
			ms++
		}
	}
	for i := len(fraction); i < 3; i++ {
		ms *= 10
	}
	return t.Add(time.Duration(ms)*time.Millisecond).UTC().AppendFormat(buf, "2006-01-02T15:04:05.000Z"), nil
}
