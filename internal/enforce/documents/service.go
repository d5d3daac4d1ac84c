package documents

import (
	"context"
	"slices"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/enforce"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/pdfdoc"
	"github.com/shejian/shejian/internal/rules"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/web"
)

// Cases reads a case in the caller's scope (enforce.Service): out of scope is NotFound.
type Cases interface {
	Case(ctx context.Context, id int64) (*enforce.Case, error)
}

// RuleBook reads the rules in force on a day (internal/rules.Book).
type RuleBook interface {
	Int(ctx context.Context, key string, at time.Time) (int, rules.Effective, error)
}

// Options configure the documents. Rules is required; the font defaults to pdfdoc.FontPath.
type Options struct {
	// FontPath is the TrueType CJK font embedded in every PDF.
	FontPath string
	// Rules gives the appeal periods a decision states (enforce.appeal.*).
	Rules RuleBook
}

// Service issues and renders the documents of cases.
type Service struct {
	st       *store.Store
	cases    Cases
	registry pdfdoc.Registry
	opt      Options
}

// New returns the document service over the cases of the enforcement service.
func New(st *store.Store, cases Cases, opt Options) *Service {
	if opt.FontPath == "" {
		opt.FontPath = pdfdoc.FontPath()
	}
	return &Service{st: st, cases: cases, opt: opt, registry: pdfdoc.RegistryOf(st)}
}

// Document is a rendered document with its number and the text drawn on it, in order.
type Document struct {
	Kind   Kind
	Number pdfdoc.Number
	PDF    []byte
	Text   []string
}

// Render issues (the first time) and renders document kind of case id for a caller who may
// read the case. The party reads only the documents addressed to it, once issued.
func (s *Service) Render(ctx context.Context, id int64, kind Kind) (*Document, error) {
	c, err := s.cases.Case(ctx, id)
	if err != nil {
		return nil, err
	}
	form, ok := forms[kind]
	if !ok {
		return nil, apperr.New(apperr.NotFound, "case_documents.not_found", map[string]any{"kind": string(kind)})
	}
	party := access.ScopeFrom(ctx).BusinessID != 0
	if party && !form.party {
		return nil, apperr.New(apperr.Forbidden, "case_documents.internal_form", nil)
	}
	row := stepOf(c, form.step)
	if row == nil {
		key := "enforce.step." + string(form.step) // the step's name in enforce's catalogs
		return nil, apperr.New(apperr.Conflict, "case_documents.step_not_recorded", map[string]any{"step": string(form.step),
			"step_zh": i18n.T(i18n.Chinese, key, nil), "step_en": i18n.T(i18n.English, key, nil)})
	}
	// The font last of the checks, so that a case out of reach or a step not recorded is
	// told as such, and before a number is taken for a document that cannot be drawn.
	if _, err := pdfdoc.LoadFont(s.opt.FontPath); err != nil {
		return nil, err
	}
	doc, err := s.issue(ctx, c, kind, row, party)
	if err != nil {
		return nil, err
	}
	appeal, err := s.appealPeriods(ctx, row.DoneOn)
	if err != nil {
		return nil, err
	}
	return s.render(c, kind, doc, appeal)
}

// appealPeriods reads the appeal periods in force on day, the decision's: the same case
// renders the same text later, whatever the rules become.
func (s *Service) appealPeriods(ctx context.Context, day time.Time) (appealPeriods, error) {
	var p appealPeriods
	var err error
	if p.days, _, err = s.opt.Rules.Int(ctx, "enforce.appeal.reconsideration_days", day); err != nil {
		return p, err
	}
	p.months, _, err = s.opt.Rules.Int(ctx, "enforce.appeal.litigation_months", day)
	return p, err
}

// stepOf is the row of step s of c, nil when the case has not been through it.
func stepOf(c *enforce.Case, s enforce.Step) *enforce.CaseStep {
	i := slices.IndexFunc(c.Steps, func(r enforce.CaseStep) bool { return r.Step == s })
	if i < 0 {
		return nil
	}
	return &c.Steps[i]
}

// mayIssue reports whether the caller may take a number: staff who work on cases.
func mayIssue(ctx context.Context) bool {
	u := web.UserFrom(ctx)
	return u != nil && u.Permits != nil && u.Permits(access.EnforceWork)
}
