package synth

import (
	"math/rand/v2"
	"strings"

	"github.com/shejian/shejian/internal/registry"
)

// Kind is the part a business plays in the chain.
type Kind string

// The kinds of business, upstream first.
const (
	Farm           Kind = "farm"            // 基地/农场: harvests lots
	Market         Kind = "market"          // 批发市场: farms sell there on 一票通 tickets
	Distributor    Kind = "distributor"     // 配送企业: buys and delivers, sometimes on pallets
	Processor      Kind = "processor"       // 加工厂/中央厨房: transforms lots into new lots
	Retailer       Kind = "retailer"        // 超市, shops: sell to consumers (retail_selling)
	Restaurant     Kind = "restaurant"      // 餐馆: cook and serve (dispensing)
	SchoolCanteen  Kind = "school_canteen"  // 学校食堂
	CompanyCanteen Kind = "company_canteen" // 单位食堂
)

// Business is a business of the chain (食品生产经营者), as the registry knows it.
type Business struct {
	// USCC is the unified social credit code (统一社会信用代码), with a valid check character.
	USCC string
	Name string
	Kind Kind
	// District is the index, from 0, of the district the business is in.
	District int
}

// LocationPrefix begins the URI by which events name a business's location and the
// business as a party: LocationPrefix + USCC.
const LocationPrefix = "urn:shejian:uscc:"

// Location returns the URI events use for the business as a place and as a party.
func (b Business) Location() string { return LocationPrefix + b.USCC }

// party is a business with what the generator needs of it.
type party struct {
	Business
	location string
	// gcp is the GS1 company prefix (厂商识别代码) of a business that numbers goods or
	// pallets (farms, processors, distributors), else empty.
	gcp      string
	products []product // what a farm harvests or a processor makes
}

// kindShares is the share of each kind among the businesses, upstream first.
var kindShares = []struct {
	kind  Kind
	share float64
}{
	{Farm, 0.22}, {Market, 0.01}, {Distributor, 0.05}, {Processor, 0.05},
	{Retailer, 0.22}, {Restaurant, 0.22}, {SchoolCanteen, 0.12}, {CompanyCanteen, 0.11},
}

// maxMarkets is the most wholesale markets a city has.
const maxMarkets = 12

// maxDistricts bounds Config.Districts: a district's region code has two digits.
const maxDistricts = 90

// newParties generates cfg.Businesses businesses: at least one of each kind, the rest by
// kindShares.
func newParties(cfg Config, r *rand.Rand) []party {
	var out []party
	left := cfg.Businesses
	for i, ks := range kindShares {
		n := max(1, int(ks.share*float64(cfg.Businesses)+0.5))
		if ks.kind == Market {
			n = min(n, maxMarkets)
		}
		n = min(n, left-(len(kindShares)-1-i)) // leave one for each kind still to come
		if i == len(kindShares)-1 {
			n = left
		}
		for range n {
			out = append(out, newParty(ks.kind, len(out), cfg.Districts, r))
		}
		left -= n
	}
	return out
}

// newParty generates the n-th business, of kind k.
func newParty(k Kind, n, districts int, r *rand.Rand) party {
	p := party{Business: Business{Kind: k, District: r.IntN(districts)}}
	style := r.IntN(len(nameStyles[k]))
	p.Name = businessName(k, style, r)
	p.USCC = uscc(usccKind(k, p.Name), p.District, n)
	p.location = p.Location()
	switch k {
	case Farm, Processor:
		p.gcp = companyPrefix(n)
		p.products = newProducts(k, style, p.gcp, r)
	case Distributor:
		p.gcp = companyPrefix(n)
	}
	return p
}

// usccKind returns the registration-authority and organisation-kind codes (GB 32100-2015
// table 1) of a business of kind k named name: 93 a farmers' cooperative (农民专业合作社),
// 92 an individual business (个体工商户) such as a noodle shop, 12 a public institution
// (事业单位) such as a public school, 91 a company.
func usccKind(k Kind, name string) string {
	switch {
	case strings.HasSuffix(name, "合作社"):
		return "93"
	case k == SchoolCanteen:
		return "12"
	case k == Restaurant && (strings.HasSuffix(name, "面馆") || strings.HasSuffix(name, "快餐店") || strings.HasSuffix(name, "土菜馆")):
		return "92"
	}
	return "91"
}

// uscc returns the USCC of the n-th business: kind, the district's region code in the
// made-up city 339900 of internal/demo, a nine-character body unique to n ("MA", as bodies
// issued since 2015 begin, then n times a number prime to 31 modulo 31⁷, in base 31), and
// the check character. The body's last character is not a GB 11714 check, which the
// registry does not ask for.
func uscc(kind string, district, n int) string {
	const modulus = 27_512_614_111 // 31⁷
	var b [17]byte
	copy(b[:], kind)
	region := 2 + district
	copy(b[2:], "3399")
	b[6], b[7] = byte('0'+region/10), byte('0'+region%10)
	b[8], b[9] = 'M', 'A'
	v := (uint64(n)*12_345_678_901 + 7_777_777) % modulus
	for i := 16; i >= 10; i-- {
		b[i] = registry.USCCAlphabet[v%31]
		v /= 31
	}
	check, ok := registry.USCCCheckChar(string(b[:]))
	if !ok {
		panic("synth: USCC outside the alphabet: " + string(b[:]))
	}
	return string(b[:]) + string(check)
}
