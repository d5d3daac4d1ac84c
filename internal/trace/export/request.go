package export

import (
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/trace/ticket"
)

// Request is what an export is asked for: a product and a range of days.
type Request struct {
	Product Product
	// From and To are the first and the last day, China time: events from From's midnight
	// to the midnight after To.
	From, To time.Time
}

// Product is what a regulator types to name a food: a GTIN (商品条码), which takes every lot
// of it; a lot (批次) as an LGTIN URN, a GS1 Digital Link, a GS1 element string
// (01)…(10)… or one of our urn:shejian:lot:…; a product class URI
// (urn:epc:idpat:sgtin:…*); a product description (品名, 菠菜) the events give their goods,
// as most farm produce has no GTIN; or "*", every product (a district's audit of a week).
type Product struct {
	Input string // as typed, trimmed
	// Class is the canonical Digital Link of the GTIN or lot named, "" for a description.
	Class string
	// Name is a product description to find in the events' descriptions.
	Name string
	// All asks for every product.
	All bool
}

// AllProducts is what a regulator types for every product.
const AllProducts = "*"

// MaxDays bounds the range of one export: FSMA's two years of records (§1.1455(d)).
const MaxDays = 731

// maxNameLength bounds a product description typed.
const maxNameLength = 50

var (
	gtinDigits    = regexp.MustCompile(`^(\d{8}|\d{12,14})$`)
	elementString = regexp.MustCompile(`^\(01\)(\d{14})\(10\)(.+)$`)
)

// ParseRequest reads the parameters product, from and to (YYYY-MM-DD), naming every bad
// one with its rule.
func ParseRequest(params url.Values) (Request, error) {
	var c apperr.Collector
	var r Request
	input := strings.TrimSpace(params.Get("product"))
	switch p, rule := parseProduct(input); {
	case input == "":
		c.Add("product", "required", nil)
	case rule != "":
		c.Add("product", rule, map[string]any{"value": input, "max": maxNameLength})
	default:
		r.Product = p
	}
	r.From = day(&c, params, "from")
	r.To = day(&c, params, "to")
	if !r.From.IsZero() && !r.To.IsZero() {
		switch days := int(r.To.Sub(r.From).Hours()/24) + 1; {
		case days < 1:
			c.Add("to", "export_range_order", nil)
		case days > MaxDays:
			c.Add("to", "export_range_max", map[string]any{"max": MaxDays})
		}
	}
	return r, c.Err()
}

// day reads a required day parameter.
func day(c *apperr.Collector, params url.Values, name string) time.Time {
	v := strings.TrimSpace(params.Get(name))
	if v == "" {
		c.Add(name, "required", nil)
		return time.Time{}
	}
	t, err := time.ParseInLocation(time.DateOnly, v, calendar.China)
	if err != nil {
		c.Add(name, "date", nil)
	}
	return t
}

// parseProduct reads what was typed as a product, or returns the rule it breaks.
func parseProduct(s string) (Product, string) {
	p := Product{Input: s}
	switch {
	case s == AllProducts:
		p.All = true
	case gtinDigits.MatchString(s):
		gtin := strings.Repeat("0", gs1GTINLength-len(s)) + s
		if epcis.GS1CheckDigit(gtin[:gs1GTINLength-1]) != gtin[gs1GTINLength-1] {
			return p, "export_gtin_check"
		}
		p.Class = gs1Link + gtin
	case elementString.MatchString(s):
		m := elementString.FindStringSubmatch(s)
		p.Class = epcis.CanonicalURI(gs1Link + m[1] + "/10/" + url.PathEscape(m[2]))
	case strings.Contains(s, ":"):
		p.Class = epcis.CanonicalURI(s)
		if !isClass(p.Class) {
			return p, "export_product_class"
		}
	case utf8.RuneCountInString(s) > maxNameLength:
		return p, "too_long"
	default:
		p.Name = s
	}
	return p, ""
}

// Until is the instant after the range: the midnight after To.
func (r Request) Until() time.Time { return r.To.AddDate(0, 0, 1) }

// isClass reports whether a canonical identifier names a product or a lot: a GTIN's
// Digital Link alone or with a batch (AI 10), or one of our lots; not an instance.
func isClass(id string) bool {
	gtin := gtinOf(id)
	rest := strings.TrimPrefix(id, gs1Link+gtin)
	return gtin != "" && (rest == "" || strings.HasPrefix(rest, "/10/")) || strings.HasPrefix(id, ticket.LotPrefix)
}
