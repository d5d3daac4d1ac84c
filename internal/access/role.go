// Package access holds accounts, sessions, API tokens and roles, and decides who the caller
// of a request is. (The full permission matrix and jurisdiction scopes build on this.)
package access

// Role is what an account may do; the demo city has one account per role.
type Role string

// The roles.
const (
	RoleCityAdmin        Role = "city_admin"        // 市局管理员
	RoleDistrictAdmin    Role = "district_admin"    // 区县局管理员
	RoleStationInspector Role = "station_inspector" // 监管站执法人员
	RoleCoordinator      Role = "coordinator"       // 协管员
	RoleLabTechnician    Role = "lab_technician"    // 检验人员
	RoleBusinessOperator Role = "business_operator" // 食品经营者
)

// Roles lists the roles of accounts.
var Roles = []Role{RoleCityAdmin, RoleDistrictAdmin, RoleStationInspector, RoleCoordinator, RoleLabTechnician, RoleBusinessOperator}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if x == r {
			return true
		}
	}
	return false
}
