package inspect

import "time"

// Source is what an inspection came from.
type Source string

// The sources. SourceRef on the inspection names the record: a plan line, a draw
// assignment ("<task id>/<seq>"), a complaint number; empty for ad hoc.
const (
	FromPlan      Source = "plan"      // 年度监督检查计划
	FromDraw      Source = "draw"      // 双随机抽查任务
	FromComplaint Source = "complaint" // 投诉举报
	AdHoc         Source = "ad_hoc"    // 临时
)

// Kind is the kind of inspection of Order 49 art. 53.
type Kind string

// The kinds.
const (
	Daily   Kind = "daily"   // 日常监督检查
	Flying  Kind = "flying"  // 飞行检查: unannounced, need not cover every item (art. 27)
	Systems Kind = "systems" // 体系检查
)

// Stage is where an inspection stands. Published is not stored on the inspection (a sealed
// row takes no more writes) but derived from its publication.
type Stage string

// The stages, in order.
const (
	Created   Stage = "created"
	Assigned  Stage = "assigned"
	CheckedIn Stage = "checked_in"
	Answered  Stage = "answered"
	Signed    Stage = "signed"
	Public    Stage = "published"
)

// sealInspection names inspections in the seals table and in the guards of migration 0021.
const sealInspection = "inspection"

// Inspection is one supervision inspection (监督检查) of a business against one template
// version. UUID is the client's key: every write names it, so a retried upload finds it.
type Inspection struct {
	ID           int64        `json:"id"`
	UUID         string       `json:"uuid"`
	Source       Source       `json:"source"`
	SourceRef    string       `json:"source_ref,omitempty"`
	Kind         Kind         `json:"kind"`
	BusinessID   int64        `json:"business_id"`
	BusinessName string       `json:"business_name"`
	DistrictID   int64        `json:"district_id"`
	StationID    int64        `json:"station_id"`
	TemplateID   int64        `json:"template_id"`
	Status       Stage        `json:"status"`
	PlannedOn    *time.Time   `json:"planned_on,omitempty"`
	Inspectors   []Inspector  `json:"inspectors"`
	CheckIn      *CheckIn     `json:"check_in,omitempty"`
	Answers      []ItemAnswer `json:"answers"`
	Result       *Result      `json:"result,omitempty"`
	Explanation  string       `json:"explanation,omitempty"`
	Evidence     []Evidence   `json:"evidence"`
	Signatures   []Signature  `json:"signatures"`
	// EvidenceHashes is the evidence the signature covers, fixed at signing.
	EvidenceHashes []EvidenceHash `json:"evidence_hashes,omitempty"`
	SignedAt       *time.Time     `json:"signed_at,omitempty"`
	SignedBy       string         `json:"signed_by,omitempty"`
	PublishDue     *time.Time     `json:"publish_due,omitempty"`
	PublishedAt    *time.Time     `json:"published_at,omitempty"`
	// Corrects is the UUID of the signed inspection this one corrects; CorrectedBy lists
	// the corrections of this one.
	Corrects    string    `json:"corrects,omitempty"`
	CorrectedBy []string  `json:"corrected_by,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
	CreatedBy   string    `json:"created_by"`
}

// Inspector is an inspector (执法人员) seated on an inspection.
type Inspector struct {
	PersonID int64  `json:"person_id"`
	Name     string `json:"name"`
	Seat     int    `json:"seat"`
}

// CheckIn is how the inspectors proved they were at the business.
type CheckIn struct {
	At        time.Time `json:"at"`
	Method    string    `json:"method"` // "qr" or "gps"
	Lat       *float64  `json:"lat,omitempty"`
	Lng       *float64  `json:"lng,omitempty"`
	DistanceM *float64  `json:"distance_m,omitempty"`
}

// ItemAnswer is the answer to one checklist item with the inspector's note.
type ItemAnswer struct {
	UUID       string    `json:"uuid"`
	Item       string    `json:"item"`
	Answer     Answer    `json:"answer"`
	Note       string    `json:"note,omitempty"`
	AnsweredAt time.Time `json:"answered_at"`
	AnsweredBy string    `json:"answered_by"`
}

// Signature is one signer's signature (an image kept as evidence) or the operator's
// refusal to sign with the witness who saw it (拒绝签字, 见证人).
type Signature struct {
	UUID     string    `json:"uuid"`
	Signer   string    `json:"signer"` // "inspector:<person id>" or "operator"
	Name     string    `json:"name"`
	Evidence string    `json:"evidence,omitempty"` // the evidence UUID of the image
	Refused  bool      `json:"refused"`
	Witness  string    `json:"witness,omitempty"`
	SignedAt time.Time `json:"signed_at"`
}

// EvidenceHash pins one piece of evidence in the signed record.
type EvidenceHash struct {
	UUID   string `json:"uuid"`
	SHA256 string `json:"sha256"`
}
