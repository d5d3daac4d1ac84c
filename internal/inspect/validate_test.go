package inspect

import (
	"slices"
	"testing"
)

func TestValidateRefusesBadContent(t *testing.T) {
	good := smallContent(ResultRule{MaxGeneralFailures: 8})
	tests := []struct {
		name   string
		change func(c *Content)
		want   []string
	}{
		{"good", func(*Content) {}, nil},
		{"unknown sector", func(c *Content) { c.Sector = "bakery" }, []string{"0:sector:one_of"}},
		{"no title", func(c *Content) { c.Title = " " }, []string{"0:title:required"}},
		{"negative threshold", func(c *Content) { c.Rule.MaxGeneralFailures = -1 }, []string{"0:rule.max_general_failures:min"}},
		{"no items", func(c *Content) { c.Items = nil }, []string{"0:items:required"}},
		{"area of another sector", func(c *Content) { c.Items[2].Area = "product_testing" }, []string{"3:area:inspect_unknown_area"}},
		{"duplicate code", func(c *Content) { c.Items[4].Code = "1.1" }, []string{"5:code:inspect_duplicate_code"}},
		{"item without text and code", func(c *Content) { c.Items[1].Text, c.Items[1].Code = "", "" }, []string{"2:code:required", "2:text:required"}},
		{"negative points", func(c *Content) { c.Items[3].Points = points(-1) }, []string{"4:points:min"}},
		{"unknown confidence", func(c *Content) { c.Items[0].Confidence = "sure" }, []string{"1:confidence:one_of"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := good
			c.Items = slices.Clone(good.Items)
			tt.change(&c)
			err := c.normalized().Validate()
			wantFields(t, err, tt.want)
		})
	}
}

func TestAreasByNameAreStoredByCode(t *testing.T) {
	c := smallContent(ResultRule{})
	c.Items[0].Area, c.Items[1].Area = "餐饮服务提供者资质", "Staff health"
	n := c.normalized()
	if n.Items[0].Area != "qualification" || n.Items[1].Area != "staff_health" || c.Items[0].Area != "餐饮服务提供者资质" {
		t.Fatalf("areas %q %q (original %q)", n.Items[0].Area, n.Items[1].Area, c.Items[0].Area)
	}
}

func TestCheckAnswers(t *testing.T) {
	c := smallContent(ResultRule{})
	tests := []struct {
		name     string
		answers  Answers
		complete bool
		want     []string
	}{
		{"partial answers of a flying inspection", Answers{"1.1": Pass}, false, nil},
		{"every item answered", Answers{"1.1": Pass, "2.1": NotApplicable, "4.1": Fail, "6.1": Pass, "7.1": Pass}, true, nil},
		{"missing answers", Answers{"1.1": Pass, "2.1": Pass, "4.1": Pass}, true, []string{"0:answers.6.1:required", "0:answers.7.1:required"}},
		{"unknown item and answer", Answers{"9.9": Pass, "4.1": "maybe"}, false, []string{"0:answers.4.1:one_of", "0:answers.9.9:inspect_unknown_item"}},
		{"not applicable refused", Answers{"1.1": NotApplicable}, false, []string{"0:answers.1.1:inspect_na_not_allowed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := c.CheckAnswers(tt.answers, tt.complete)
			wantFields(t, err, tt.want)
		})
	}
}

// wantFields checks that err is nil when want is, else an Invalid error with exactly the
// fields want lists ("row:field:rule").
func wantFields(tb testing.TB, err error, want []string) {
	tb.Helper()
	if want == nil {
		if err != nil {
			tb.Fatalf("refused: %v", err)
		}
		return
	}
	if got := fieldsOf(tb, err); !slices.Equal(got, want) {
		tb.Fatalf("fields %v, want %v", got, want)
	}
}
