package draw

import "time"

// TaskStatus is where a draw task (抽查任务) stands.
type TaskStatus string

// A task is committed when created (its inputs frozen and their digest and the seed's hash
// published), drawn once, and published (一公开) by its deadline.
const (
	TaskCommitted TaskStatus = "committed"
	TaskDrawn     TaskStatus = "drawn"
	TaskPublished TaskStatus = "published"
)

// Task is a draw task as stored.
type Task struct {
	ID          int64      `json:"id"`
	Code        string     `json:"code"`
	Name        string     `json:"name"`
	OrgUnitID   int64      `json:"org_unit_id"`
	Status      TaskStatus `json:"status"`
	Commitment  Commitment `json:"commitment"`
	Beacon      string     `json:"beacon,omitempty"`
	DrawnAt     *time.Time `json:"drawn_at,omitempty"`
	PublishDue  *time.Time `json:"publish_due,omitempty"` // last day to publish the result
	PublishedAt *time.Time `json:"published_at,omitempty"`
}

// NewTask is what a task is created from: the organizing unit, whose directories it draws
// from, the codes of the items of its list the inspections cover, and the draw rules.
type NewTask struct {
	OrgUnitID int64    `json:"org_unit_id"`
	Items     []string `json:"items"`
	Config    Config   `json:"config"`
}
