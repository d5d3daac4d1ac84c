// Package access holds accounts, sessions, API tokens and roles, and decides who the caller
// of a request is. (The full permission matrix and jurisdiction scopes build on this.)
package access

import (
	"slices"
	"strings"
)

// Role is a job an account does; an account holds one or more (RoleSet).
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

// Roles lists the roles of accounts, widest first.
var Roles = []Role{RoleCityAdmin, RoleDistrictAdmin, RoleStationInspector, RoleCoordinator, RoleLabTechnician, RoleBusinessOperator}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// RoleSet is the roles one account holds (一人多岗), in the order of Roles and without
// repeats, so that two equal sets read and compare alike.
type RoleSet []Role

// NewRoleSet returns roles in the order of Roles without repeats; unknown roles come first,
// for validation to name.
func NewRoleSet(roles ...Role) RoleSet {
	s := slices.Clone(roles)
	slices.SortFunc(s, func(a, b Role) int { return slices.Index(Roles, a) - slices.Index(Roles, b) })
	return slices.Compact(s)
}

// ParseRoleSet reads a set written by String ("district_admin,lab_technician").
func ParseRoleSet(s string) RoleSet {
	var roles []Role
	for _, r := range strings.Split(s, ",") {
		if r != "" {
			roles = append(roles, Role(r))
		}
	}
	return NewRoleSet(roles...)
}

// String joins the roles with ",": how the web layer, the audit log and rule changes record
// the roles of the one who acted.
func (s RoleSet) String() string {
	parts := make([]string, len(s))
	for i, r := range s {
		parts[i] = string(r)
	}
	return strings.Join(parts, ",")
}

// Has reports whether the set holds r itself (not merely its permissions).
func (s RoleSet) Has(r Role) bool { return slices.Contains(s, r) }
