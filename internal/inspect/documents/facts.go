package documents

import (
	"context"
	"time"

	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/inspect"
	"github.com/shejian/shejian/internal/pdfdoc"
)

// Facts is what a document shows beyond the signed record: registry data that may change
// later (names, addresses, certificates) and the choices made at issue (the public URL, the
// correction deadline). It is frozen when the document is first issued, so rendering the
// document again gives the same bytes.
type Facts struct {
	pdfdoc.Facts
	Inspectors []InspectorFact `json:"inspectors"`
	// PublicURL is where the result sheet's QR code points (result only).
	PublicURL string `json:"public_url,omitempty"`
	// DeadlineDays and Due are the correction deadline in working days and its day (order only).
	DeadlineDays int    `json:"deadline_days,omitempty"`
	Due          string `json:"due,omitempty"`
}

// InspectorFact is a seated inspector with the enforcement certificate (执法证) number, when
// the registry has it (Order 49 art. 24).
type InspectorFact struct {
	Name          string `json:"name"`
	CertificateNo string `json:"certificate_no,omitempty"`
}

// collectFacts reads the facts of in from the registry as they are now.
func (s *Service) collectFacts(ctx context.Context, in *inspect.Inspection) (Facts, error) {
	var f Facts
	var err error
	if f.Facts, err = s.registry.FactsOf(ctx, in.DistrictID, in.StationID, in.BusinessID); err != nil {
		return f, err
	}
	f.Inspectors, err = s.inspectorFacts(ctx, in.Inspectors)
	return f, err
}

func (s *Service) inspectorFacts(ctx context.Context, seated []inspect.Inspector) ([]InspectorFact, error) {
	out := make([]InspectorFact, 0, len(seated))
	for _, p := range seated {
		person, err := s.people.Get(ctx, p.PersonID)
		if err != nil {
			return nil, err
		}
		out = append(out, InspectorFact{Name: p.Name, CertificateNo: person.CertificateNo})
	}
	return out, nil
}

// signedDay is the day in China the record was signed: the date every document carries.
func signedDay(in *inspect.Inspection) time.Time { return in.SignedAt.In(calendar.China) }
