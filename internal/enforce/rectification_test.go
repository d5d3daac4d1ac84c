package enforce

import (
	"context"
	"reflect"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

func TestSignedInspectionOrdersOneRectification(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c := newEnforceCity(t, st)
		fact := c.signed("u-1", 0, []string{}, []string{"4.1", "6.1"})
		c.deliver(t, fact)
		c.deliver(t, fact) // the same fact again, as a retry would bring it
		if _, err := st.DB().ExecContext(context.Background(), `UPDATE journal_deliveries SET status = 'pending'`); err != nil {
			t.Fatal(err)
		}
		c.drain(t) // and every delivery redone
		list, err := c.svc.Rectifications(c.officer(0), RectificationFilter{})
		if err != nil || len(list) != 1 {
			t.Fatalf("rectifications = %+v, %v; want exactly one", list, err)
		}
		r := list[0]
		// 10 working days from Thu 24 Sep 2026 skip Mid-Autumn and National Day and count
		// the make-up Saturday 10 Oct.
		if r.InspectionUUID != "u-1" || !reflect.DeepEqual(r.Items, []string{"4.1", "6.1"}) || r.Status != Open ||
			!r.DueOn.Equal(day("2026-10-15")) || r.RuleRef != "enforce/v1" || r.BusinessName != "饭店0" {
			t.Errorf("rectification = %+v", r)
		}
		if n := countRows(t, st, `SELECT count(*) FROM journal_entries WHERE topic = $1`, TopicRectificationOrdered); n != 1 {
			t.Errorf("%d ordered facts, want 1", n)
		}
		if n := countRows(t, st, `SELECT count(*) FROM audit_log WHERE object_type = 'rectification'`); n != 1 {
			t.Errorf("%d audit entries, want 1", n)
		}
		if n := countRows(t, st, `SELECT count(*) FROM cases`); n != 0 {
			t.Errorf("%d cases from general failures only, want none", n)
		}
	})
}

func TestSignedInspectionWithoutFailureOrdersNothing(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c := newEnforceCity(t, st)
		c.deliver(t, c.signed("u-1", 0, []string{}, []string{}))
		if n := countRows(t, st, `SELECT (SELECT count(*) FROM rectifications) + (SELECT count(*) FROM cases)`); n != 0 {
			t.Errorf("%d records, want none", n)
		}
	})
}

func TestCorrectionReplacesRectification(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c := newEnforceCity(t, st)
		c.deliver(t, c.signed("u-1", 0, []string{}, []string{"4.1"}))
		corr := c.signed("u-2", 0, []string{}, []string{"6.1"})
		corr["corrects"] = "u-1"
		c.deliver(t, corr)
		list, err := c.svc.Rectifications(c.officer(0), RectificationFilter{})
		if err != nil || len(list) != 2 {
			t.Fatalf("rectifications = %+v, %v; want two", list, err)
		}
		byUUID := map[string]*Rectification{list[0].InspectionUUID: list[0], list[1].InspectionUUID: list[1]}
		if old := byUUID["u-1"]; old.Status != Replaced || old.ReplacedBy != "u-2" {
			t.Errorf("old = %+v, want replaced by u-2", old)
		}
		if n := byUUID["u-2"]; n.Status != Open || n.Corrects != "u-1" || !reflect.DeepEqual(n.Items, []string{"6.1"}) {
			t.Errorf("new = %+v", n)
		}
		live, _ := c.svc.Rectifications(c.officer(0), RectificationFilter{Live: true})
		if len(live) != 1 || live[0].InspectionUUID != "u-2" {
			t.Errorf("live = %+v, want only the correction's", live)
		}
	})
}

// TestCorrectionBeforeOriginal: a correction delivered first keeps the late original from
// ordering anything.
func TestCorrectionBeforeOriginal(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c := newEnforceCity(t, st)
		corr := c.signed("u-2", 0, []string{}, []string{"6.1"})
		corr["corrects"] = "u-1"
		c.deliver(t, corr)
		c.deliver(t, c.signed("u-1", 0, []string{}, []string{"4.1"}))
		if n := countRows(t, st, `SELECT count(*) FROM rectifications`); n != 1 {
			t.Errorf("%d rectifications, want only the correction's", n)
		}
	})
}

