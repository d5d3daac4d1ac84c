package inspect

import (
	"context"
	"strconv"
	"testing"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/seal"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

func TestSeedDefaultsOnce(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		s := mustService(t, st)
		if n, err := s.SeedDefaults(context.Background()); err != nil || n != 0 {
			t.Fatalf("second seed stored %d: %v", n, err)
		}
		list, err := s.List(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != len(Sectors) {
			t.Fatalf("%d templates after seeding twice, want %d", len(list), len(Sectors))
		}
		for i, v := range list {
			if v.Sector != Sectors[i] || v.Version != 1 || v.Status != Published || !v.Default || v.Items == 0 || v.KeyItems == 0 {
				t.Errorf("template %d: %+v", i, v)
			}
		}
		c := mustCurrent(t, s, SectorCatering)
		if c.Rule.MaxGeneralFailures != 8 || c.Rule.MaxKeyFailures != 0 || c.Rule.Source != "inspection/v1 "+ruleKey+" [M]" {
			t.Errorf("seeded rule %+v", c.Rule)
		}
		if c.PublishedBy != "system" || c.PublishedAt == nil {
			t.Errorf("published by %q at %v", c.PublishedBy, c.PublishedAt)
		}
	})
}

func TestPublishedVersionIsFinal(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		s, ctx := mustService(t, st), adminCtx()
		def := mustCurrent(t, s, SectorSales)
		changed := def.Content
		changed.Title = "改过的标题"
		_, err := s.Update(ctx, def.ID, changed)
		if e := apperr.From(err); e.Code != apperr.Conflict || e.Key != "inspect.published_final" || e.Params["by"] != "system" {
			t.Fatalf("update of a published version: %v", err)
		}
		// The guard refuses what bypasses the service.
		_, err = st.DB().ExecContext(ctx, `UPDATE inspect_template_items SET text = 'x' WHERE template_id = $1`, def.ID)
		if !seal.IsSealedViolation(err) {
			t.Fatalf("direct update of a published item: %v", err)
		}
		if _, err := s.Publish(ctx, def.ID); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("publish twice: %v", err)
		}
		if again, _ := s.Get(ctx, def.ID); again.Title != def.Title || len(again.Items) != len(def.Items) {
			t.Fatalf("published version changed: %q, %d items", again.Title, len(again.Items))
		}
	})
}

func TestNewVersionAdjustAndPublish(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		s, ctx := mustService(t, st), adminCtx()
		def := mustCurrent(t, s, SectorCatering)
		draft, err := s.NewVersion(ctx, def.ID)
		if err != nil {
			t.Fatal(err)
		}
		if draft.Version != 2 || draft.Status != Draft || draft.Default || draft.BasedOn == nil || *draft.BasedOn != def.ID || draft.CreatedBy != "admin" {
			t.Fatalf("new version %+v", draft)
		}
		c := draft.Content
		c.Rule = ResultRule{MaxGeneralFailures: 5, Source: "江临市市场监管局2026年1号文"}
		c.Items = append(c.Items, ChecklistItem{Code: "4.9", Area: "加工制作过程", Text: "中央厨房配送食品温度记录", Points: points(2)})
		moved := c
		moved.Sector = SectorSales
		if _, err := s.Update(ctx, draft.ID, moved); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("moving a version to another sector: %v", err)
		}
		updated, err := s.Update(ctx, draft.ID, c)
		if err != nil {
			t.Fatal(err)
		}
		last := updated.Items[len(updated.Items)-1]
		if updated.Rule.MaxGeneralFailures != 5 || last.Area != "processing" || *last.Points != 2 {
			t.Fatalf("updated rule %+v, last item %+v", updated.Rule, last)
		}
		if _, err := s.Publish(ctx, draft.ID); err != nil {
			t.Fatal(err)
		}
		if cur := mustCurrent(t, s, SectorCatering); cur.ID != draft.ID || cur.Status != Published || cur.PublishedBy != "admin" {
			t.Fatalf("current after publishing v2: id %d v%d %s by %q", cur.ID, cur.Version, cur.Status, cur.PublishedBy)
		}
		var entries int
		err = st.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE object_type = $1 AND object_id = $2`,
			sealType, strconv.FormatInt(draft.ID, 10)).Scan(&entries)
		if err != nil || entries != 3 {
			t.Fatalf("%d audit entries for create, update, publish: %v", entries, err)
		}
	})
}

func TestCreateRefusals(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		s, ctx := mustService(t, st), adminCtx()
		bad := smallContent(ResultRule{})
		bad.Items[1].Area = "进口食品销售" // a sales area on a catering table
		if _, err := s.Create(ctx, bad); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("create with an unknown area: %v", err)
		}
		if _, err := s.Get(ctx, 999999); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("get unknown: %v", err)
		}
		if _, err := s.Publish(ctx, 999999); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("publish unknown: %v", err)
		}
		provincial := smallContent(ResultRule{MaxGeneralFailures: 3})
		provincial.Region = "浙江省"
		tpl, err := s.Create(ctx, provincial)
		if err != nil || tpl.Version != 1 || tpl.Region != "浙江省" {
			t.Fatalf("provincial draft %+v: %v", tpl, err)
		}
		if _, ok, err := s.Current(ctx, SectorCatering, "浙江省"); ok || err != nil {
			t.Fatalf("a draft is not current: %v %v", ok, err)
		}
	})
}
