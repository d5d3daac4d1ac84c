package app

import (
	"net/http"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// inspectionProbes is, for every inspection route, a caller who may take it and the status
// it answers inside the caller's scope; anonymous marks the public routes, aimed as the
// district admin and sent by no one.
var inspectionProbes = map[string]struct {
	role      access.Role
	anonymous bool
	status    int
}{
	"GET /inspections":                                          {role: access.RoleStationInspector, status: http.StatusOK},
	"GET /inspections/{uuid}":                                   {role: access.RoleBusinessOperator, status: http.StatusOK},
	"POST /inspections/{uuid}/answers":                          {role: access.RoleStationInspector, status: http.StatusSeeOther},
	"GET /api/v1/inspections":                                   {role: access.RoleDistrictAdmin, status: http.StatusOK},
	"GET /api/v1/inspections/overdue":                           {role: access.RoleCityAdmin, status: http.StatusOK},
	"PUT /api/v1/inspections/{uuid}":                            {role: access.RoleStationInspector, status: http.StatusCreated},
	"GET /api/v1/inspections/{uuid}":                            {role: access.RoleBusinessOperator, status: http.StatusOK},
	"PUT /api/v1/inspections/{uuid}/inspectors":                 {role: access.RoleDistrictAdmin, status: http.StatusOK},
	"POST /api/v1/inspections/{uuid}/check-in":                  {role: access.RoleStationInspector, status: http.StatusOK},
	"PUT /api/v1/inspections/{uuid}/answers":                    {role: access.RoleStationInspector, status: http.StatusOK},
	"POST /api/v1/inspections/{uuid}/complete":                  {role: access.RoleDistrictAdmin, status: http.StatusOK},
	"PUT /api/v1/inspections/{uuid}/evidence/{evidence}":        {role: access.RoleStationInspector, status: http.StatusCreated},
	"GET /api/v1/inspections/{uuid}/evidence/{evidence}":        {role: access.RoleDistrictAdmin, status: http.StatusOK},
	"GET /api/v1/inspections/{uuid}/evidence/{evidence}/public": {role: access.RoleBusinessOperator, status: http.StatusOK},
	"PUT /api/v1/inspections/{uuid}/signatures/{signature}":     {role: access.RoleStationInspector, status: http.StatusOK},
	"POST /api/v1/inspections/{uuid}/sign":                      {role: access.RoleStationInspector, status: http.StatusOK},
	"POST /api/v1/inspections/{uuid}/corrections":               {role: access.RoleStationInspector, status: http.StatusCreated},
	"POST /api/v1/inspections/{uuid}/publish":                   {role: access.RoleDistrictAdmin, status: http.StatusOK},
	"GET /api/v1/inspect/businesses/{id}/checkin-qr.png":        {role: access.RoleStationInspector, status: http.StatusOK},
	"GET /api/v1/inspect/workspace":                             {role: access.RoleStationInspector, status: http.StatusOK},
	"GET /api/v1/public/inspections/{uuid}":                     {role: access.RoleDistrictAdmin, anonymous: true, status: http.StatusOK},
	"GET /api/v1/public/businesses/{id}/inspections":            {role: access.RoleDistrictAdmin, anonymous: true, status: http.StatusOK},
}

// TestInspectionRoutesSucceedInScope takes every inspection route, as TestScope aims it, the
// way a permitted caller would inside its scope, and checks that it does what it says rather
// than only that it is not refused.
func TestInspectionRoutesSucceedInScope(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newScopeWorld(t, st)
		probed := 0
		for _, route := range w.app.Router.Routes() {
			pattern := route.Method + " " + route.Path
			probe, ok := inspectionProbes[pattern]
			if !ok {
				continue
			}
			probed++
			t.Run(pattern, func(t *testing.T) {
				spec := scopeRoutes[pattern]
				id := ""
				if spec.aim != nil {
					var inside bool
					if id, inside = spec.aim(w, probe.role, true); !inside {
						t.Fatalf("%s has nothing inside its scope to aim at", probe.role)
					}
				}
				caller := probe.role
				if probe.anonymous {
					caller = ""
				}
				if res := w.send(route, spec, caller, id); res.Code != probe.status {
					t.Errorf("%s: %d, want %d: %.300s", roleName(caller), res.Code, probe.status, res.Body)
				}
			})
		}
		if probed != len(inspectionProbes) {
			t.Errorf("probed %d routes of the %d in inspectionProbes: a probe names no route", probed, len(inspectionProbes))
		}
	})
}
