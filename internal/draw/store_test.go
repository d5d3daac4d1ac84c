package draw

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

func (f *cityFixture) newTask(t *testing.T, code string, orgUnit int64) NewTask {
	t.Helper()
	c, err := DefaultConfig(context.Background(), f.book, time.Now(), code, "双随机抽查 "+code)
	if err != nil {
		t.Fatal(err)
	}
	c.ExcludeOwnStation = true
	return NewTask{OrgUnitID: orgUnit, Items: []string{"I-01"}, Config: c}
}

func TestTaskFromCommitmentToPublication(t *testing.T) {
	ctx := context.Background()
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		f := newCityFixture(t, st)
		if err := f.draws.SaveItem(ctx, f.city, InspectionItem{ID: "I-01", Name: "餐饮服务日常监督检查", Basis: "食品生产经营监督检查管理办法 第二十条", RatioPercent: 20, Frequency: "每年1次"}); err != nil {
			t.Fatal(err)
		}
		// An inspector of the business's own district and one of the other declare an interest.
		conflicted := f.businesses[0]
		for _, p := range []int64{f.inspectors[4], f.inspectors[8]} {
			if err := f.draws.DeclareConflict(ctx, p, conflicted, "配偶为该店股东"); err != nil {
				t.Fatal(err)
			}
		}
		for _, b := range f.businesses[:10] {
			if err := f.draws.SetCreditClass(ctx, b, ClassD); err != nil {
				t.Fatal(err)
			}
		}
		task, err := f.draws.CreateTask(ctx, f.newTask(t, "2026-001", f.city))
		if err != nil {
			t.Fatalf("CreateTask: %v", err)
		}
		if task.Status != TaskCommitted || len(task.Commitment.InputDigest) != 64 || len(task.Commitment.SeedSHA256) != 64 {
			t.Fatalf("task %+v", task)
		}
		if _, err := f.draws.Bundle(ctx, task.ID); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("bundle before the draw: %v, want the seed kept secret", err)
		}
		drawn, err := f.draws.Draw(ctx, task.ID, "2026-03-02 上证指数收盘 3361.54")
		if err != nil {
			t.Fatalf("Draw: %v", err)
		}
		due := calendar.Default().Deadline(drawn.DrawnAt.In(calendar.China), 20).Due
		if drawn.Status != TaskDrawn || drawn.PublishDue == nil || !drawn.PublishDue.Equal(due) {
			t.Errorf("drawn task %+v, want publish due %s", drawn, due)
		}
		if _, err := f.draws.Draw(ctx, task.ID, ""); apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("second draw: %v, want a conflict", err)
		}
		b := checkStoredBundle(t, f, task)
		recused := f.recusedByBusiness(t, task.ID)
		if !slices.Contains(recused[conflicted], f.inspectors[4]) || !slices.Contains(recused[conflicted], f.inspectors[8]) {
			t.Errorf("business %d recuses %v, want the inspectors %d and %d who declared a conflict", conflicted, recused[conflicted], f.inspectors[4], f.inspectors[8])
		}
		businesses, people := f.registryResult(t, task.ID, b.Result)
		for i, business := range businesses {
			if business == conflicted && slices.Contains(people[i], f.inspectors[4]) {
				t.Errorf("inspector %d seated on %d despite the declared conflict", f.inspectors[4], conflicted)
			}
		}
		checkDeadline(t, f, drawn)
	})
}

// checkStoredBundle verifies the stored task's bundle and its rows.
func checkStoredBundle(t *testing.T, f *cityFixture, task Task) *Bundle {
	t.Helper()
	ctx := context.Background()
	b, err := f.draws.Bundle(ctx, task.ID)
	if err != nil {
		t.Fatal(err)
	}
	sum := mustVerify(t, b, task.Commitment)
	if sum.Entities != 40 || sum.Inspectors != 16 || len(b.Inputs.Items) != 1 {
		t.Errorf("inputs: %+v (the closed business and the coordinator are no inputs)", sum)
	}
	if sum.Strata[3].Population != 10 || sum.Strata[3].Selected != 10 || sum.Strata[1].Population != 30 || sum.Strata[1].Selected != 6 {
		t.Errorf("strata %+v, want all 10 of class D and 6 of 30 of class B", sum.Strata)
	}
	var rows, seats int
	db := f.st.ReadDB()
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM draw_assignments WHERE task_id = $1`, task.ID).Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM draw_assignment_inspectors WHERE task_id = $1`, task.ID).Scan(&seats); err != nil {
		t.Fatal(err)
	}
	if rows != sum.Assignments || seats != 2*sum.Assignments {
		t.Errorf("%d assignment rows and %d seats for %d assignments", rows, seats, sum.Assignments)
	}
	return b
}

