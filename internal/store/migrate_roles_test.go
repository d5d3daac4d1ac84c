package store_test

import (
	"context"
	"maps"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/store/storetest"
)

// TestUserRolesMigration: 0010 gives every account of an older release, which held one role
// in users.role, that role in user_roles, and drops users.role, on both engines.
func TestUserRolesMigration(t *testing.T) {
	roles := map[string]string{"admin": "city_admin", "lab": "lab_technician", "operator": "business_operator"}
	for _, d := range storetest.Engines {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			s, org := olderRelease(t, d, 10)
			now := time.Now().UTC()
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
