package rules

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

const deadline = "inspect.publish_deadline_working_days"

func TestOverrideByCityAdminKeepsHistory(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		b, ctx := mustBook(t, s), context.Background()
		admin := mustUser(t, s, string(access.RoleCityAdmin))
		before := time.Now().Add(-time.Second)
		for _, v := range []string{"15", "10"} {
			if err := b.Override(ctx, admin, deadline, json.RawMessage(v), "本市要求更快公开"); err != nil {
				t.Fatalf("override to %s: %v", v, err)
			}
		}
		got, e, err := b.Int(ctx, deadline, time.Now())
		if err != nil || got != 10 || !e.Overridden || e.Override == nil || e.Ref != "deadlines/v1/override-"+strconv.FormatInt(e.Override.ID, 10) {
			t.Fatalf("after overrides: got %d %+v %v", got, e, err)
		}
		if old, e, _ := b.Int(ctx, deadline, before); old != 20 || e.Overridden {
			t.Errorf("a lookup dated before the overrides must keep the default: got %d", old)
		}
		history, err := b.History(ctx, deadline)
		if err != nil || len(history) != 2 {
			t.Fatalf("history: got %d rows, %v", len(history), err)
		}
		newest, first := history[0], history[1]
		if string(first.OldValue) != "20" || string(first.Value) != "15" || first.Supersedes != nil {
			t.Errorf("first override: %+v", first)
		}
		if string(newest.OldValue) != "15" || string(newest.Value) != "10" || newest.Supersedes == nil || *newest.Supersedes != first.ID {
			t.Errorf("second override must supersede the first: %+v", newest)
		}
		if newest.UserID != admin.ID || newest.UserRole != string(access.RoleCityAdmin) || newest.Reason != "本市要求更快公开" {
			t.Errorf("who and why not kept: %+v", newest)
		}
	})
}

func TestOverridesAreAppendOnly(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		b, ctx := mustBook(t, s), context.Background()
		if err := b.Override(ctx, mustUser(t, s, string(access.RoleCityAdmin)), deadline, json.RawMessage("15"), "测试"); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{`UPDATE rule_overrides SET value = '1'`, `DELETE FROM rule_overrides`} {
			if _, err := s.DB().ExecContext(ctx, q); err == nil {
				t.Errorf("%s: succeeded, want the append-only trigger to refuse", q)
			}
		}
	})
}

func TestOverrideRefused(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		b, ctx := mustBook(t, s), context.Background()
		admin, inspector := mustUser(t, s, string(access.RoleCityAdmin)), mustUser(t, s, "station_inspector")
		tests := []struct {
			name, key, value, reason string
			user                     bool
			code                     apperr.Code
			fields                   []string // "field:rule"
		}{
			{"other role", deadline, "15", "r", false, apperr.Forbidden, nil},
			{"wrong type", deadline, `"fifteen"`, "r", true, apperr.Invalid, []string{"rule_value:integer"}},
			{"above max", deadline, "61", "r", true, apperr.Invalid, []string{"rule_value:max"}},
			{"range reversed", "risk.frequency_2016.B", "[2, 1]", "r", true, apperr.Invalid, []string{"rule_value:rule_range"}},
			{"no reason", deadline, "0", " ", true, apperr.Invalid, []string{"rule_value:min", "rule_reason:required"}},
			{"unknown rule", "no.such_rule", "1", "r", true, apperr.NotFound, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				u := inspector
				if tt.user {
					u = admin
				}
				err := b.Override(ctx, u, tt.key, json.RawMessage(tt.value), tt.reason)
				e := apperr.From(err)
				if e.Code != tt.code || len(e.Fields) != len(tt.fields) {
					t.Fatalf("got %v, want %s with %v", err, tt.code, tt.fields)
				}
				for i, f := range e.Fields {
					if f.Field+":"+f.Rule != tt.fields[i] {
						t.Errorf("field error %d: got %s:%s, want %s", i, f.Field, f.Rule, tt.fields[i])
					}
				}
			})
		}
		if h, err := b.History(ctx, deadline); err != nil || len(h) != 0 {
			t.Errorf("refused overrides must leave no history: %d rows, %v", len(h), err)
		}
		if err := b.Override(ctx, nil, deadline, json.RawMessage("15"), "r"); apperr.CodeOf(err) != apperr.Unauthorized {
			t.Errorf("anonymous: got %v, want unauthorized", err)
		}
	})
}

// TestRacingOverridesConflict: two overrides made from the same state cannot both land.
func TestRacingOverridesConflict(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx, u := context.Background(), mustUser(t, s, string(access.RoleCityAdmin))
		c := Change{Key: deadline, Set: "deadlines", Version: 1, OldValue: json.RawMessage("20"), Value: json.RawMessage("15"),
			Reason: "r", UserID: u.ID, UserRole: string(access.RoleCityAdmin), CreatedAt: time.Now().UTC()}
		insert := func(tx *sql.Tx) error { return insertChange(ctx, s, tx, c) }
		if err := s.Tx(ctx, insert); err != nil {
			t.Fatal(err)
		}
		if err := s.Tx(ctx, insert); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("second override from the same state: got %v, want conflict", err)
		}
	})
}
