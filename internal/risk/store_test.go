package risk

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/rules"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/web"
)

func TestSaveFactors(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c, ctx := mustCity(t, st), context.Background()
		id, _ := c.mustBusiness(t, "production", "dairy", 0, 0)
		bad := StaticFactors{Sector: SectorProduction, FloorArea: -1, ProductCategories: []string{"dairy", "moon_cheese"}}
		e := apperr.From(c.svc.SaveFactors(ctx, id, bad))
		if e.Code != apperr.Invalid || len(e.Fields) != 2 || e.Fields[0].Field != "risk_floor_area" || e.Fields[1].Rule != "one_of" {
			t.Fatalf("bad factors: got %v %+v", e, e.Fields)
		}
		if err := c.svc.SaveFactors(ctx, id+100, producer("dairy")); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("unknown business: got %v", err)
		}
		for _, f := range []StaticFactors{producer("dairy"), producer("dairy", "meat")} {
			if err := c.svc.SaveFactors(ctx, id, f); err != nil {
				t.Fatal(err)
			}
		}
		got, ok, err := c.svc.Factors(ctx, id)
		if err != nil || !ok || len(got.ProductCategories) != 2 {
			t.Fatalf("read back: %+v %v %v", got, ok, err)
		}
		var audited int
		if err := st.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE object_type = 'risk_factors'`).Scan(&audited); err != nil || audited != 2 {
			t.Errorf("audit entries: %d, %v; want 2", audited, err)
		}
	})
}

func TestImportHistoryAllOrNothing(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c, ctx := mustCity(t, st), context.Background()
		id, uscc := c.mustBusiness(t, "sales", "supermarket", 300, 800)
		bad := "统一社会信用代码,类型,日期,检查结果,全项检查\n" +
			uscc + ",监督检查,2024-03-01,符合,是\n" +
			uscc + ",监督检查,2024-13-01,好,\n" + // row 3: bad date and result
			"91330100MA99999999,行政处罚,2024-03-01,,\n" + // row 4: unknown business
			uscc + ",罚款,2024-03-01,,\n" // row 5: unknown kind
		_, err := c.svc.ImportHistory(ctx, "bad.csv", []byte(bad), nil)
		e := apperr.From(err)
		var got []string
		for _, f := range e.Fields {
			got = append(got, f.Field+":"+f.Rule+"@"+string(rune('0'+f.Row)))
		}
		want := "risk_date:date@3 risk_result:one_of@3 risk_uscc:not_registered@4 risk_kind:one_of@5"
		if e.Code != apperr.Invalid || strings.Join(got, " ") != want {
			t.Fatalf("bad file: got %v %q, want %q", err, strings.Join(got, " "), want)
		}
		if ev, _ := c.svc.Events(ctx, id); len(ev) != 0 {
			t.Fatalf("a refused import wrote %d events", len(ev))
		}
		good := "uscc,kind,date,until,result,full_checklist\n" +
			uscc + ",inspection,2024-03-01,,basic,1\n" +
			uscc + ",serious_dishonesty,2023-05-01,2026-05-01,,\n"
		rep, err := c.svc.ImportHistory(ctx, "good.csv", []byte(good), nil)
		if err != nil || rep.New != 2 {
			t.Fatalf("good file: %+v, %v", rep, err)
		}
		rep, err = c.svc.ImportHistory(ctx, "good.xlsx", mustWorkbook(t, [][]any{
			{"统一社会信用代码", "类型", "日期", "检查结果"}, {uscc, "抽检不合格", "2024/4/2", ""}}), nil)
		if err != nil || rep.New != 1 {
			t.Fatalf("workbook: %+v, %v", rep, err)
		}
		ev, err := c.svc.Events(ctx, id)
		if err != nil || len(ev) != 3 {
			t.Fatalf("events: %+v %v", ev, err)
		}
		if ev[0].Kind != EventSeriousDishonesty || ev[0].Until == nil || !ev[1].FullChecklist || ev[1].Result != ResultBasic ||
			ev[2].Kind != EventSamplingFailure || !ev[2].On.Equal(time.Date(2024, 4, 2, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("events read back: %+v", ev)
		}
		for _, file := range [][]byte{[]byte("uscc,日期\n1,2\n"), []byte("PK\x03\x04broken"), []byte("uscc,kind,date\n")} {
			if _, err := c.svc.ImportHistory(ctx, "x", file, nil); apperr.From(err).Code != apperr.Invalid || apperr.From(err).Fields[0].Field != "file" {
				t.Errorf("file %q: got %v, want an error on the file", file[:min(len(file), 12)], err)
			}
		}
	})
}

func mustWorkbook(tb testing.TB, rows [][]any) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			tb.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// TestRecomputeAllKeepsHistory grades a small city twice, the second time after the city
// moved a grade band: both grades are kept, each with the rule versions it applied.
func TestRecomputeAllKeepsHistory(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c, ctx := mustCity(t, st), context.Background()
		shop, shopUSCC := c.mustBusiness(t, "sales", "supermarket", 5000, 20000) // registry factors: 4 + 2 = 6
		maker, _ := c.mustBusiness(t, "production", "dairy", 0, 0)
		farm, _ := c.mustBusiness(t, "farm", "planting", 0, 0)
		closed, _ := c.mustBusiness(t, "sales", "grocery", 50, 10)
		if _, err := st.DB().ExecContext(ctx, `UPDATE businesses SET status = 'closed' WHERE id = $1`, closed); err != nil {
			t.Fatal(err)
		}
		if err := c.svc.SaveFactors(ctx, maker, producer("dairy", "candy")); err != nil {
			t.Fatal(err)
		}
		history := "uscc,kind,date,result\n" + shopUSCC + ",inspection,2026-01-10,non_compliant\n" + shopUSCC + ",complaint,2026-02-10,\n"
		if _, err := c.svc.ImportHistory(ctx, "h.csv", []byte(history), nil); err != nil {
			t.Fatal(err)
		}
		at := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
		var progress []int
		sum, err := c.svc.RecomputeAll(ctx, at, false, func(done, total int) { progress = append(progress, done, total) })
		if err != nil || sum.Graded[GradeA] != 1 || sum.Graded[GradeB] != 1 || sum.Skipped != 1 || !slices.Equal(progress, []int{0, 3, 3, 3}) {
			t.Fatalf("recompute: %+v %v progress %v", sum, err, progress)
		}
		h, err := c.svc.History(ctx, shop)
		if err != nil || len(h) != 1 {
			t.Fatalf("history: %d %v", len(h), err)
		}
		g := h[0]
		if g.Total != 8+25+3 || g.Grade != GradeB || len(g.Lines) != 10 || !strings.Contains(g.RuleRefs, "risk-static/v1") {
			t.Errorf("shop graded %v %s with %d lines under %q", g.Total, g.Grade, len(g.Lines), g.RuleRefs)
		}
		if h, _ := c.svc.History(ctx, farm); len(h) != 0 {
			t.Errorf("a farm was graded")
		}
		admin := &web.User{ID: 1, Login: "admin", Role: string(access.RoleCityAdmin)}
		book, _ := rules.New(st)
		if err := book.Override(ctx, mustAdminUser(t, st, admin), "risk.grade_band.a_max", json.RawMessage("40"), "本市放宽A级"); err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.RecomputeAll(ctx, time.Now(), false, nil); err != nil {
			t.Fatal(err)
		}
		h, _ = c.svc.History(ctx, shop)
		if len(h) != 2 || h[0].Grade != GradeA || !strings.Contains(h[0].RuleRefs, "risk-2016/v1/override-") || strings.Contains(h[1].RuleRefs, "override") {
			t.Errorf("after A was widened to 40: %d grades, the newest %s, refs %q then %q", len(h), h[0].Grade, h[0].RuleRefs, h[1].RuleRefs)
		}
		one, err := c.svc.GradeBusiness(ctx, maker, at, true)
		if err != nil || one.Scheme != Scheme2022Draft || one.Static != 26 {
			t.Errorf("grade one producer under the draft: %+v %v", one, err)
		}
		if _, err := c.svc.GradeBusiness(ctx, farm, at, false); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("grade a farm: got %v", err)
		}
		if _, err := c.svc.GradeBusiness(ctx, closed+100, at, false); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("grade an unknown business: got %v", err)
		}
	})
}

// mustAdminUser stores an account for u in the test city's first org unit.
func mustAdminUser(tb testing.TB, st *store.Store, u *web.User) *web.User {
	tb.Helper()
	ctx := context.Background()
	err := st.DB().QueryRowContext(ctx, `INSERT INTO users (login, display_name, org_unit_id, password_hash, created_at)
		VALUES ($1, $1, (SELECT MIN(id) FROM org_units), 'x', $2) RETURNING id, org_unit_id`, u.Login, time.Now().UTC()).Scan(&u.ID, &u.OrgUnitID)
	if err == nil {
		_, err = st.DB().ExecContext(ctx, `INSERT INTO user_roles (user_id, role) VALUES ($1, $2)`, u.ID, u.Role)
	}
	if err != nil {
		tb.Fatalf("create admin: %v", err)
	}
	return u
}
