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
	BusinessRead     Permission = "business.read"     // search and open businesses in scope
	BusinessCreate   Permission = "business.create"   // register a business in scope
	BusinessUpdate   Permission = "business.update"   // edit a business in scope
	BusinessStatus   Permission = "business.status"   // close, suspend or reopen a business
	BusinessImport   Permission = "business.import"   // import businesses from xlsx
	BusinessExport   Permission = "business.export"   // export businesses to xlsx
	OrgRead          Permission = "org.read"          // browse org units in scope
	OrgWrite         Permission = "org.write"         // create, edit and delete org units in scope
	PersonRead       Permission = "person.read"       // list staff and coordinators in scope
	PersonWrite      Permission = "person.write"      // create, edit and delete people in scope
	PersonalData     Permission = "personal.read"     // see phone and ID numbers unmasked (audited)
	RulesRead        Permission = "rules.read"        // read the rules in force
	RulesOverride    Permission = "rules.override"    // override a rule for the city
	AuditRead        Permission = "audit.read"        // browse the audit log in scope
	UserManage       Permission = "user.manage"       // create, disable and reset accounts in scope
	TokenOwn         Permission = "token.own"         // create, list and revoke one's own API tokens
	TraceCapture     Permission = "trace.capture"     // capture EPCIS events at places in scope
	TraceRead        Permission = "trace.read"        // read EPCIS events and capture jobs in scope
	DrawRead         Permission = "draw.read"         // read double-random draw tasks, bundles and deadlines in scope
	DrawManage       Permission = "draw.manage"       // keep the draw list and directories; create, draw, publish tasks
	RiskRead         Permission = "risk.read"         // see risk grades, their explanation and history in scope
	RiskWrite        Permission = "risk.write"        // record static risk factors and import record history in scope
	RiskGrade        Permission = "risk.grade"        // grade a business in scope now
	RiskRecompute    Permission = "risk.recompute"    // recompute every grade of the city (city-wide scope)
	CreditRead       Permission = "credit.read"       // see credit records, class and repair requests in scope
	CreditWrite      Permission = "credit.write"      // record penalties and listings in scope; publish, revoke, withdraw, remove
	CreditRepair     Permission = "credit.repair"     // ask for credit repair of a record in scope (an operator its own)
	CreditDecide     Permission = "credit.decide"     // decide credit-repair requests in scope
	CreditReclassify Permission = "credit.reclassify" // recompute every credit class of the city (city-wide scope)
	// Checklist templates (检查要点表) are city-wide data: no scope narrows them.
	InspectTemplateRead   Permission = "inspect.template.read"   // list, open, export checklist templates and judge answers under them
	InspectTemplateManage Permission = "inspect.template.manage" // draft, import and publish checklist template versions
	// Inspections (现场检查) are in scope by their business; an inspector also reads those it is
	// seated on, an operator its own business's once signed (internal/inspect enforces both).
	InspectionRead    Permission = "inspect.inspection.read"    // list and open inspections, their evidence and the day's tasks
	InspectionWork    Permission = "inspect.inspection.work"    // create, assign, check in, answer, upload evidence, sign, correct
	InspectionPublish Permission = "inspect.inspection.publish" // publish signed results
	// Rectifications (整改) and cases (立案查处) are in scope by their business; an operator
	// reads its own business's rectifications and its cases once decided (internal/enforce).
	EnforceRead    Permission = "enforce.read"    // list and open rectifications and cases
	EnforceWork    Permission = "enforce.work"    // record re-inspections, register case sources, record the working steps of a case
	EnforceApprove Permission = "enforce.approve" // approve filing, decision, closure and transfer to police; escalate overdue rectifications
)

// Permissions lists every permission in the order the documentation shows them.
var Permissions = []Permission{
	BusinessRead, BusinessCreate, BusinessUpdate, BusinessStatus, BusinessImport, BusinessExport,
	OrgRead, OrgWrite, PersonRead, PersonWrite, PersonalData, RulesRead, RulesOverride,
	AuditRead, UserManage, TokenOwn, TraceCapture, TraceRead, DrawRead, DrawManage,
	RiskRead, RiskWrite, RiskGrade, RiskRecompute,
	CreditRead, CreditWrite, CreditRepair, CreditDecide, CreditReclassify,
	InspectTemplateRead, InspectTemplateManage, InspectionRead, InspectionWork, InspectionPublish,
	EnforceRead, EnforceWork, EnforceApprove,
}

