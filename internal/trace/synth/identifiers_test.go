package synth

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/registry"
)

// validGS1 checks a GS1 key with its check digit the other way round from checkDigit:
// weighting every digit, the check digit by 1, the sum is a multiple of 10.
func validGS1(key string) bool {
	sum := 0
	for i := range len(key) {
		d := int(key[len(key)-1-i] - '0')
		if i%2 == 1 {
			d *= 3
		}
		sum += d
	}
	return sum%10 == 0
}

var (
	gtinLink = regexp.MustCompile(`https://id\.gs1\.org/01/([0-9]+)/10/([0-9A-Z]+)`)
	lgtinURN = regexp.MustCompile(`urn:epc:class:lgtin:([0-9]+)\.([0-9]+)\.([0-9A-Z]+)`)
	ssccLink = regexp.MustCompile(`https://id\.gs1\.org/00/([0-9]+)`)
	ssccURN  = regexp.MustCompile(`urn:epc:id:sscc:([0-9]+)\.([0-9]+)`)
	placeURI = regexp.MustCompile(`urn:shejian:uscc:([0-9A-Z]+)`)
	chinaGCP = regexp.MustCompile(`^69[0-5]`)
)

// TestIdentifiers checks every identifier the documents write: GTINs of 14 digits and
// SSCCs of 18 with valid check digits under Chinese GS1 prefixes, URNs whose company
// prefix and reference make the same 13 or 17 digits, both forms of lots present and
// some lot written both ways, and every place a registered business with a valid USCC.
func TestIdentifiers(t *testing.T) {
	c := New(Config{Events: 20000, Seed: 5})
	docs := bytes.Join(generate(t, c.Config(), 1000), nil)
	links := map[string]bool{}
	for _, m := range gtinLink.FindAllStringSubmatch(string(docs), -1) {
		if len(m[1]) != 14 || !validGS1(m[1]) || !chinaGCP.MatchString(m[1][1:]) {
			t.Fatalf("bad GTIN in %s", m[0])
		}
		links[m[0]] = true
	}
	urns := lgtinURN.FindAllStringSubmatch(string(docs), -1)
	both := 0
	for _, m := range urns {
		if len(m[1])+len(m[2]) != 13 || !chinaGCP.MatchString(m[1]) {
			t.Fatalf("bad LGTIN URN %s", m[0])
		}
		if links[canonicalTest(m[0])] {
			both++
		}
	}
	if len(links) == 0 || len(urns) == 0 || both == 0 {
		t.Errorf("%d lots as Digital Links, %d as URNs, %d lots both ways: want all three", len(links), len(urns), both)
	}
	for _, m := range ssccLink.FindAllStringSubmatch(string(docs), -1) {
		if len(m[1]) != 18 || !validGS1(m[1]) {
			t.Fatalf("bad SSCC %s", m[0])
		}
	}
	for _, m := range ssccURN.FindAllStringSubmatch(string(docs), -1) {
		if len(m[1])+len(m[2]) != 17 {
			t.Fatalf("bad SSCC URN %s", m[0])
		}
	}
	registered := map[string]bool{}
	for _, b := range c.Businesses() {
		if rule := registry.USCCRule(b.USCC); rule != "" {
			t.Fatalf("business %s: USCC %s breaks %s", b.Name, b.USCC, rule)
		}
		registered[b.USCC] = true
	}
	for _, m := range placeURI.FindAllStringSubmatch(string(docs), -1) {
		if !registered[m[1]] {
			t.Fatalf("%s is no business of the chain", m[0])
		}
	}
}

