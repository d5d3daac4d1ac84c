package access

import (
	"slices"

	"github.com/shejian/shejian/internal/web"
)

// Permission is one action on one kind of object, "object.action". Routes name the
// permission they need (a permission is a web.Access level), and the matrix below says
// which roles hold it. This file is the one place that decides who may do what;
// docs/permissions.md is generated from it and a test keeps the two equal.
type Permission = web.Access

// The permissions. The public (anonymous callers) hold none: public pages use web.Public.
const (
	BusinessRead   Permission = "business.read"   // search and open businesses in scope
	BusinessCreate Permission = "business.create" // register a business in scope
	BusinessUpdate Permission = "business.update" // edit a business in scope
	BusinessStatus Permission = "business.status" // close, suspend or reopen a business
	BusinessImport Permission = "business.import" // import businesses from xlsx
	BusinessExport Permission = "business.export" // export businesses to xlsx
	OrgRead        Permission = "org.read"        // browse org units in scope
	OrgWrite       Permission = "org.write"       // create, edit and delete org units in scope
	PersonRead     Permission = "person.read"     // list staff and coordinators in scope
	PersonWrite    Permission = "person.write"    // create, edit and delete people in scope
	PersonalData   Permission = "personal.read"   // see phone and ID numbers unmasked (audited)
	RulesRead      Permission = "rules.read"      // read the rules in force
	RulesOverride  Permission = "rules.override"  // override a rule for the city
	AuditRead      Permission = "audit.read"      // browse the audit log in scope
	UserManage     Permission = "user.manage"     // create, disable and reset accounts in scope
	TokenOwn       Permission = "token.own"       // create, list and revoke one's own API tokens
)

// Permissions lists every permission in the order the documentation shows them.
var Permissions = []Permission{
	BusinessRead, BusinessCreate, BusinessUpdate, BusinessStatus, BusinessImport, BusinessExport,
	OrgRead, OrgWrite, PersonRead, PersonWrite, PersonalData, RulesRead, RulesOverride,
	AuditRead, UserManage, TokenOwn,
}

// matrix is role × permission. Scope narrows every grant to the caller's org subtree (or, for
// a business operator, its own business), so "business.update" for a district admin means
// the businesses of its district.
var matrix = map[Role][]Permission{
	RoleCityAdmin: {BusinessRead, BusinessCreate, BusinessUpdate, BusinessStatus, BusinessImport, BusinessExport,
		OrgRead, OrgWrite, PersonRead, PersonWrite, PersonalData, RulesRead, RulesOverride, AuditRead, UserManage, TokenOwn},
	RoleDistrictAdmin: {BusinessRead, BusinessCreate, BusinessUpdate, BusinessStatus, BusinessImport, BusinessExport,
		OrgRead, OrgWrite, PersonRead, PersonWrite, PersonalData, RulesRead, UserManage, TokenOwn},
	RoleStationInspector: {BusinessRead, BusinessCreate, BusinessUpdate, BusinessStatus, BusinessExport,
		OrgRead, PersonRead, PersonalData, RulesRead, TokenOwn},
	RoleCoordinator:      {BusinessRead, OrgRead, PersonRead, RulesRead, TokenOwn},
	RoleLabTechnician:    {BusinessRead, OrgRead, RulesRead, TokenOwn},
	RoleBusinessOperator: {BusinessRead, RulesRead, TokenOwn},
}

// Can reports whether role holds p.
func (r Role) Can(p Permission) bool { return slices.Contains(matrix[r], p) }

// Can reports whether the caller u holds p; anonymous callers hold nothing.
func Can(u *web.User, p Permission) bool { return u != nil && Role(u.Role).Can(p) }

// Includes reports whether r holds every permission of other: a token of r may act as other.
func (r Role) Includes(other Role) bool {
	for _, p := range matrix[other] {
		if !r.Can(p) {
			return false
		}
	}
	return true
}

// Narrower lists the roles r includes (r among them): what a token of r may act as.
func (r Role) Narrower() []Role {
	var out []Role
	for _, x := range Roles {
		if r.Includes(x) {
			out = append(out, x)
		}
	}
	return out
}
