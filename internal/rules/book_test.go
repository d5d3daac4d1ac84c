package rules

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// twoVersions is a rule whose value changes from 5 to 7 days with version 2 of its set.
const twoVersions = `{"sets":[
 {"name":"t","version":1,"title":{"zh":"测试","en":"Test"},"basis":{"statute":{"zh":"测试法"},"source":"test"},
  "confidence":"verified","effective_from":"2020-01-01","rules":[{"key":"t.days","type":"integer","default":5,
  "unit":"days","description":{"zh":"天数","en":"days"},"effective_to":"2020-12-31"}]},
 {"name":"t","version":2,"title":{"zh":"测试","en":"Test"},"basis":{"statute":{"zh":"测试法"},"source":"test"},
  "confidence":"verified","effective_from":"2021-01-01","rules":[{"key":"t.days","type":"integer","default":7,
  "unit":"days","description":{"zh":"天数","en":"days"}}]}]}`

func TestInForceRespectsEffectiveDates(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		b := &Book{st: s, cat: mustCatalog(t, twoVersions)}
		ctx := context.Background()
		tests := []struct {
			at   time.Time
			want int
			ref  string
		}{
			{day(t, "2020-06-01"), 5, "t/v1"},
			{day(t, "2021-01-01").Add(-time.Second), 5, "t/v1"},
			{time.Date(2020, 12, 31, 16, 0, 0, 0, time.UTC), 7, "t/v2"}, // midnight in China
			{day(t, "2030-01-01"), 7, "t/v2"},
		}
		for _, tt := range tests {
			got, e, err := b.Int(ctx, "t.days", tt.at)
			if err != nil || got != tt.want || e.Ref != tt.ref || e.Overridden {
				t.Errorf("at %s: got %d %s %v, want %d %s", tt.at, got, e.Ref, err, tt.want, tt.ref)
			}
		}
		_, _, err := b.Int(ctx, "t.days", day(t, "2019-12-31"))
		if !errors.Is(err, ErrNotInForce) || apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("before the first version: got %v, want ErrNotInForce", err)
		}
		if all, err := b.InForce(ctx, day(t, "2019-12-31")); err != nil || len(all) != 0 {
			t.Errorf("InForce before the first version: got %d rules, %v", len(all), err)
		}
	})
}

func TestDefaultsInForce(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		b, ctx := mustBook(t, s), context.Background()
		has := func(at time.Time, key string) bool {
			all, err := b.InForce(ctx, at)
			if err != nil {
				t.Fatalf("InForce: %v", err)
			}
			for _, e := range all {
				if e.Key == key {
					return true
				}
			}
			return false
		}
		if has(day(t, "2022-03-14"), "inspect.publish_deadline_working_days") || !has(day(t, "2022-03-15"), "inspect.publish_deadline_working_days") {
			t.Error("Order 49 deadline must apply from 2022-03-15")
		}
		if has(day(t, "2016-11-30"), "risk.grade_band.a_max") || !has(day(t, "2016-12-01"), "risk.grade_band.a_max") {
			t.Error("2016 grade bands must apply from 2016-12-01")
		}
	})
}

func TestTypedGetters(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		b, ctx, now := mustBook(t, s), context.Background(), time.Now()
		if v, e, err := b.Int(ctx, "inspect.publish_deadline_working_days", now); err != nil || v != 20 || e.Ref != "deadlines/v1" {
			t.Errorf("Int: got %d %s %v", v, e.Ref, err)
		}
		if v, _, err := b.Float(ctx, "risk.grade_band.a_max", now); err != nil || v != 30 {
			t.Errorf("Float: got %v %v", v, err)
		}
		if v, _, err := b.Numbers(ctx, "risk.frequency_2016.B", now); err != nil || len(v) != 2 || v[0] != 1 || v[1] != 2 {
			t.Errorf("Numbers: got %v %v", v, err)
		}
		if v, _, err := b.Text(ctx, "penalty.publish_platform", now); err != nil || v != "国家企业信用信息公示系统" {
			t.Errorf("Text: got %q %v", v, err)
		}
		if _, _, err := b.Int(ctx, "risk.grade_band.a_max", now); !errors.Is(err, ErrWrongType) {
			t.Errorf("Int of a number: got %v, want ErrWrongType", err)
		}
		if _, _, err := b.Int(ctx, "no.such_rule", now); !errors.Is(err, ErrUnknown) || apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("unknown key: got %v, want ErrUnknown", err)
		}
	})
}