// TestURNAndLinkNameTheSameObject: for each product and pallet numbering of a chain, an
// event about a lot or pallet written as a URN hashes as the same event written as the
// generator's Digital Link, so the two forms name one object as epcis normalises them.
func TestURNAndLinkNameTheSameObject(t *testing.T) {
	c := New(Config{Events: 1000, Seed: 6})
	event := func(what string) string {
		return `{"type":"ObjectEvent","eventTime":"2025-12-01T08:00:00.000+08:00","eventTimeZoneOffset":"+08:00","action":"OBSERVE",` +
			what + `,"bizStep":"shipping"}`
	}
	quantity := func(id string) string {
		return event(`"quantityList":[{"epcClass":"` + id + `","quantity":1.5,"uom":"KGM"}]`)
	}
	pallet := func(id string) string { return event(`"epcList":["` + id + `"]`) }
	var pairs [][2]string
	for _, p := range c.parties {
		for _, pr := range p.products {
			pairs = append(pairs, [2]string{quantity(pr.urnPrefix + "251201H0A1B"), quantity(pr.linkPrefix + "251201H0A1B")})
		}
		if p.gcp != "" {
			urn := string(appendSSCC(nil, p.gcp, 3, 123456, true))
			link := string(appendSSCC(nil, p.gcp, 3, 123456, false))
			pairs = append(pairs, [2]string{pallet(urn), pallet(link)})
		}
	}
	for _, pair := range pairs {
		a, b := hashOfJSON(t, pair[0]), hashOfJSON(t, pair[1])
		if a != b {
			t.Errorf("%s\nand\n%s\nhash apart", pair[0], pair[1])
		}
	}
	if len(pairs) < 10 {
		t.Fatalf("only %d identifiers checked", len(pairs))
	}
}

// hashOfJSON returns the Event Hash ID of one event given as JSON.
func hashOfJSON(t *testing.T, event string) string {
	t.Helper()
	doc := docHead + "2025-12-02T00:00:00.000+08:00" + docBody + event + docTail
	events, err := epcis.Validate([]byte(doc), DefaultEnd)
	if err != nil {
		t.Fatalf("%s: %v", event, err)
	}
	id, err := events[0].HashID()
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// TestBusinesses checks the businesses a Config makes: how many, every kind there,
// districts in range, USCCs unique.
func TestBusinesses(t *testing.T) {
	for _, tc := range []struct {
		cfg       Config
		want      int
		districts int
	}{
		{Config{Events: 1000}, 40, DefaultDistricts},
		{Config{Events: 1_000_000}, 2000, DefaultDistricts},
		{Config{Events: 1000, Businesses: 300, Districts: 5}, 300, 5},
		{Config{Events: 10, Businesses: 3}, len(kindShares), DefaultDistricts},
	} {
		t.Run(fmt.Sprintf("%+v", tc.cfg), func(t *testing.T) {
			list := New(tc.cfg).Businesses()
			if len(list) != tc.want {
				t.Errorf("%d businesses, want %d", len(list), tc.want)
			}
			kinds, codes := map[Kind]int{}, map[string]bool{}
			for _, b := range list {
				kinds[b.Kind]++
				if codes[b.USCC] || b.District < 0 || b.District >= tc.districts || b.Name == "" ||
					!strings.HasPrefix(b.Location(), LocationPrefix) {
					t.Errorf("business %+v: duplicate USCC, district out of range or no name", b)
				}
				codes[b.USCC] = true
			}
			if len(kinds) != len(kindShares) {
				t.Errorf("kinds %v, want all %d", kinds, len(kindShares))
			}
		})
	}
}

// TestTimesWithinSpan: every event and declaration time of a chain lies in the Span
// before its End, so capture accepts the chain at End.
func TestTimesWithinSpan(t *testing.T) {
	end := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	start := end.Add(-50 * 24 * time.Hour)
	cfg := Config{Events: 3000, Seed: 8, End: end, Span: end.Sub(start), ErrorRate: 0.05}
	declarations := 0
	for _, e := range decodeAll(t, generate(t, cfg, 1000), end) {
		times := []time.Time{e.EventTime}
		if e.ErrorDeclaration != nil {
			times = append(times, e.ErrorDeclaration.DeclarationTime)
			declarations++
		}
		for _, at := range times {
			if !at.Before(end) || at.Before(start) {
				t.Fatalf("event at %s, outside %s to %s", at, start, end)
			}
		}
	}
	if declarations == 0 {
		t.Error("no declaration to check")
	}
}

// TestAppendTime: the hand-made timestamp writer agrees with the time package, across
// centuries, leap days and instants before 1970.
func TestAppendTime(t *testing.T) {
	const layout = "2006-01-02T15:04:05.000-07:00"
	r := rand.New(rand.NewPCG(1, 2))
	instants := []int64{0, -1, 951_782_400_000, 4_107_456_000_000 - 1, -2_208_988_800_001}
	for range 10000 {
		instants = append(instants, r.Int64N(8_000_000_000_000)-2_000_000_000_000)
	}
	for _, ms := range instants {
		want := time.UnixMilli(ms).In(calendar.China).Format(layout)
		if got := string(appendTime(nil, ms)); got != want {
			t.Fatalf("%d ms: %s, want %s", ms, got, want)
		}
	}
}