func TestRecheck(t *testing.T) {
	tests := []struct {
		name   string
		in     RecheckInput
		status Status
		due    string
		topic  string
	}{
		{"passed closes", RecheckInput{CheckedOn: "2026-10-14", Passed: true}, Closed, "2026-10-15", TopicRectificationClosed},
		{"failed with a new deadline", RecheckInput{CheckedOn: "2026-10-14", NewDueOn: "2026-10-30"}, Open, "2026-10-30", ""},
		{"failed escalates", RecheckInput{CheckedOn: "2026-10-14", Note: "仍未整改"}, Escalated, "2026-10-15", TopicRectificationEscalated},
	}
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c := newEnforceCity(t, st)
		c.setToday(day("2026-10-14").Add(10 * 3600e9))
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				uuid := "u-" + string(rune('a'+i))
				c.deliver(t, c.signed(uuid, 0, []string{}, []string{"4.1"}))
				id := countRows(t, st, `SELECT id FROM rectifications WHERE inspection_uuid = $1`, uuid)
				r, err := c.svc.Recheck(c.officer(0), int64(id), tt.in)
				if err != nil {
					t.Fatal(err)
				}
				if r.Status != tt.status || !r.DueOn.Equal(day(tt.due)) || len(r.Rechecks) != 1 || r.Rechecks[0].Passed != tt.in.Passed {
					t.Errorf("after recheck = %+v", r)
				}
				if tt.topic != "" {
					if n := countRows(t, st, `SELECT count(*) FROM journal_entries WHERE topic = $1 AND key = $2`, tt.topic, uuid); n != 1 {
						t.Errorf("%d %s facts, want 1", n, tt.topic)
					}
				}
				if _, err := c.svc.Recheck(c.officer(0), int64(id), tt.in); tt.status == Closed && codeOf(err) != "conflict enforce.rectification_done" {
					t.Errorf("recheck of a closed rectification: %v, want a conflict", err)
				}
			})
		}
	})
}

func TestRecheckRefusals(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c := newEnforceCity(t, st)
		c.deliver(t, c.signed("u-1", 0, []string{}, []string{"4.1"}))
		id := int64(countRows(t, st, `SELECT id FROM rectifications`))
		tests := []struct {
			name string
			ctx  context.Context
			in   RecheckInput
			want string
		}{
			{"other station", c.officer(1), RecheckInput{CheckedOn: "2026-09-24", Passed: true}, "forbidden access.out_of_scope"},
			{"operator may not write", c.operator(0), RecheckInput{CheckedOn: "2026-09-24", Passed: true}, "forbidden access.out_of_scope"},
			{"no date", c.officer(0), RecheckInput{Passed: true}, "invalid "},
			{"future", c.officer(0), RecheckInput{CheckedOn: "2026-09-25", Passed: true}, "invalid "},
			{"new deadline on a pass", c.officer(0), RecheckInput{CheckedOn: "2026-09-24", Passed: true, NewDueOn: "2026-10-30"}, "invalid "},
			{"new deadline not after the check", c.officer(0), RecheckInput{CheckedOn: "2026-09-24", NewDueOn: "2026-09-24"}, "invalid "},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if _, err := c.svc.Recheck(tt.ctx, id, tt.in); codeOf(err) != tt.want {
					t.Errorf("got %v (%s), want %s", err, codeOf(err), tt.want)
				}
			})
		}
		if n := countRows(t, st, `SELECT count(*) FROM rectification_rechecks`); n != 0 {
			t.Errorf("%d rechecks written by refused calls", n)
		}
	})
}

