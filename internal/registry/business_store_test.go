package registry

import (
	"context"
	"errors"
	"testing"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

func fieldRules(err error) map[string]string {
	out := map[string]string{}
	var e *apperr.Error
	if errors.As(err, &e) {
		for _, f := range e.Fields {
			out[f.Field] = f.Rule
		}
	}
	return out
}

func TestCreateBusinessValidation(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		if _, err := f.businesses.Create(ctx, f.restaurant(1, "老王面馆")); err != nil {
			t.Fatalf("create: %v", err)
		}
		tests := []struct {
			name   string
			mutate func(*BusinessInput)
			field  string
			rule   string
		}{
			{"bad check digit", func(in *BusinessInput) { in.USCC = in.USCC[:17] + "0" }, "uscc", "uscc_checksum"},
			{"duplicate uscc", func(in *BusinessInput) { in.USCC = uscc(1) }, "uscc", "duplicate"},
			{"duplicate licence", func(in *BusinessInput) { in.LicenceNo = f.restaurant(1, "").LicenceNo }, "licence_no", "duplicate"},
			{"SC for catering", func(in *BusinessInput) { in.LicenceNo = "SC10633010200123" }, "licence_no", "licence_jy_format"},
			{"bad date", func(in *BusinessInput) { in.LicenceExpiry = "2029-02-30" }, "licence_expiry", "date"},
			{"outside district", func(in *BusinessInput) { in.Lat, in.Lng = 30.60, 120.50 }, "lat", "outside_district"},
			{"unknown station", func(in *BusinessInput) { in.StationID = 9999 }, "station_id", "station_unknown"},
			{"grid of other station", func(in *BusinessInput) { in.StationID = f.otherStation; in.Lat, in.Lng = 30.60, 120.50 }, "grid_id", "grid_not_in_station"},
			{"stall without market", func(in *BusinessInput) { in.Category, in.Kind, in.LicenceNo = CategoryStall, "vegetable", "" }, "market_id", "stall_needs_market"},
			{"missing name", func(in *BusinessInput) { in.Name = " " }, "name", "required"},
		}
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				in := f.restaurant(100+i, "测试饭店")
				tt.mutate(&in)
				_, err := f.businesses.Create(ctx, in)
				if apperr.CodeOf(err) != apperr.Invalid {
					t.Fatalf("got %v, want an Invalid error", err)
				}
				if got := fieldRules(err)[tt.field]; got != tt.rule {
					t.Fatalf("field %s: rule %q, want %q (all: %v)", tt.field, got, tt.rule, fieldRules(err))
				}
			})
		}
	})
}

func TestUpdateAndCloseBusiness(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		b, err := f.businesses.Create(ctx, f.restaurant(1, "老王面馆"))
		if err != nil {
			t.Fatal(err)
		}
		in := b.Input()
		in.Name = "李记酸菜鱼"
		if _, err := f.businesses.Update(ctx, b.ID, in, nil); err != nil {
			t.Fatalf("update: %v", err)
		}
		if got := searchNames(t, f, BusinessFilter{Q: "面馆"}); len(got) != 0 {
			t.Fatalf("old name still found after rename: %v", got)
		}
		if got := searchNames(t, f, BusinessFilter{Q: "酸菜"}); len(got) != 1 {
			t.Fatalf("new name not found: %v", got)
		}
		if _, err := f.businesses.SetStatus(ctx, b.ID, StatusClosed, "", nil); fieldRules(err)["closed_reason"] != "required" {
			t.Fatalf("closing without a reason: %v", err)
		}
		closed, err := f.businesses.SetStatus(ctx, b.ID, StatusClosed, "自行停业", nil)
		if err != nil || closed.Status != StatusClosed || closed.ClosedAt == nil {
			t.Fatalf("close: %+v %v", closed, err)
		}
		if _, err := f.businesses.Get(ctx, 424242); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("missing business: %v", err)
		}
	})
}

func TestCreateManyIsAllOrNothing(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		if _, err := f.businesses.Create(ctx, f.restaurant(1, "已有饭店")); err != nil {
			t.Fatal(err)
		}
		bad := f.restaurant(3, "坏行")
		bad.Lat = 31.5
		rows := []BusinessInput{f.restaurant(2, "甲"), f.restaurant(1, "与库中重复"), bad, f.restaurant(2, "与第一行重复")}
		rowErrs, err := f.businesses.CreateMany(ctx, rows, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := map[int]string{2: "duplicate", 4: "duplicate_in_file"}
		for _, e := range rowErrs {
			if e.Field == "uscc" && want[e.Row] != e.Rule {
				t.Errorf("row %d: uscc rule %q, want %q", e.Row, e.Rule, want[e.Row])
			}
		}
		if len(rowErrs) < 3 {
			t.Fatalf("want errors on rows 2, 3 and 4, got %+v", rowErrs)
		}
		if n := count(t, st); n != 1 {
			t.Fatalf("a rejected import wrote rows: %d businesses, want 1", n)
		}
		if rowErrs, err := f.businesses.CreateMany(ctx, rows[:1], nil); err != nil || len(rowErrs) != 0 {
			t.Fatalf("good import: %v %v", rowErrs, err)
		}
		if n := count(t, st); n != 2 {
			t.Fatalf("after good import: %d businesses, want 2", n)
		}
	})
}

func count(t *testing.T, st *store.Store) int {
	var n int
	if err := st.DB().QueryRow(`SELECT count(*) FROM businesses`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
