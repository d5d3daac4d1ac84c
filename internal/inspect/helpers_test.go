package inspect

import (
	"context"
	"fmt"
	"testing"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/rules"
	"github.com/shejian/shejian/internal/store"
)

// adminCtx is the context of a city admin's request, for the audit log and seals.
func adminCtx() context.Context {
	return audit.WithActor(context.Background(), audit.Actor{UserID: 1, Login: "admin", Role: "city_admin"})
}

// mustService returns the template service over st with the defaults seeded.
func mustService(tb testing.TB, st *store.Store) *Service {
	tb.Helper()
	book, err := rules.New(st)
	if err != nil {
		tb.Fatal(err)
	}
	s := NewService(st, book)
	if _, err := s.SeedDefaults(context.Background()); err != nil {
		tb.Fatalf("seed defaults: %v", err)
	}
	return s
}

// mustCurrent returns the published national version of sector.
func mustCurrent(tb testing.TB, s *Service, sector Sector) *ChecklistTemplate {
	tb.Helper()
	t, ok, err := s.Current(context.Background(), sector, "")
	if err != nil || !ok {
		tb.Fatalf("current %s: %v (found %v)", sector, err, ok)
	}
	return t
}

// points returns a pointer to v, for items that carry points.
func points(v float64) *float64 { return &v }

// smallContent is a catering draft of five items, two of them key, under rule.
func smallContent(rule ResultRule) Content {
	return Content{Sector: SectorCatering, Title: "测试检查表", Basis: "测试", Rule: rule, Items: []ChecklistItem{
		{Code: "1.1", Area: "qualification", Text: "许可证有效", Key: true, AllowNA: false},
		{Code: "2.1", Area: "staff_health", Text: "健康证明", Key: true, AllowNA: true},
		{Code: "4.1", Area: "processing", Text: "生熟分开", Points: points(2), AllowNA: true},
		{Code: "6.1", Area: "premises_equipment", Text: "场所整洁", Points: points(1), AllowNA: true},
		{Code: "7.1", Area: "tableware", Text: "餐具消毒", AllowNA: true},
	}}
}

// fieldsOf lists "row:field:rule" of an Invalid error; anything else fails the test.
func fieldsOf(tb testing.TB, err error) []string {
	tb.Helper()
	e := apperr.From(err)
	if err == nil || e.Code != apperr.Invalid {
		tb.Fatalf("want an Invalid error, got %v", err)
	}
	out := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		out[i] = fmt.Sprintf("%d:%s:%s", f.Row, f.Field, f.Rule)
	}
	return out
}
