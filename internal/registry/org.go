package registry

import "time"

// OrgKind is the level of an org unit (组织, 辖区).
type OrgKind string

// The levels of the org tree, top down.
const (
	OrgCity     OrgKind = "city"
	OrgDistrict OrgKind = "district" // district or county bureau
	OrgStation  OrgKind = "station"  // township supervision station (乡镇监管站)
	OrgGrid     OrgKind = "grid"     // the smallest supervision area (网格)
)

// childKind is the only kind a unit of each kind may have below it.
var childKind = map[OrgKind]OrgKind{OrgCity: OrgDistrict, OrgDistrict: OrgStation, OrgStation: OrgGrid}

// OrgUnit is a node of the org tree. Path is "/1/4/17/" (the ids from the root), so that a
// subtree is a prefix query.
type OrgUnit struct {
	ID        int64     `json:"id"`
	ParentID  *int64    `json:"parent_id,omitempty"`
	Kind      OrgKind   `json:"kind"`
	Code      string    `json:"code"`
	Name      string    `json:"name"`
	Township  string    `json:"township,omitempty"`
	Path      string    `json:"path"`
	CenterLat *float64  `json:"center_lat,omitempty"`
	CenterLng *float64  `json:"center_lng,omitempty"`
	RadiusKm  *float64  `json:"radius_km,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`

	Children []*OrgUnit `json:"children,omitempty"`
}

// OrgUnitInput creates or edits an org unit.
type OrgUnitInput struct {
	ParentID  *int64   `json:"parent_id"`
	Kind      OrgKind  `json:"kind"`
	Code      string   `json:"code"`
	Name      string   `json:"name"`
	Township  string   `json:"township"`
	CenterLat *float64 `json:"center_lat"`
	CenterLng *float64 `json:"center_lng"`
	RadiusKm  *float64 `json:"radius_km"`
}

// RoleKind is the line a staff member works in: the three roles of a station (行政管理·监督执法
// ·技术监督, "三位一体") and the community coordinators (协管员).
type RoleKind string

// Staff lines.
const (
	RoleAdministrative RoleKind = "administrative"
	RoleEnforcement    RoleKind = "enforcement"
	RoleTechnical      RoleKind = "technical"
	RoleCoordinator    RoleKind = "coordinator"
)

// RoleKinds lists the staff lines.
var RoleKinds = []RoleKind{RoleAdministrative, RoleEnforcement, RoleTechnical, RoleCoordinator}

// Person is a member of staff or a coordinator. MonthlySubsidy is in yuan and only
// coordinators have one.
type Person struct {
	ID             int64     `json:"id"`
	OrgUnitID      int64     `json:"org_unit_id"`
	Name           string    `json:"name"`
	Gender         string    `json:"gender"`
	RoleKind       RoleKind  `json:"role_kind"`
	Title          string    `json:"title"`
	Phone          string    `json:"phone"`
	IDNumber       string    `json:"id_number"`
	CertificateNo  string    `json:"certificate_no"`
	MonthlySubsidy int       `json:"monthly_subsidy"`
	Active         bool      `json:"active"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`

	OrgUnitName string `json:"org_unit_name,omitempty"`
	OrgPath     string `json:"-"` // decides whose scope the person is in
}

// PersonInput creates or edits a person.
type PersonInput struct {
	OrgUnitID      int64    `json:"org_unit_id"`
	Name           string   `json:"name"`
	Gender         string   `json:"gender"`
	RoleKind       RoleKind `json:"role_kind"`
	Title          string   `json:"title"`
	Phone          string   `json:"phone"`
	IDNumber       string   `json:"id_number"`
	CertificateNo  string   `json:"certificate_no"`
	MonthlySubsidy int      `json:"monthly_subsidy"`
	Active         *bool    `json:"active"`
}
