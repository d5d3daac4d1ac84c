package rules

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/i18n"
)

func TestDefaultsLoadAndValidate(t *testing.T) {
	cat, err := defaults()
	if err != nil {
		t.Fatalf("embedded defaults: %v", err)
	}
	if len(cat.sets) < 5 || len(cat.rules) < 30 {
		t.Fatalf("got %d sets and %d rules, want the seeded ones", len(cat.sets), len(cat.rules))
	}
	for _, r := range cat.rules {
		for _, l := range i18n.Langs {
			if r.Unit != "" && !i18n.Has(l, "rules.unit."+r.Unit) {
				t.Errorf("%s: unit %q has no %s translation", r.Key, r.Unit, l)
			}
		}
	}
}

// TestDefaultsCarryTheReferenceValues pins the numbers and confidence of the references
// (statutes-verified.md wins over the other notes).
func TestDefaultsCarryTheReferenceValues(t *testing.T) {
	cat, err := defaults()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		key, value string
		confidence Confidence
		article    string
	}{
		{"risk.grade_band.a_max", "30", Secondary, ""},
		{"risk.grade_band.b_max", "45", Secondary, ""},
		{"risk.grade_band.c_max", "60", Secondary, ""},
		{"risk.frequency_2016.A", "[1]", Secondary, ""},
		{"risk.frequency_2016.D", "[3,4]", Secondary, ""},
		{"risk.score_2022.credit_max", "20", Secondary, ""},
		{"risk.frequency_2022.A", "[0.5]", Secondary, ""},
		{"risk.frequency_2022.D", "[3]", Secondary, ""},
		{"inspect.publish_deadline_working_days", "20", Verified, "Art. 39"},
		{"draw.publish_deadline_working_days", "20", Verified, "Arts. 5, 39"},
		{"penalty.publish_deadline_working_days", "20", Verified, "Art. 9"},
		{"penalty.withdraw_deadline_working_days", "3", Verified, "Art. 11"},
		{"penalty.publicity_months_minor", "3", Verified, "Art. 13"},
		{"penalty.publicity_years_other", "3", Verified, "Art. 13"},
		{"inspect.full_checklist_interval_years", "2", Verified, "Art. 22"},
		{"sampling.retest_application_working_days", "7", Verified, "Art. 88"},
		{"sampling.disposal_days", "90", Unverified, ""},
		{"inspect.basic_conform_max_general_failures", "8", Unverified, ""},
		{"draw.ratio_percent.A", "[0,5]", Secondary, ""},
		{"draw.ratio_percent.D", "[61,100]", Secondary, ""},
		{"risk.static_sales.area", "[200,1,1000,2,2000,2.5,3000,3,4]", Secondary, ""},
		{"risk.static_sales.bulk_chilled", "[29,6,50,6.5,100,7,150,8,9]", Secondary, ""},
		{"risk.static_catering.canteen_diners", "[50,2,300,4,500,7,10]", Secondary, ""},
		{"risk.static_catering.group_meal_diners", "[300,4,1000,7,10]", Unverified, ""},
		{"risk.static_health.material.extract", "13", Secondary, ""},
		{"risk.static_production.category.grain_wheat_rice", "13.5", Secondary, ""},
		{"risk.static_production.category.dairy", "26", Unverified, ""},
		{"risk.adjust.clean_years", "3", Secondary, ""},
		{"risk.grade_band_2022.c_max", "60", Unverified, ""},
	}
	for _, tt := range tests {
		idx, ok := cat.byKey[tt.key]
		if !ok {
			t.Errorf("%s: missing", tt.key)
			continue
		}
		r := cat.rules[idx[0]]
		if string(r.Default) != tt.value || r.Confidence != tt.confidence || r.Basis.Article.EN != tt.article {
			t.Errorf("%s: got %s %s %q, want %s %s %q", tt.key, r.Default, r.Confidence, r.Basis.Article.EN, tt.value, tt.confidence, tt.article)
		}
	}
	if r := cat.rules[cat.byKey["risk.frequency_2022.A"][0]]; !r.Draft {
		t.Errorf("risk-2022-draft rules must be marked draft")
	}
}

const validRule = `{"key":"t.days","type":"integer","default":5,"unit":"days","min":1,"max":10,
	"description":{"zh":"天数","en":"days"}}`

// testFile wraps rules into one set "t" v1 effective from 2020-01-01.
func testFile(rules ...string) string {
	return `{"sets":[{"name":"t","version":1,"title":{"zh":"测试","en":"Test"},
		"basis":{"statute":{"zh":"测试法"},"source":"test"},"confidence":"verified",
		"effective_from":"2020-01-01","rules":[` + strings.Join(rules, ",") + `]}]}`
}

func TestParseCatalogRejects(t *testing.T) {
	tests := []struct {
		name, file, want string
	}{
		{"unknown field", testFile(strings.Replace(validRule, `"unit"`, `"units"`, 1)), "unknown field"},
		{"bad type", testFile(strings.Replace(validRule, `"integer"`, `"date"`, 1)), "type"},
		{"default out of range", testFile(strings.Replace(validRule, `"default":5`, `"default":50`, 1)), "default"},
		{"default of wrong type", testFile(strings.Replace(validRule, `"default":5`, `"default":"5"`, 1)), "default"},
		{"unknown unit", testFile(strings.Replace(validRule, `"days"`, `"weeks"`, 1)), "unit"},
		{"no english", testFile(strings.Replace(validRule, `"en":"days"`, `"en":""`, 1)), "description"},
		{"bad key", testFile(strings.Replace(validRule, `"t.days"`, `"Days"`, 1)), "key"},
		{"range of text", testFile(`{"key":"t.l","type":"list","items":"text","range":true,"default":["a"],"unit":"",
			"description":{"zh":"列","en":"list"}}`), "range"},
		{"overlap", testFile(validRule, validRule), "same days"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseCatalog([]byte(tt.file))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error about %q", err, tt.want)
			}
		})
	}
}

func TestParseCatalogInheritsFromSet(t *testing.T) {
	cat := mustCatalog(t, testFile(validRule))
	r := cat.rules[0]
	if r.Set != "t" || r.Version != 1 || r.Confidence != Verified || r.Basis.Source != "test" || r.EffectiveFrom.String() != "2020-01-01" {
		t.Fatalf("rule did not inherit its set: %+v", r)
	}
	if _, err := json.Marshal(r); err != nil {
		t.Fatal(err)
	}
}
