package store_test

import (
	"context"
	"maps"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestUserRolesMigration: 0010 gives every account of an older release, which held one role
// in users.role, that role in user_roles, and drops users.role, on both engines.
func TestUserRolesMigration(t *testing.T) {
	roles := map[string]string{"admin": "city_admin", "lab": "lab_technician", "operator": "business_operator"}
	for _, d := range storetest.Engines {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			s, err := store.Open(ctx, storetest.DSN(t, d))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			if _, err := s.MigrateBelow(ctx, 10); err != nil {
				t.Fatal(err)
			}
			now := time.Now().UTC()
			var org int64
			if err := s.DB().QueryRowContext(ctx, `INSERT INTO org_units (kind, code, name, created_at, updated_at)
				VALUES ('city', 'C1', '市', $1, $1) RETURNING id`, now).Scan(&org); err != nil {
				t.Fatal(err)
			}
			for login, role := range roles {
				if _, err := s.DB().ExecContext(ctx, `INSERT INTO users (login, display_name, role, org_unit_id, password_hash, created_at)
					VALUES ($1, $1, $2, $3, 'x', $4)`, login, role, org, now); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			rows, err := s.DB().QueryContext(ctx, `SELECT x.login, r.role FROM users x JOIN user_roles r ON r.user_id = x.id`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for rows.Next() {
				var login, role string
				if err := rows.Scan(&login, &role); err != nil {
					t.Fatal(err)
				}
				if got[login] != "" {
					t.Errorf("%s has roles %s and %s, want one", login, got[login], role)
				}
				got[login] = role
			}
			if !maps.Equal(got, roles) {
				t.Errorf("roles after the migration: %v, want %v", got, roles)
			}
			if _, err := s.DB().ExecContext(ctx, `UPDATE users SET role = 'x'`); err == nil {
				t.Error("users.role is still there: an account's roles would be kept in two places")
			}
		})
	}
}
