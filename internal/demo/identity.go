package demo

import (
	"fmt"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/registry"
)

// person is a generated individual: staff member, coordinator or business owner.
type person struct {
	name, surname, given string
	gender               string // 男 or 女
	phone, idNumber      string
}

// identities hands out names, phones and unique resident ID numbers (居民身份证号码).
type identities struct {
	ids map[string]bool
}

func newIdentities() *identities { return &identities{ids: map[string]bool{}} }

// person returns a new adult registered in region (a six-digit 行政区划 code); coordinators
// are older on average.
func (in *identities) person(r rng, region string, older bool) person {
	p := owner(r)
	p.phone = mobile(r)
	born := time.Date(1968, 1, 1, 0, 0, 0, 0, time.UTC)
	if older {
		born = born.AddDate(-6, 0, 0)
	}
	for {
		birth := born.AddDate(0, 0, r.IntN(32*365))
		seq := r.IntN(500)*2 + 1 // odd: male (GB 11643)
		if p.gender == "女" {
			seq--
		}
		first17 := fmt.Sprintf("%s%s%03d", region, birth.Format("20060102"), seq)
		id := first17 + string(registry.IDNumberCheckChar(first17))
		if !in.ids[id] {
			in.ids[id] = true
			p.idNumber = id
			return p
		}
	}
}

// owner returns a name and gender without an ID number: business owners and legal
// representatives, whose ID numbers the registry does not keep.
func owner(r rng) person {
	p := person{surname: pickSkewed(r, surnames), gender: "男"}
	chars := maleChars
	if r.chance(0.45) {
		p.gender, chars = "女", femaleChars
	}
	switch {
	case r.chance(0.3):
		p.given = string(pick(r, chars))
	case r.chance(0.4):
		p.given = string([]rune{pick(r, commonChars), pick(r, chars)})
	default:
		p.given = string([]rune{pick(r, chars), pick(r, chars)})
	}
	p.name = p.surname + p.given
	return p
}

// mobile returns a mainland mobile number: 1[3-9] and nine digits.
func mobile(r rng) string {
	return fmt.Sprintf("%s%08d", pick(r, mobilePrefixes), r.IntN(100_000_000))
}

// landline returns an office number of the city's area code.
func landline(r rng) string { return fmt.Sprintf("0572-%d%07d", r.between(2, 8), r.IntN(10_000_000)) }

// Registration kinds of a USCC: authority and organisation-kind characters (GB 32100-2015).
const (
	usccCompany          = "91" // 工商, 企业
	usccIndividual       = "92" // 工商, 个体工商户
	usccInstitution      = "12" // 机构编制, 事业单位 (schools, hospitals)
	usccOrgan            = "11" // 机构编制, 机关
	usccPrivateNonProfit = "52" // 民政, 民办非企业单位 (private kindergartens)
)

// uscc builds a unified social credit code: kind, region, a nine-character organisation
// code (GB 11714, with its own check character) drawn from a bijection of seq so that no two
// businesses share one, and the GB 32100 check character.
func uscc(kind, region string, seq, salt uint64) string {
	const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	const mult = 7_919_357 // prime, so seq ↦ seq·mult + salt is a bijection modulo 31⁶ and 10⁸
	var body strings.Builder
	if kind == usccCompany {
		body.WriteString("MA") // companies registered since 2015 start with MA
		n := (seq*mult + salt) % 887_503_681
		for range 6 {
			body.WriteByte(alphabet[n%31])
			n /= 31
		}
	} else {
		fmt.Fprintf(&body, "%08d", (seq*mult+salt)%100_000_000)
	}
	code := body.String()
	code += string(orgCodeCheck(code))
	first17 := kind + region + code
	check, _ := registry.USCCCheckChar(first17)
	return first17 + string(check)
}

// orgCodeCheck is the check character of an eight-character organisation code (GB 11714).
func orgCodeCheck(code string) byte {
	weights := [8]int{3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := range 8 {
		c := int(code[i])
		if c >= 'A' {
			c = c - 'A' + 10
		} else {
			c -= '0'
		}
		sum += c * weights[i]
	}
	switch v := 11 - sum%11; v {
	case 10:
		return 'X'
	case 11:
		return '0'
	default:
		return byte('0' + v)
	}
}
