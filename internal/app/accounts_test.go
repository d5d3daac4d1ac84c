package app

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestAccountAdministration has the district admin create, reset and disable an account
// in its district, and fail to grant a role above its own.
func TestAccountAdministration(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newScopeWorld(t, st)
		station, _ := w.unit(access.RoleStationInspector, "station", true)
		body := func(role string) string {
			return fmt.Sprintf(`{"login":"new-coordinator","display_name":"新协管员","role":%q,"org_unit_id":%d,"password":"grid-duty-2026"}`, role, station)
		}
		if rec := w.call(access.RoleDistrictAdmin, "POST", "/api/v1/users", body("city_admin")); rec.Code != http.StatusBadRequest ||
			!strings.Contains(rec.Body.String(), "role_above_caller") {
			t.Fatalf("granting city admin: %d %s", rec.Code, rec.Body)
		}
		rec := w.call(access.RoleDistrictAdmin, "POST", "/api/v1/users", body("coordinator"))
		if rec.Code != http.StatusCreated {
			t.Fatalf("create: %d %s", rec.Code, rec.Body)
		}
		created, err := w.app.Access.Users.ByLogin(t.Context(), "new-coordinator")
		if err != nil {
			t.Fatal(err)
		}
		if rec := w.call(access.RoleDistrictAdmin, "GET", "/api/v1/users", ""); !strings.Contains(rec.Body.String(), "new-coordinator") {
			t.Fatalf("the new account is not listed: %s", rec.Body)
		}
		reset := w.call(access.RoleDistrictAdmin, "POST", fmt.Sprintf("/api/v1/users/%d/reset-password", created.ID), "")
		if reset.Code != http.StatusOK || !strings.Contains(reset.Body.String(), "temporary_password") {
			t.Fatalf("reset: %d %s", reset.Code, reset.Body)
		}
		if rec := w.call(access.RoleDistrictAdmin, "POST", fmt.Sprintf("/api/v1/users/%d/disable", created.ID), ""); rec.Code != http.StatusNoContent {
			t.Fatalf("disable: %d %s", rec.Code, rec.Body)
		}
		if u, _ := w.app.Access.Users.ByID(t.Context(), created.ID); !u.Disabled {
			t.Fatal("the account is not disabled")
		}
		var audited int
		st.DB().QueryRowContext(t.Context(), `SELECT count(*) FROM audit_log WHERE object_type = 'user' AND object_id = $1
			AND action IN ('create', 'reset_password', 'disable')`, fmt.Sprint(created.ID)).Scan(&audited)
		if audited != 3 {
			t.Fatalf("%d of the 3 account changes audited", audited)
		}
	})
}
