package inspect

import (
	"path/filepath"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/rules"
	"github.com/shejian/shejian/internal/store"
)

// Options configure the inspection service. The zero value works: evidence next to the
// database, the default size limit, the embedded working-day calendar.
type Options struct {
	// EvidenceDir is where evidence files are stored; default DefaultEvidenceDir(dsn).
	EvidenceDir string
	// MaxEvidence bounds one piece of evidence in bytes; default DefaultMaxEvidence.
	MaxEvidence int64
	Calendar    *calendar.Calendar
}

// Inspections runs the inspection lifecycle (监督检查) and keeps its evidence.
type Inspections struct {
	st         *store.Store
	book       *rules.Book
	cal        *calendar.Calendar
	templates  *Service
	blobs      *Blobs
	businesses *registry.BusinessStore
	people     *registry.PersonStore
	orgs       *registry.OrgStore
	now        func() time.Time
}

// NewInspections returns the inspection service over st, judging with the template
// service's versions.
func NewInspections(st *store.Store, book *rules.Book, templates *Service, opt Options) *Inspections {
	if opt.EvidenceDir == "" {
		opt.EvidenceDir = DefaultEvidenceDir(st.DSN())
	}
	if opt.Calendar == nil {
		opt.Calendar = calendar.Default()
	}
	blobs := NewBlobs(opt.EvidenceDir)
	if opt.MaxEvidence > 0 {
		blobs.Max = opt.MaxEvidence
	}
	return &Inspections{st: st, book: book, cal: opt.Calendar, templates: templates, blobs: blobs,
		businesses: registry.NewBusinessStore(st), people: registry.NewPersonStore(st),
		orgs: registry.NewOrgStore(st), now: time.Now}
}

// DefaultEvidenceDir is "evidence" beside a SQLite database file, and "evidence" in the
// working directory for PostgreSQL (set EvidenceDir there: the database has no folder).
func DefaultEvidenceDir(dsn string) string {
	if path, ok := strings.CutPrefix(dsn, "sqlite:"); ok {
		path, _, _ = strings.Cut(path, "?")
		return filepath.Join(filepath.Dir(path), "evidence")
	}
	return "evidence"
}
