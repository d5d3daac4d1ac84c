package access

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/web"
)

// TestSetRolesAtOnce: administrators replacing an account's roles at the same moment leave
// it holding one of their choices, never a mix of them (on PostgreSQL each would otherwise
// delete only the rows it saw and insert its own).
func TestSetRolesAtOnce(t *testing.T) {
	choices := []RoleSet{{RoleCoordinator}, {RoleLabTechnician}, {RoleStationInspector}}
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		u := newUser(t, st, "contested", RoleCoordinator)
		users := NewUsers(st)
		for round := range 20 {
			var wg sync.WaitGroup
			for _, roles := range choices {
				wg.Go(func() {
					if err := users.SetRoles(ctx, u.ID, roles, RoleSet{RoleCityAdmin}); err != nil && apperr.CodeOf(err) != apperr.Conflict {
						t.Errorf("round %d, set %v: %v", round, roles, err)
					}
				})
			}
			wg.Wait()
			got, err := users.principal(ctx, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(choices, func(c RoleSet) bool { return slices.Equal(c, got.Roles) }) {
				t.Fatalf("round %d: the account holds %v, none of the choices", round, got.Roles)
			}
		}
	})
}

// TestSetRolesChecksTheCallerInside: the caller's reach is checked against the roles the
// account holds when it is locked, so a district admin cannot overwrite a city admin's
// roles, whatever it saw before.
func TestSetRolesChecksTheCallerInside(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		u := newUser(t, st, "promoted", RoleCityAdmin)
		err := NewUsers(st).SetRoles(ctx, u.ID, RoleSet{RoleCoordinator}, RoleSet{RoleDistrictAdmin})
		if apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("a district admin demoted a city admin: %v", err)
		}
		if err := NewUsers(st).SetRoles(ctx, 424242, RoleSet{RoleCoordinator}, RoleSet{RoleCityAdmin}); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("missing account: %v", err)
		}
	})
}

// TestTokenCreatesNoWiderToken: a script's token hands out tokens only within its own role,
// even when its account holds more.
func TestTokenCreatesNoWiderToken(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		u := newUser(t, st, "scripted", RoleDistrictAdmin, RoleLabTechnician)
		svc := NewService(st)
		router := web.NewRouter(svc.Guard)
		svc.Routes(router)
		h := svc.Authenticate(router)
		narrow, _, err := svc.Tokens.Create(ctx, NewToken{UserID: u.ID, Name: "lab", Role: RoleLabTechnician, TTL: time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		create := func(body string) (int, string) {
			r := httptest.NewRequest(http.MethodPost, "/api/v1/tokens", strings.NewReader(body))
			r.Header.Set("Authorization", "Bearer "+narrow)
			r.Header.Set("Content-Type", "application/json")
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			return w.Code, w.Body.String()
		}
		if code, body := create(`{"name":"wider","role":"district_admin"}`); code != http.StatusBadRequest || !strings.Contains(body, `"field":"role"`) {
			t.Fatalf("a lab token asked for a district admin token: %d %s", code, body)
		}
		code, body := create(`{"name":"same"}`)
		if code != http.StatusCreated && code != http.StatusOK || !strings.Contains(body, `"role":"lab_technician"`) {
			t.Fatalf("a lab token asked for a token of its own role: %d %s", code, body)
		}
	})
}

// TestUserRequestNamesRolesField: a body whose roles are not a list of roles is refused
// naming the field "roles", as the API document spells it.
func TestUserRequestNamesRolesField(t *testing.T) {
	r := httptest.NewRequest(http.MethodPost, "/api/v1/users", strings.NewReader(`{"login":"x","roles":"city_admin"}`))
	r.Header.Set("Content-Type", "application/json")
	var req userRequest
	err := web.DecodeJSON(r, &req)
	var e *apperr.Error
	if !errors.As(err, &e) || len(e.Fields) != 1 || e.Fields[0].Field != "roles" {
		t.Fatalf("decoding roles as a string: %v", err)
	}
}

// TestUnknownRoleIsIncludedByNothing: a role outside the table (a token's from before roles
// were recorded) is no narrower than any set, so such a token acts as no one.
func TestUnknownRoleIsIncludedByNothing(t *testing.T) {
	for _, r := range []Role{"", "retired_role"} {
		if (RoleSet{RoleCityAdmin}).Includes(r) {
			t.Errorf("city admin includes %q", r)
		}
	}
}
