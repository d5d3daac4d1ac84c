package app

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/draw"
	"github.com/shejian/shejian/internal/rules"
	"github.com/shejian/shejian/internal/store"
)

// The draw tasks (抽查任务) of the scope test are organized by a grid inside or outside the
// caller's scope. Businesses belong to stations, so a grid's directories are empty: its task
// commits and draws whatever staff the demo city has admitted as inspectors, and the test is
// about whose task it is, not what it draws.

// aimNewDrawTask is the JSON body of a new task in a grid inside or outside role's scope,
// each call with a new code.
func aimNewDrawTask(w *scopeWorld, role access.Role, inside bool) (string, bool) {
	nt, ok := w.newDrawTask(role, inside)
	if !ok {
		return "", false
	}
	body, err := json.Marshal(nt)
	if err != nil {
		w.t.Fatal(err)
	}
	return string(body), true
}

// aimConflict is the JSON body of a conflict (回避) declared by an officer inside role's
// scope with a business inside or outside it: the officer's side is checked like any
// person's, so the outside case is the business's.
func aimConflict(w *scopeWorld, role access.Role, inside bool) (string, bool) {
	business, ok := w.business(role, inside)
	if !ok {
		return "", false
	}
	person, ok := w.person(role, true)
	if !ok {
		return "", false
	}
	return fmt.Sprintf(`{"person_id":%d,"business_id":%d,"reason":"配偶为该店股东"}`, person, business), true
}

// aimDrawTask creates a committed task in a grid inside or outside role's scope, each call a
// new one since a request may draw it, and names it.
func aimDrawTask(w *scopeWorld, role access.Role, inside bool) (string, bool) {
	return w.drawTask(role, inside, false)
}

// aimDrawnTask is aimDrawTask's task drawn: one whose bundle is served and which may be
// published.
func aimDrawnTask(w *scopeWorld, role access.Role, inside bool) (string, bool) {
	return w.drawTask(role, inside, true)
}

// drawTask creates, as the system, a task in a grid inside or outside role's scope, draws
// it when drawn, and names it.
func (w *scopeWorld) drawTask(role access.Role, inside, drawn bool) (string, bool) {
	nt, ok := w.newDrawTask(role, inside)
	if !ok {
		return "", false
	}
	ctx := context.Background()
	draws := draw.NewStore(w.st, w.rules(), calendar.Default())
	task, err := draws.CreateTask(ctx, nt)
	if err != nil {
		w.t.Fatalf("create draw task %s: %v", nt.Config.TaskID, err)
	}
	if drawn {
		if _, err := draws.Draw(ctx, task.ID, "福彩3D 2026070"); err != nil {
			w.t.Fatalf("draw task %s: %v", nt.Config.TaskID, err)
		}
	}
	return itoa(task.ID), true
}

// newDrawTask is a task of a grid inside or outside role's scope under the rules' default
// config, with a new code.
func (w *scopeWorld) newDrawTask(role access.Role, inside bool) (draw.NewTask, bool) {
	grid, ok := w.unit(role, "grid", inside)
	if !ok {
		return draw.NewTask{}, false
	}
	w.serial++
	code := fmt.Sprintf("SCOPE-%d", w.serial)
	config, err := draw.DefaultConfig(context.Background(), w.rules(), time.Now(), code, "范围测试抽查 "+code)
	if err != nil {
		w.t.Fatal(err)
	}
	return draw.NewTask{OrgUnitID: grid, Items: []string{}, Config: config}, true
}

// rules is the rule book of the world's store, as the app reads it.
func (w *scopeWorld) rules() *rules.Book {
	book, err := rules.New(w.st)
	if err != nil {
		w.t.Fatal(err)
	}
	return book
}

// publishedDrawTask creates, draws and publishes a draw task of grid, whose directories are
// empty (see above), and returns its id and code: the pages test opens its staff and
// public pages.
func publishedDrawTask(t testing.TB, st *store.Store, grid int64) (string, string) {
	t.Helper()
	ctx := context.Background()
	book, err := rules.New(st)
	if err != nil {
		t.Fatal(err)
	}
	draws := draw.NewStore(st, book, calendar.Default())
	config, err := draw.DefaultConfig(ctx, book, time.Now(), "PAGES-1", "页面测试抽查")
	if err != nil {
		t.Fatal(err)
	}
	task, err := draws.CreateTask(ctx, draw.NewTask{OrgUnitID: grid, Items: []string{}, Config: config})
	if err != nil {
		t.Fatalf("create draw task: %v", err)
	}
	if _, err := draws.Draw(ctx, task.ID, "福彩3D 2026070"); err != nil {
		t.Fatalf("draw task: %v", err)
	}
	if _, err := draws.Publish(ctx, task.ID); err != nil {
		t.Fatalf("publish draw task: %v", err)
	}
	return itoa(task.ID), task.Code
}
