package draw

import (
	"fmt"
	"math"
	"strings"

	"github.com/shejian/shejian/internal/apperr"
)

// MinInspectorsPerEntity is the least number of inspectors on one inspection (Order 49
// art. 23: 不得少于2名).
const MinInspectorsPerEntity = 2

// maxFieldErrors bounds the field errors of one validation: a directory of a million rows
// with a systematic fault would otherwise produce a million errors.
const maxFieldErrors = 20

// collector gathers at most maxFieldErrors field errors.
type collector struct {
	apperr.Collector
	n int
}

func (c *collector) add(field, rule string, params map[string]any) {
	if c.n < maxFieldErrors {
		c.Add(field, rule, params)
	}
	c.n++
}

// Validate checks the draw rules of a task: every class has a ratio of 0–100 % with at most
// two decimals, at least two inspectors per entity and a task ID.
func (c Config) Validate() error {
	var v collector
	c.check(&v)
	return v.Err()
}

func (c Config) check(v *collector) {
	if strings.TrimSpace(c.TaskID) == "" {
		v.add("config.task_id", "required", nil)
	}
	for _, class := range Classes {
		pct, ok := c.RatioPercent[class]
		if !ok {
			v.add("config.ratio_percent."+string(class), "required", nil)
			continue
		}
		checkPercent(v, "config.ratio_percent."+string(class), pct)
	}
	for class := range c.RatioPercent {
		if !validClass(class) {
			v.add("config.ratio_percent."+string(class), "one_of", map[string]any{"values": "A, B, C, D"})
		}
	}
	if c.InspectorsPerEntity < MinInspectorsPerEntity {
		v.add("config.inspectors_per_entity", "min", map[string]any{"min": MinInspectorsPerEntity})
	}
}

func checkPercent(v *collector, field string, pct float64) {
	switch {
	case math.IsNaN(pct) || pct < 0:
		v.add(field, "min", map[string]any{"min": 0})
	case pct > 100:
		v.add(field, "max", map[string]any{"max": 100})
	case math.Abs(pct*100-math.Round(pct*100)) > 1e-6:
		v.add(field, "draw_ratio_decimals", nil)
	}
}

func validClass(c CreditClass) bool {
	return c == ClassA || c == ClassB || c == ClassC || c == ClassD
}

// validate checks normalized inputs: the config, and IDs present and unique in each list,
// credit classes valid, regions (and org units) present where the rules need them.
func (in *Inputs) validate() error {
	var v collector
	in.Config.check(&v)
	for i, it := range in.Items {
		r := row{"items", i, it.ID}
		checkID(&v, r, i > 0 && in.Items[i-1].ID == it.ID)
		checkPercent(&v, r.field("ratio_percent"), it.RatioPercent)
	}
	for i, e := range in.Entities {
		r := row{"entities", i, e.ID}
		checkID(&v, r, i > 0 && in.Entities[i-1].ID == e.ID)
		if !validClass(e.Credit) {
			v.add(r.field("credit_class"), "one_of", map[string]any{"values": "A, B, C, D"})
		}
		in.Config.checkPlace(&v, r, e.Region, e.OrgUnit)
	}
	for i, p := range in.Inspectors {
		r := row{"inspectors", i, p.ID}
		checkID(&v, r, i > 0 && in.Inspectors[i-1].ID == p.ID)
		in.Config.checkPlace(&v, r, p.Region, p.OrgUnit)
	}
	return v.Err()
}

// checkPlace requires the region unless any region will do, and the org unit when the own
// station is excluded: an empty value would silently match every other empty one.
func (c Config) checkPlace(v *collector, r row, region, orgUnit string) {
	if !c.AnyRegion && region == "" {
		v.add(r.field("region"), "required", nil)
	}
	if c.ExcludeOwnStation && orgUnit == "" {
		v.add(r.field("org_unit"), "required", nil)
	}
}

func checkID(v *collector, r row, repeated bool) {
	switch {
	case strings.TrimSpace(r.id) == "":
		v.add(r.field("id"), "required", nil)
	case repeated:
		v.add(r.field("id"), "unique", nil)
	}
}

// row is one row of an input list; its field names are built only for an error, since a
// directory has a million rows.
type row struct {
	list string
	i    int
	id   string
}

// ref names the row by its ID, which users know, or by its position when it has none:
// "entities[91330102MA2XXXXXX]".
func (r row) ref() string {
	if r.id == "" {
		return fmt.Sprintf("%s[#%d]", r.list, r.i)
	}
	return fmt.Sprintf("%s[%s]", r.list, r.id)
}

func (r row) field(name string) string { return r.ref() + "." + name }
