package draw

// CreditClass is a business's credit-risk class (信用风险分类), A (low) to D (high), after
// 国市监信发〔2022〕6号; each class is a stratum of the draw with its own ratio.
type CreditClass string

// The credit classes, in the order the draw samples them.
const (
	ClassA CreditClass = "A"
	ClassB CreditClass = "B"
	ClassC CreditClass = "C"
	ClassD CreditClass = "D"
)

// Classes lists the credit classes in sampling order.
var Classes = []CreditClass{ClassA, ClassB, ClassC, ClassD}

// InspectionItem is one entry of the list of inspection items (抽查事项清单): what is checked,
// under which legal basis, at which ratio and frequency.
type InspectionItem struct {
	ID           string  `json:"id"`
	Name         string  `json:"name"`
	Basis        string  `json:"basis"`
	RatioPercent float64 `json:"ratio_percent"`
	Frequency    string  `json:"frequency"`
}

// Entity is one business of the entity directory (检查对象名录库).
type Entity struct {
	ID                 string      `json:"id"`       // business ID; in a published draw, a commitment to its USCC
	OrgUnit            string      `json:"org_unit"` // the station that supervises it
	Region             string      `json:"region"`   // its district or county
	Credit             CreditClass `json:"credit_class"`
	PreviousInspectors []string    `json:"previous_inspectors,omitempty"` // of its last inspection: 回避
	// Recused are inspectors who must step aside (回避) without saying why: a published
	// draw merges declared conflicts and previous inspectors here so that neither shows.
	Recused []string `json:"recused,omitempty"`

	uscc string // the business's USCC while the store pseudonymises a snapshot; never encoded
}

// Inspector is one officer of the inspector directory (执法检查人员名录库).
type Inspector struct {
	ID        string   `json:"id"`
	OrgUnit   string   `json:"org_unit"` // the station the inspector belongs to
	Region    string   `json:"region"`
	Conflicts []string `json:"conflicts,omitempty"` // businesses declared in conflict: 回避
}

// Config is how a draw task (抽查任务) draws: the ratio per credit class in percent, the seats
// per entity and the recusal and region rules. A flag's zero value is the default: inspectors
// only from the entity's region, and the entity's own station not excluded.
type Config struct {
	TaskID              string                  `json:"task_id"`
	TaskName            string                  `json:"task_name"`
	RatioPercent        map[CreditClass]float64 `json:"ratio_percent"`
	InspectorsPerEntity int                     `json:"inspectors_per_entity"`
	AnyRegion           bool                    `json:"any_region"`          // draw inspectors from every region
	ExcludeOwnStation   bool                    `json:"exclude_own_station"` // 回避 of the entity's own station
}

// Inputs are everything a draw depends on; their digest is published before the draw.
type Inputs struct {
	Config     Config           `json:"config"`
	Items      []InspectionItem `json:"items"`
	Entities   []Entity         `json:"entities"`
	Inspectors []Inspector      `json:"inspectors"`
}

// Stratum reports one credit class of a draw: how many entities it had and drew.
type Stratum struct {
	Class      CreditClass `json:"class"`
	Population int         `json:"population"`
	Selected   int         `json:"selected"`
}

// Assignment is one drawn entity and its inspectors in seat order.
type Assignment struct {
	Entity     string   `json:"entity"`
	Inspectors []string `json:"inspectors"`
}

// Result is the outcome of a draw: strata in class order, assignments in draw order.
type Result struct {
	Strata      []Stratum    `json:"strata"`
	Assignments []Assignment `json:"assignments"`
}