// checkDeadline follows the publication deadline: late the day after it, in time on it.
func checkDeadline(t *testing.T, f *cityFixture, drawn Task) {
	t.Helper()
	ctx := context.Background()
	for _, tt := range []struct {
		today time.Time
		late  bool
	}{{*drawn.PublishDue, false}, {drawn.PublishDue.AddDate(0, 0, 1), true}} {
		late, err := f.draws.Overdue(ctx, tt.today)
		if err != nil || (len(late) == 1) != tt.late {
			t.Errorf("overdue on %s: %v %v, want late %v", tt.today.Format(time.DateOnly), late, err, tt.late)
		}
	}
	published, err := f.draws.Publish(ctx, drawn.ID)
	if err != nil || published.Status != TaskPublished || published.PublishedAt == nil {
		t.Fatalf("Publish: %+v %v", published, err)
	}
	if late, _ := f.draws.Overdue(ctx, drawn.PublishDue.AddDate(0, 1, 0)); len(late) != 0 {
		t.Errorf("a published task is overdue: %+v", late)
	}
	if _, err := f.draws.Publish(ctx, drawn.ID); apperr.CodeOf(err) != apperr.Conflict {
		t.Errorf("second publication: %v", err)
	}
}

func TestNextDrawRecusesThePreviousInspectors(t *testing.T) {
	ctx := context.Background()
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		f := newCityFixture(t, st)
		if err := f.draws.SaveItem(ctx, f.city, InspectionItem{ID: "I-01", Name: "日常检查", Basis: "第49号令", RatioPercent: 20}); err != nil {
			t.Fatal(err)
		}
		first, err := f.draws.CreateTask(ctx, f.newTask(t, "2026-001", f.city))
		if err == nil {
			_, err = f.draws.Draw(ctx, first.ID, "")
		}
		if err != nil {
			t.Fatal(err)
		}
		before, err := f.draws.Bundle(ctx, first.ID)
		if err != nil {
			t.Fatal(err)
		}
		second, err := f.draws.CreateTask(ctx, f.newTask(t, "2026-002", f.city))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.draws.Draw(ctx, second.ID, ""); err != nil {
			t.Fatal(err)
		}
		after, err := f.draws.Bundle(ctx, second.ID)
		if err != nil {
			t.Fatal(err)
		}
		firstBusinesses, firstPeople := f.registryResult(t, first.ID, before.Result)
		recused := f.recusedByBusiness(t, second.ID)
		for i, business := range firstBusinesses {
			if got := recused[business]; !slices.Equal(got, slices.Sorted(slices.Values(firstPeople[i]))) {
				t.Errorf("business %d: recused %v in the next task, drawn with %v", business, got, firstPeople[i])
			}
		}
		businesses, people := f.registryResult(t, second.ID, after.Result)
		for i, business := range businesses {
			for _, p := range people[i] {
				if slices.Contains(recused[business], p) {
					t.Errorf("business %d drawn again with its previous inspector %d", business, p)
				}
			}
		}
	})
}

func TestStoreRefusesBadInput(t *testing.T) {
	ctx := context.Background()
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		f := newCityFixture(t, st)
		assertField(t, f.draws.SaveItem(ctx, f.city, InspectionItem{ID: "I-02", Name: "检查", Basis: "第49号令", RatioPercent: 101}), "ratio_percent", "max")
		assertField(t, f.draws.SaveItem(ctx, f.city, InspectionItem{ID: "I-02", Name: "检查"}), "basis", "required")
		assertField(t, f.draws.SaveItem(ctx, 99999, InspectionItem{ID: "I-02", Name: "检查", Basis: "第49号令"}), "org_unit_id", "not_found")
		assertField(t, f.draws.AdmitInspector(ctx, f.coordinator), "person_id", "draw_not_inspector")
		assertField(t, f.draws.SetCreditClass(ctx, f.businesses[0], "E"), "credit_class", "one_of")
		assertField(t, f.draws.DeclareConflict(ctx, f.inspectors[0], 99999, "亲属"), "business_id", "not_found")
		if err := f.draws.SaveItem(ctx, f.city, InspectionItem{ID: "I-01", Name: "检查", Basis: "第49号令", RatioPercent: 10}); err != nil {
			t.Fatal(err)
		}
		bad := f.newTask(t, "2026-009", f.city)
		bad.Config.RatioPercent[ClassB] = -1
		_, err := f.draws.CreateTask(ctx, bad)
		assertField(t, err, "config.ratio_percent.B", "min")
		missing := f.newTask(t, "2026-009", f.city)
		missing.Items = []string{"I-404"}
		_, err = f.draws.CreateTask(ctx, missing)
		assertField(t, err, "items[0]", "not_found")
		// A station's own inspectors are all recused from its businesses: a task of one
		// station that excludes the own station cannot seat anyone, and is refused whole.
		_, err = f.draws.CreateTask(ctx, f.newTask(t, "2026-010", f.stations[0]))
		var why *InfeasibleError
		if !errors.As(err, &why) || why.OwnStation != 4 || why.Eligible != 0 {
			t.Fatalf("station task: %v", err)
		}
		if _, err := f.draws.CreateTask(ctx, f.newTask(t, "2026-011", f.city)); err != nil {
			t.Fatal(err)
		}
		_, err = f.draws.CreateTask(ctx, f.newTask(t, "2026-011", f.city))
		assertField(t, err, "config.task_id", "unique")
		var tasks int
		if err := st.ReadDB().QueryRowContext(ctx, `SELECT COUNT(*) FROM draw_tasks`).Scan(&tasks); err != nil || tasks != 1 {
			t.Errorf("%d tasks stored (%v), want only the good one", tasks, err)
		}
		if _, err := f.draws.Draw(ctx, 404, ""); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("draw of no task: %v", err)
		}
	})
}
