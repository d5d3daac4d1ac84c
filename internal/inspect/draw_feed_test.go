package inspect

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/journal"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// mustDrawnTask writes a drawn task of the city with one assignment per business (the
// inspectors given seated in order) and its journal entry, as the draw package does.
func (c *inspectCity) mustDrawnTask(t *testing.T, code string, assignments map[int64][]int64, businesses ...int64) int64 {
	t.Helper()
	ctx := context.Background()
	var task int64
	err := c.st.Tx(ctx, func(tx *sql.Tx) error {
		now := time.Now().UTC()
		err := tx.QueryRowContext(ctx, `INSERT INTO draw_tasks (code, name, org_unit_id, status, inputs, input_digest,
			seed_sha256, seed, committed_at, drawn_at) VALUES ($1, '抽查', $2, 'drawn', '{}', 'd', 's', 'seed', $3, $3)
			RETURNING id`, code, c.district[0], now).Scan(&task)
		if err != nil {
			return err
		}
		for seq, b := range businesses {
			if _, err := tx.ExecContext(ctx, `INSERT INTO draw_assignments (task_id, seq, business_id) VALUES ($1, $2, $3)`,
				task, seq+1, b); err != nil {
				return err
			}
			for seat, p := range assignments[b] {
				if _, err := tx.ExecContext(ctx, `INSERT INTO draw_assignment_inspectors (task_id, seq, seat, person_id)
					VALUES ($1, $2, $3, $4)`, task, seq+1, seat+1, p); err != nil {
					return err
				}
			}
		}
		_, err = journal.Append(ctx, tx, journal.Entry{Topic: topicDrawn, Key: fmt.Sprint(task), Payload: map[string]any{"assignments": len(businesses)}})
		return err
	})
	if err != nil {
		t.Fatalf("drawn task %s: %v", code, err)
	}
	return task
}

// TestDrawnTasksBecomeInspections: every business drawn gets one daily inspection from the
// draw with the drawn inspectors seated, however often the entry is delivered; an
// assignment the lifecycle refuses (a single inspector) is skipped, not retried forever.
func TestDrawnTasksBecomeInspections(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c, ctx := newInspectCity(t, st), context.Background()
		d := journal.NewDispatcher(st, journal.Options{})
		c.svc.Subscribe(d)
		task := c.mustDrawnTask(t, "T1", map[int64][]int64{
			c.shop: {c.officers[1], c.officers[0]},
			c.far:  {c.officers[4]}, // one inspector: Order 49 art. 23 wants two
		}, c.shop, c.far)
		if n, err := d.DrainOnce(ctx); err != nil || n != 1 {
			t.Fatalf("delivered %d, %v; want the one entry", n, err)
		}
		in, err := c.svc.Get(ctx, NamedUUID(fmt.Sprintf("draw/%d/1", task)))
		if err != nil {
			t.Fatal(err)
		}
		if in.Source != FromDraw || in.SourceRef != fmt.Sprintf("%d/1", task) || in.Kind != Daily || in.Status != Assigned ||
			in.TemplateID != c.template.ID || len(in.Inspectors) != 2 || in.Inspectors[0].PersonID != c.officers[1] {
			t.Errorf("inspection from the draw %+v", in)
		}
		if _, err := c.svc.Get(ctx, NamedUUID(fmt.Sprintf("draw/%d/2", task))); err == nil {
			t.Error("an assignment with one inspector became an inspection")
		}

		// A repeated entry of the same task creates nothing more.
		err = st.Tx(ctx, func(tx *sql.Tx) error {
			_, err := journal.Append(ctx, tx, journal.Entry{Topic: topicDrawn, Key: fmt.Sprint(task), Payload: map[string]any{}})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if n, err := d.DrainOnce(ctx); err != nil || n != 1 {
			t.Fatalf("delivered %d, %v", n, err)
		}
		var count int
		if err := st.DB().QueryRow(`SELECT count(*) FROM inspections WHERE source = 'draw'`).Scan(&count); err != nil || count != 1 {
			t.Errorf("%d inspections from draws, %v; want 1", count, err)
		}
	})
}
