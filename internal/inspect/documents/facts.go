package documents

import (
	"context"
	"time"

	"github.com/shejian/shejian/internal/inspect"
	"github.com/shejian/shejian/internal/registry"
)

// Facts is what a document shows beyond the signed record: registry data that may change
// later (names, addresses, certificates) and the choices made at issue (the public URL, the
// correction deadline). It is frozen when the document is first issued, so rendering the
// document again gives the same bytes.
type Facts struct {
	Issuer     string          `json:"issuer"` // 江临市临江区市场监督管理局
	Prefix     string          `json:"prefix"` // 江临市临江区市监: the number's prefix
	Station    string          `json:"station"`
	Business   BusinessFacts   `json:"business"`
	Inspectors []InspectorFact `json:"inspectors"`
	// PublicURL is where the result sheet's QR code points (result only).
	PublicURL string `json:"public_url,omitempty"`
	// DeadlineDays and Due are the correction deadline in working days and its day (order only).
	DeadlineDays int    `json:"deadline_days,omitempty"`
	Due          string `json:"due,omitempty"`
}

// BusinessFacts is the inspected business as the registry named it at issue.
type BusinessFacts struct {
	Name      string `json:"name"`
	USCC      string `json:"uscc"`
	LicenceNo string `json:"licence_no"`
	LegalRep  string `json:"legal_rep"`
	Address   string `json:"address"`
}

// InspectorFact is a seated inspector with the enforcement certificate (执法证) number, when
// the registry has it (Order 49 art. 24).
type InspectorFact struct {
	Name          string `json:"name"`
	CertificateNo string `json:"certificate_no,omitempty"`
}

// issuer names the unit that issues an inspection's documents: the district bureau, under
// its city. The registry keeps short names ("临江区" under "江临市"), from which the bureau's
// full name and the number prefix follow the usual form.
func (s *Service) issuer(ctx context.Context, district int64) (name, prefix string, err error) {
	d, err := s.orgs.Get(ctx, district)
	if err != nil {
		return "", "", err
	}
	short := d.Name
	if d.ParentID != nil {
		city, err := s.orgs.Get(ctx, *d.ParentID)
		if err != nil {
			return "", "", err
		}
		short = city.Name + d.Name
	}
	return short + "市场监督管理局", short + "市监", nil
}

// collectFacts reads the facts of in from the registry as they are now.
func (s *Service) collectFacts(ctx context.Context, in *inspect.Inspection) (Facts, error) {
	var f Facts
	var err error
	if f.Issuer, f.Prefix, err = s.issuer(ctx, in.DistrictID); err != nil {
		return f, err
	}
	station, err := s.orgs.Get(ctx, in.StationID)
	if err != nil {
		return f, err
	}
	b, err := s.businesses.Get(ctx, in.BusinessID)
	if err != nil {
		return f, err
	}
	f.Station = station.Name
	f.Business = BusinessFacts{Name: b.Name, USCC: b.USCC, LicenceNo: b.LicenceNo, LegalRep: b.LegalRep, Address: b.Address}
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

// china is the time zone of document dates.
var china = time.FixedZone("CST", 8*60*60)

// signedDay is the day in China the record was signed: the date every document carries.
func signedDay(in *inspect.Inspection) time.Time { return in.SignedAt.In(china) }

// dateText writes a day as documents do: 2026年9月24日.
func dateText(t time.Time) string { return t.Format("2006年1月2日") }

// registryReaders are the registry stores facts come from.
type registryReaders struct {
	orgs       *registry.OrgStore
	businesses *registry.BusinessStore
	people     *registry.PersonStore
}