func TestOverdueEscalation(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c := newEnforceCity(t, st)
		c.deliver(t, c.signed("u-1", 0, []string{}, []string{"4.1"}))
		c.deliver(t, c.signed("u-2", 1, []string{}, []string{"4.1"}))
		c.deliver(t, c.signed("u-3", 2, []string{}, []string{"4.1"}))
		ctx := context.Background()
		c.setToday(day("2026-10-15").Add(12 * 3600e9)) // the due day itself: not overdue yet
		if n, err := c.svc.EscalateOverdue(ctx, access.Everywhere); err != nil || n != 0 {
			t.Fatalf("escalated %d, %v on the due day; want none", n, err)
		}
		c.setToday(day("2026-10-16").Add(12 * 3600e9))
		d2 := access.Scope{Path: c.paths[c.district[1]], DistrictID: c.district[1]}
		if n, err := c.svc.EscalateOverdue(ctx, d2); err != nil || n != 1 {
			t.Fatalf("escalated %d, %v in D2; want its one", n, err)
		}
		if n, err := c.svc.EscalateOverdue(ctx, access.Everywhere); err != nil || n != 2 {
			t.Fatalf("escalated %d, %v; want the other 2", n, err)
		}
		if n, err := c.svc.EscalateOverdue(ctx, access.Everywhere); err != nil || n != 0 {
			t.Fatalf("escalated %d, %v again; want none", n, err)
		}
		if n := countRows(t, st, `SELECT count(*) FROM journal_entries WHERE topic = $1`, TopicRectificationEscalated); n != 3 {
			t.Errorf("%d escalated facts, want 3", n)
		}
		counts, err := c.svc.OverdueByStation(c.districtAdmin(0), 0)
		if err != nil || len(counts) != 2 {
			t.Fatalf("D1's overdue by station = %+v, %v; want S11 and S12", counts, err)
		}
		for _, n := range counts {
			if n.DistrictID != c.district[0] || n.Overdue != 1 || n.Escalated != 1 {
				t.Errorf("count = %+v", n)
			}
		}
		list, err := c.svc.Rectifications(c.officer(0), RectificationFilter{Overdue: true})
		if err != nil || len(list) != 1 || list[0].InspectionUUID != "u-1" || !list[0].Overdue || list[0].EscalatedAt == nil {
			t.Errorf("S11's overdue = %+v, %v; want u-1 escalated", list, err)
		}
	})
}

func TestRectificationScope(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c := newEnforceCity(t, st)
		c.deliver(t, c.signed("u-1", 0, []string{}, []string{"4.1"}))
		c.deliver(t, c.signed("u-3", 2, []string{}, []string{"4.1"}))
		id := int64(countRows(t, st, `SELECT id FROM rectifications WHERE inspection_uuid = 'u-1'`))
		tests := []struct {
			name string
			ctx  context.Context
			list int
			sees bool
		}{
			{"station", c.officer(0), 1, true},
			{"other station", c.officer(1), 0, false},
			{"district", c.districtAdmin(0), 1, true},
			{"other district", c.districtAdmin(1), 1, false},
			{"operator", c.operator(0), 1, true},
			{"other operator", c.operator(2), 1, false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				list, err := c.svc.Rectifications(tt.ctx, RectificationFilter{})
				if err != nil || len(list) != tt.list {
					t.Errorf("list = %d, %v; want %d", len(list), err, tt.list)
				}
				_, err = c.svc.Rectification(tt.ctx, id)
				if sees := err == nil; sees != tt.sees || (!sees && codeOf(err) != "not_found enforce.rectification_not_found") {
					t.Errorf("read: %v, want seen %v", err, tt.sees)
				}
			})
		}
	})
}

// TestInspectionBeforeTheRules: an inspection signed before the rule set took effect is
// given a deadline under today's rules instead of failing its delivery.
func TestInspectionBeforeTheRules(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		c := newEnforceCity(t, st)
		old := c.signed("u-1", 0, []string{}, []string{"4.1"})
		old["date"] = "2021-03-01"
		c.deliver(t, old)
		r, err := c.svc.Rectifications(c.officer(0), RectificationFilter{})
		if err != nil || len(r) != 1 || !r[0].DueOn.Equal(day("2021-03-15")) || r[0].RuleRef != "enforce/v1" {
			t.Fatalf("rectifications = %+v, %v; want one due 10 working days after 1 March 2021", r, err)
		}
	})
}
