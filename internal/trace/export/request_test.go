package export

import (
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/calendar"
)

func TestParseRequest(t *testing.T) {
	day := func(s string) time.Time {
		d, _ := time.ParseInLocation(time.DateOnly, s, calendar.China)
		return d
	}
	for _, c := range []struct {
		name, product string
		want          Product
	}{
		{"GTIN-13", "6901234001013", Product{Class: "https://id.gs1.org/01/06901234001013"}},
		{"GTIN-14", "06901234001013", Product{Class: "https://id.gs1.org/01/06901234001013"}},
		{"product class pattern", "urn:epc:idpat:sgtin:6901234.000101.*", Product{Class: "https://id.gs1.org/01/06901234001013"}},
		{"LGTIN URN", lotURN, Product{Class: lotLink}},
		{"Digital Link on another domain", "https://example.com/01/06901234001013/10/251201H0000", Product{Class: lotLink}},
		{"element string", "(01)06901234001013(10)251201H0000", Product{Class: lotLink}},
		{"our lot", ourLot, Product{Class: ourLot}},
		{"description", "菠菜", Product{Name: "菠菜"}},
		{"every product", "*", Product{All: true}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := ParseRequest(url.Values{"product": {" " + c.product + " "}, "from": {"2025-12-01"}, "to": {"2025-12-31"}})
			if err != nil {
				t.Fatal(err)
			}
			c.want.Input = c.product
			if !reflect.DeepEqual(r.Product, c.want) {
				t.Errorf("product = %+v, want %+v", r.Product, c.want)
			}
			if !r.From.Equal(day("2025-12-01")) || !r.Until().Equal(day("2026-01-01")) {
				t.Errorf("days %v..%v", r.From, r.Until())
			}
		})
	}
}

func TestParseRequestRefuses(t *testing.T) {
	for _, c := range []struct {
		name   string
		params url.Values
		want   []apperr.FieldError // field and rule
	}{
		{"nothing", url.Values{}, []apperr.FieldError{{Field: "product", Rule: "required"}, {Field: "from", Rule: "required"},
			{Field: "to", Rule: "required"}}},
		{"bad GTIN check digit", url.Values{"product": {"6901234001014"}, "from": {"2025-12-01"}, "to": {"2025-12-02"}},
			[]apperr.FieldError{{Field: "product", Rule: "export_gtin_check"}}},
		{"an item, not a lot", url.Values{"product": {"urn:epc:id:sgtin:6901234.000101.7"}, "from": {"2025-12-01"}, "to": {"2025-12-02"}},
			[]apperr.FieldError{{Field: "product", Rule: "export_product_class"}}},
		{"a place", url.Values{"product": {"urn:shejian:uscc:91339905MAURNGDT0P"}, "from": {"2025-12-01"}, "to": {"2025-12-02"}},
			[]apperr.FieldError{{Field: "product", Rule: "export_product_class"}}},
		{"a long description", url.Values{"product": {strings.Repeat("菜", 51)}, "from": {"2025-12-01"}, "to": {"2025-12-02"}},
			[]apperr.FieldError{{Field: "product", Rule: "too_long"}}},
		{"bad dates", url.Values{"product": {"菠菜"}, "from": {"2025-12-32"}, "to": {"12/31/2025"}},
			[]apperr.FieldError{{Field: "from", Rule: "date"}, {Field: "to", Rule: "date"}}},
		{"backwards", url.Values{"product": {"菠菜"}, "from": {"2025-12-02"}, "to": {"2025-12-01"}},
			[]apperr.FieldError{{Field: "to", Rule: "export_range_order"}}},
		{"too long a range", url.Values{"product": {"菠菜"}, "from": {"2024-01-01"}, "to": {"2026-01-01"}},
			[]apperr.FieldError{{Field: "to", Rule: "export_range_max"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseRequest(c.params)
			e := apperr.From(err)
			if err == nil || e.Code != apperr.Invalid {
				t.Fatalf("err = %v, want invalid", err)
			}
			var got []apperr.FieldError
			for _, f := range e.Fields {
				got = append(got, apperr.FieldError{Field: f.Field, Rule: f.Rule})
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("fields = %v, want %v", got, c.want)
			}
		})
	}
}
