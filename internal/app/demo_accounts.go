package app

import (
	"context"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/demo"
	"github.com/shejian/shejian/internal/store"
)

// DemoPassword is the password of every demo account; the demo is for looking around.
const DemoPassword = "shejian-demo"

type demoAccount struct {
	login, name, description string
	role                     access.Role
	// pick chooses the account's org unit, person and business from the demo city.
	pick func(d demo.DemoIDs) (org int64, person, business *int64)
}

var demoAccounts = []demoAccount{
	{"admin", "市局管理员", "city admin (市局管理员)", access.RoleCityAdmin,
		func(d demo.DemoIDs) (int64, *int64, *int64) { return d.CityID, nil, nil }},
	{"district", "区局管理员", "district admin of the demo district (区县局管理员)", access.RoleDistrictAdmin,
		func(d demo.DemoIDs) (int64, *int64, *int64) { return d.DistrictID, nil, nil }},
	{"inspector", "监管站执法人员", "station inspector in that district (执法人员)", access.RoleStationInspector,
		func(d demo.DemoIDs) (int64, *int64, *int64) { return d.StationID, &d.InspectorID, nil }},
	{"coordinator", "协管员", "grid coordinator (协管员)", access.RoleCoordinator,
		func(d demo.DemoIDs) (int64, *int64, *int64) { return d.GridID, &d.CoordinatorID, nil }},
	{"lab", "检验人员", "lab technician (检验人员)", access.RoleLabTechnician,
		func(d demo.DemoIDs) (int64, *int64, *int64) { return d.DistrictID, &d.LabTechnicianID, nil }},
	{"operator", "经营者", "business operator in that district (食品经营者)", access.RoleBusinessOperator,
		func(d demo.DemoIDs) (int64, *int64, *int64) { return d.StationID, nil, &d.BusinessID }},
}

// createDemoAccounts makes one login per role for the demo city.
func createDemoAccounts(ctx context.Context, st *store.Store, ids demo.DemoIDs) error {
	users := access.NewUsers(st)
	for _, a := range demoAccounts {
		org, person, business := a.pick(ids)
		_, err := users.Create(ctx, access.NewUser{Login: a.login, DisplayName: a.name, Roles: access.RoleSet{a.role}, OrgUnitID: org,
			PersonID: person, BusinessID: business, Password: DemoPassword})
		if err != nil {
			return err
		}
	}
	return nil
}
