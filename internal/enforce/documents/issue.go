package documents

import (
	"context"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/enforce"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/pdfdoc"
)

// register is where case documents are recorded; their kinds count in the sequences
// case_<kind>, apart from the inspections' documents.
var register = pdfdoc.Register{Table: "case_documents", Owner: "case_id", Sequences: "case_"}

// Facts is what a case document shows beyond the case's steps: registry data that may
// change later, frozen when the document is first issued.
type Facts struct {
	pdfdoc.Facts
	// Offence is the decision's offence as the catalogue named it at issue (decision only).
	Offence *OffenceFacts `json:"offence,omitempty"`
}

// OffenceFacts is an offence of the catalogue (违法行为目录) with its name and legal basis.
type OffenceFacts struct {
	Code  string `json:"code"`
	Name  string `json:"name"`
	Basis string `json:"basis"`
}

// issued is a document already recorded: its number and frozen facts.
type issued struct {
	Number pdfdoc.Number
	Facts  Facts
}

// issue returns document kind of c as issued: the stored number and facts, or, the first
// time, a number of the district bureau's sequence (the decision's own sealed number) and
// the facts as they are now, recorded in one transaction. The party and staff who do not
// work on cases read what was issued and take no number.
func (s *Service) issue(ctx context.Context, c *enforce.Case, kind Kind, row *enforce.CaseStep, party bool) (*issued, error) {
	doc := &issued{}
	n, ok, err := register.Issued(ctx, s.st.ReadDB(), c.ID, string(kind), &doc.Facts)
	if err != nil {
		return nil, err
	}
	if ok {
		doc.Number = n
		return doc, nil
	}
	if party || !mayIssue(ctx) {
		return nil, apperr.New(apperr.Conflict, "case_documents.not_issued", nil)
	}
	if doc.Facts.Facts, err = s.registry.FactsOf(ctx, c.DistrictID, c.StationID, c.BusinessID); err != nil {
		return nil, err
	}
	counter := pdfdoc.Counter{Unit: c.DistrictID, Year: row.DoneOn.Year(), Prefix: doc.Facts.Prefix, Word: forms[kind].word}
	if kind == Decision {
		d, err := decisionOf(row)
		if err != nil {
			return nil, err
		}
		if d.DocumentNumber == "" {
			return nil, apperr.New(apperr.Conflict, "case_documents.decision_unnumbered", nil)
		}
		counter.Fixed, doc.Facts.Offence = d.DocumentNumber, offenceFacts(d.Offence)
	}
	doc.Number, err = register.Issue(ctx, s.st, c.ID, string(kind), counter, &doc.Facts)
	return doc, err
}

// offenceFacts names offence code in Chinese from enforce's catalogue, nil without a code.
func offenceFacts(code string) *OffenceFacts {
	if code == "" {
		return nil
	}
	key := "enforce.offence." + code
	o := &OffenceFacts{Code: code, Name: code}
	if i18n.Has(i18n.Chinese, key) {
		o.Name = i18n.T(i18n.Chinese, key, nil)
	}
	if i18n.Has(i18n.Chinese, key+".basis") {
		o.Basis = i18n.T(i18n.Chinese, key+".basis", nil)
	}
	return o
}