// matrix is role × permission; an account holding several roles holds the union of their
// rows. Scope narrows every grant to the caller's org subtree (or, for a business operator,
// its own business), so "business.update" for a district admin means the businesses of its
// district; the scope is the account's, the same for each of its roles.
var matrix = map[Role][]Permission{
	RoleCityAdmin: {BusinessRead, BusinessCreate, BusinessUpdate, BusinessStatus, BusinessImport, BusinessExport,
		OrgRead, OrgWrite, PersonRead, PersonWrite, PersonalData, RulesRead, RulesOverride, AuditRead, UserManage, TokenOwn,
		TraceCapture, TraceRead, DrawRead, DrawManage, RiskRead, RiskWrite, RiskGrade, RiskRecompute,
		CreditRead, CreditWrite, CreditRepair, CreditDecide, CreditReclassify, InspectTemplateRead, InspectTemplateManage,
		InspectionRead, InspectionWork, InspectionPublish, EnforceRead, EnforceWork, EnforceApprove},
	RoleDistrictAdmin: {BusinessRead, BusinessCreate, BusinessUpdate, BusinessStatus, BusinessImport, BusinessExport,
		OrgRead, OrgWrite, PersonRead, PersonWrite, PersonalData, RulesRead, UserManage, TokenOwn, TraceCapture, TraceRead,
		DrawRead, DrawManage, RiskRead, RiskWrite, RiskGrade, CreditRead, CreditWrite, CreditRepair, CreditDecide,
		InspectTemplateRead, InspectionRead, InspectionWork, InspectionPublish, EnforceRead, EnforceWork, EnforceApprove},
	RoleStationInspector: {BusinessRead, BusinessCreate, BusinessUpdate, BusinessStatus, BusinessExport,
		OrgRead, PersonRead, PersonalData, RulesRead, TokenOwn, TraceCapture, TraceRead, DrawRead,
		RiskRead, RiskWrite, RiskGrade, CreditRead, CreditWrite, CreditRepair, InspectTemplateRead,
		InspectionRead, InspectionWork, EnforceRead, EnforceWork},
	RoleCoordinator:   {BusinessRead, OrgRead, PersonRead, RulesRead, TokenOwn, TraceRead, InspectTemplateRead},
	RoleLabTechnician: {BusinessRead, OrgRead, RulesRead, TokenOwn, TraceRead, InspectTemplateRead},
	RoleBusinessOperator: {BusinessRead, RulesRead, TokenOwn, TraceCapture, TraceRead, RiskRead,
		CreditRead, CreditRepair, InspectionRead, EnforceRead},
}

// Can reports whether role holds p.
func (r Role) Can(p Permission) bool { return slices.Contains(matrix[r], p) }

// Can reports whether any role of the set holds p: an account may do what any of its roles
// may, all inside its one scope.
func (s RoleSet) Can(p Permission) bool {
	return slices.ContainsFunc(s, func(r Role) bool { return r.Can(p) })
}

// Can reports whether the caller u holds p; anonymous callers hold nothing.
func Can(u *web.User, p Permission) bool { return rolesOf(u).Can(p) }

// rolesOf returns the roles the caller u acts with; an anonymous caller has none.
func rolesOf(u *web.User) RoleSet {
	if u == nil {
		return nil
	}
	return ParseRoleSet(u.Role)
}

// Includes reports whether the set holds every permission of r: what the holder may grant
// to an account or let a token act as.
func (s RoleSet) Includes(r Role) bool {
	if !r.Valid() { // an unknown role (a token's from before roles were recorded) holds nothing to include
		return false
	}
	for _, p := range matrix[r] {
		if !s.Can(p) {
			return false
		}
	}
	return true
}

// IncludesAll reports whether the set includes every role of other.
func (s RoleSet) IncludesAll(other RoleSet) bool {
	return !slices.ContainsFunc(other, func(r Role) bool { return !s.Includes(r) })
}

// Narrower lists the roles the set includes (its own among them): what its holder may grant
// or let a token act as.
func (s RoleSet) Narrower() []Role {
	var out []Role
	for _, r := range Roles {
		if s.Includes(r) {
			out = append(out, r)
		}
	}
	return out
}

// Widest returns the role of the set that includes all the others, the one a token acts as
// unless told otherwise; ok is false when no role does (the set has no single widest role).
func (s RoleSet) Widest() (Role, bool) {
	for _, r := range s {
		if (RoleSet{r}).IncludesAll(s) {
			return r, true
		}
	}
	return "", false
}
