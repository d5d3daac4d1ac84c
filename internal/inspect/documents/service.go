package documents

import (
	"context"
	"time"

	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/inspect"
	"github.com/shejian/shejian/internal/pdfdoc"
	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/rules"
	"github.com/shejian/shejian/internal/store"
)

// deadlineRule is the rule of an order's correction deadline, in working days, when the
// caller names none: the deadline of the rectification the order starts (Order 49 arts.
// 31–33 leave the period to the inspectors).
const deadlineRule = "enforce.rectification.deadline_working_days"

// RuleBook reads the rules in force on a day (internal/rules.Book).
type RuleBook interface {
	Int(ctx context.Context, key string, at time.Time) (int, rules.Effective, error)
}

// maxDeadlineDays bounds the deadline a caller may ask for.
const maxDeadlineDays = 90

// Options configure the documents. Rules is required; otherwise the zero value works: the
// font from FontPath, QR codes on the host a request came to, the embedded working-day
// calendar.
type Options struct {
	// FontPath is the TrueType CJK font embedded in every PDF; default FontPath().
	FontPath string
	// PublicBaseURL ("https://shejian.example.cn") is where QR codes point; default the
	// scheme and host of the request that first issues the result sheet.
	PublicBaseURL string
	// Rules gives an order's correction deadline when the caller names none.
	Rules    RuleBook
	Calendar *calendar.Calendar
}

// Service issues and renders the documents of signed inspections.
type Service struct {
	st          *store.Store
	inspections *inspect.Inspections
	registry    pdfdoc.Registry
	people      *registry.PersonStore
	opt         Options
}

// New returns the document service over the inspection service's signed records.
func New(st *store.Store, inspections *inspect.Inspections, opt Options) *Service {
	if opt.FontPath == "" {
		opt.FontPath = pdfdoc.FontPath()
	}
	if opt.Calendar == nil {
		opt.Calendar = calendar.Default()
	}
	return &Service{st: st, inspections: inspections, opt: opt, registry: pdfdoc.RegistryOf(st), people: registry.NewPersonStore(st)}
}

// Request is what the caller chooses when a document is first issued; once issued, the
// document keeps what it was issued with.
type Request struct {
	// SiteURL is the scheme and host of the request, for the QR code when no PublicBaseURL.
	SiteURL string
	// DeadlineDays is the order's correction deadline in working days; 0 takes the rule.
	DeadlineDays int
}

// Document is a rendered document with its number and the text drawn on it, in order.
type Document struct {
	Kind   Kind
	Number pdfdoc.Number
	PDF    []byte
	Text   []string
}

// Render issues (the first time) and renders document kind of signed inspection uuid for a
// caller who may read the inspection.
func (s *Service) Render(ctx context.Context, uuid string, kind Kind, req Request) (*Document, error) {
	rec, err := s.inspections.SignedRecord(ctx, uuid)
	if err != nil {
		return nil, err
	}
	// The font after the record, so that an inspection out of reach or not signed is told as
	// such, and before a number is taken for a document that cannot be drawn.
	if _, err := pdfdoc.LoadFont(s.opt.FontPath); err != nil {
		return nil, err
	}
	doc, err := s.issue(ctx, rec, kind, req)
	if err != nil {
		return nil, err
	}
	return s.render(rec, kind, doc)
}

// RenderPublished renders the result sheet of a published inspection for anyone. It only
// shows a sheet already issued: a public request never takes a number.
func (s *Service) RenderPublished(ctx context.Context, uuid string) (*Document, error) {
	rec, err := s.inspections.PublishedRecord(ctx, uuid)
	if err != nil {
		return nil, err
	}
	doc, err := s.issuedAs(ctx, s.st.ReadDB(), rec.Inspection.ID, Result)
	if err != nil {
		return nil, err
	}
	if doc == nil {
		return nil, errNotIssued(rec.Inspection.UUID)
	}
	return s.render(rec, Result, doc)
}
