package draw

import (
	"context"
	"errors"
	"maps"
	"testing"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/rules"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

func validConfig() Config {
	return Config{TaskID: "T-1", InspectorsPerEntity: 2,
		RatioPercent: map[CreditClass]float64{ClassA: 5, ClassB: 20, ClassC: 60, ClassD: 100}}
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name      string
		change    func(c *Config)
		field     string
		rule      string
		wantValid bool
	}{
		{"valid", func(c *Config) {}, "", "", true},
		{"ratio 0 and 100 are the bounds", func(c *Config) { c.RatioPercent[ClassA], c.RatioPercent[ClassD] = 0, 100 }, "", "", true},
		{"two decimals", func(c *Config) { c.RatioPercent[ClassB] = 12.25 }, "", "", true},
		{"ratio below 0", func(c *Config) { c.RatioPercent[ClassA] = -1 }, "config.ratio_percent.A", "min", false},
		{"ratio above 100", func(c *Config) { c.RatioPercent[ClassC] = 101 }, "config.ratio_percent.C", "max", false},
		{"three decimals", func(c *Config) { c.RatioPercent[ClassB] = 12.345 }, "config.ratio_percent.B", "draw_ratio_decimals", false},
		{"class missing", func(c *Config) { delete(c.RatioPercent, ClassD) }, "config.ratio_percent.D", "required", false},
		{"unknown class", func(c *Config) { c.RatioPercent["E"] = 10 }, "config.ratio_percent.E", "one_of", false},
		{"one inspector", func(c *Config) { c.InspectorsPerEntity = 1 }, "config.inspectors_per_entity", "min", false},
		{"no inspectors", func(c *Config) { c.InspectorsPerEntity = 0 }, "config.inspectors_per_entity", "min", false},
		{"no task", func(c *Config) { c.TaskID = " " }, "config.task_id", "required", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := validConfig()
			c.RatioPercent = maps.Clone(c.RatioPercent)
			tt.change(&c)
			err := c.Validate()
			if tt.wantValid {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			assertField(t, err, tt.field, tt.rule)
		})
	}
}

// assertField checks that err is an Invalid error naming field with rule.
func assertField(t *testing.T, err error, field, rule string) {
	t.Helper()
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Code != apperr.Invalid {
		t.Fatalf("error %v, want an invalid field error", err)
	}
	for _, f := range ae.Fields {
		if f.Field == field && f.Rule == rule {
			return
		}
	}
	t.Fatalf("fields %+v, want %s %s", ae.Fields, field, rule)
}

func TestDefaultConfigTakesTheUpperEndOfEachRange(t *testing.T) {
	book, err := rules.New(storetest.Open(t, store.SQLite))
	if err != nil {
		t.Fatal(err)
	}
	c, err := DefaultConfig(context.Background(), book, drawnAt, "T-1", "第一批")
	if err != nil {
		t.Fatalf("DefaultConfig: %v", err)
	}
	want := map[CreditClass]float64{ClassA: 5, ClassB: 20, ClassC: 60, ClassD: 100}
	if !maps.Equal(c.RatioPercent, want) || c.InspectorsPerEntity != 2 {
		t.Errorf("config %+v, want ratios %v and 2 inspectors", c, want)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("the default config is invalid: %v", err)
	}
}
