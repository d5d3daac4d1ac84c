package registry

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestGuardRefusesInsideTheChange: a guard sees the business as it stands in the change's
// transaction and, refusing, leaves the business, its search grams and the audit log as
// they were; a missing business is not found before any guard is asked.
func TestGuardRefusesInsideTheChange(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		b, err := f.businesses.Create(ctx, f.restaurant(1, "老王面馆"))
		if err != nil {
			t.Fatal(err)
		}
		entries := func() (n int) {
			if err := st.DB().QueryRowContext(ctx, `SELECT count(*) FROM audit_log`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		before := entries()
		refusal := apperr.New(apperr.Forbidden, "access.out_of_scope", nil)
		var seen *Business
		refuse := func(cur *Business) error { seen = cur; return refusal }
		in := b.Input()
		in.Name = "李记酸菜鱼"
		if _, err := f.businesses.Update(ctx, b.ID, in, refuse); !errors.Is(err, refusal) {
			t.Fatalf("update refused by the guard: %v", err)
		}
		if seen == nil || seen.ID != b.ID || seen.Name != "老王面馆" {
			t.Fatalf("the guard saw %+v, want the business before the change", seen)
		}
		if _, err := f.businesses.SetStatus(ctx, b.ID, StatusClosed, "自行停业", refuse); !errors.Is(err, refusal) {
			t.Fatalf("close refused by the guard: %v", err)
		}
		got, err := f.businesses.Get(ctx, b.ID)
		if err != nil || got.Name != "老王面馆" || got.Status != StatusOpen {
			t.Fatalf("after refusals: %+v %v", got, err)
		}
		if names := searchNames(t, f, BusinessFilter{Q: "酸菜"}); len(names) != 0 {
			t.Fatalf("the refused name is searchable: %v", names)
		}
		if n := entries(); n != before {
			t.Fatalf("audit entries %d -> %d after refused changes", before, n)
		}
		seen = nil
		if _, err := f.businesses.Update(ctx, 424242, in, refuse); apperr.CodeOf(err) != apperr.NotFound || seen != nil {
			t.Fatalf("missing business: %v (guard saw %+v)", err, seen)
		}
	})
}

// TestPersonGuardRefusesInsideTheChange: as for businesses, a guard sees the person as they
// stand in the change's transaction and, refusing, leaves them and the audit log as they were.
func TestPersonGuardRefusesInsideTheChange(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		people := NewPersonStore(st)
		p, err := people.Create(ctx, PersonInput{OrgUnitID: f.station, Name: "张三", RoleKind: RoleEnforcement})
		if err != nil {
			t.Fatal(err)
		}
		refusal := apperr.New(apperr.Forbidden, "access.out_of_scope", nil)
		var seen *Person
		refuse := func(cur *Person) error { seen = cur; return refusal }
		moved := PersonInput{OrgUnitID: f.otherStation, Name: "李四", RoleKind: RoleEnforcement}
		if _, err := people.Update(ctx, p.ID, moved, refuse); !errors.Is(err, refusal) {
			t.Fatalf("update refused by the guard: %v", err)
		}
		if seen == nil || seen.Name != "张三" || seen.OrgUnitID != f.station {
			t.Fatalf("the guard saw %+v, want the person before the change", seen)
		}
		if err := people.Delete(ctx, p.ID, refuse); !errors.Is(err, refusal) {
			t.Fatalf("delete refused by the guard: %v", err)
		}
		got, err := people.Get(ctx, p.ID)
		if err != nil || got.Name != "张三" || got.OrgUnitID != f.station {
			t.Fatalf("after refusals: %+v %v", got, err)
		}
		if _, err := people.Update(ctx, p.ID, PersonInput{}, nil); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("an allowed update with no fields: %v, want invalid", err)
		}
		if err := people.Delete(ctx, 424242, refuse); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("missing person: %v", err)
		}
	})
}

// TestEditsAuditTheStateTheyChange: edits of one business, one person or one unit at the
// same moment each record as before the state the previous edit left, so the audit log reads
// as one unbroken history (without the lock of the before-read, PostgreSQL records the same
// before twice).
func TestEditsAuditTheStateTheyChange(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		b, err := f.businesses.Create(ctx, f.restaurant(1, "老王面馆"))
		if err != nil {
			t.Fatal(err)
		}
		people := NewPersonStore(st)
		p, err := people.Create(ctx, PersonInput{OrgUnitID: f.station, Name: "张三", RoleKind: RoleEnforcement})
		if err != nil {
			t.Fatal(err)
		}
		orgs := NewOrgStore(st)
		unit, err := orgs.Get(ctx, f.station)
		if err != nil {
			t.Fatal(err)
		}
		edits := []struct {
			object string
			id     int64
			edit   func(name string) error
		}{
			{"business", b.ID, func(name string) error {
				in := b.Input()
				in.Name = name
				_, err := f.businesses.Update(ctx, b.ID, in, nil)
				return err
			}},
			{"person", p.ID, func(name string) error {
				_, err := people.Update(ctx, p.ID, PersonInput{OrgUnitID: f.station, Name: name, RoleKind: RoleEnforcement}, nil)
				return err
			}},
			{"org_unit", f.station, func(name string) error {
				_, err := orgs.Update(ctx, f.station, OrgUnitInput{Code: unit.Code, Name: name, Township: unit.Township,
					CenterLat: unit.CenterLat, CenterLng: unit.CenterLng, RadiusKm: unit.RadiusKm})
				return err
			}},
		}
		for _, e := range edits {
			for round := range 10 {
				var wg sync.WaitGroup
				for w := range 2 {
					wg.Go(func() {
						if err := e.edit(fmt.Sprintf("名称%d-%d", round, w)); err != nil {
							t.Error(err)
						}
					})
				}
				wg.Wait()
			}
			checkUnbrokenHistory(t, st, e.object, e.id)
		}
	})
}

// checkUnbrokenHistory checks that each update of an object records as before the name the
// update before it left.
func checkUnbrokenHistory(t *testing.T, st *store.Store, object string, id int64) {
	t.Helper()
	rows, err := st.DB().QueryContext(context.Background(), `SELECT before, after FROM audit_log
		WHERE object_type = $1 AND object_id = $2 AND action = 'update' ORDER BY seq`, object, fmt.Sprint(id))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var last string
	for rows.Next() {
		var before, after string
		if err := rows.Scan(&before, &after); err != nil {
			t.Fatal(err)
		}
		var b, a struct{ Name string }
		if err := errors.Join(json.Unmarshal([]byte(before), &b), json.Unmarshal([]byte(after), &a)); err != nil {
			t.Fatal(err)
		}
		if last != "" && b.Name != last {
			t.Fatalf("%s %d: an edit recorded %q as before, but the edit before it left %q", object, id, b.Name, last)
		}
		last = a.Name
	}
	if err := rows.Err(); err != nil || last == "" {
		t.Fatalf("%s %d: no edits recorded (%v)", object, id, err)
	}
}
