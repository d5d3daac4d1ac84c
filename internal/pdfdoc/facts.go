package pdfdoc

import (
	"context"

	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/store"
)

// Facts are the registry facts every document shows: who issues it and whom it is about.
// A document freezes them when it is first issued, so a later change of a name or an
// address does not change an issued document. Each kind of document embeds them in facts
// of its own.
type Facts struct {
	Issuer   string   `json:"issuer"` // 江临市临江区市场监督管理局
	Prefix   string   `json:"prefix"` // 江临市临江区市监: the number's prefix
	Station  string   `json:"station"`
	Business Business `json:"business"`
}

// Registry are the registry stores Facts come from.
type Registry struct {
	Orgs       *registry.OrgStore
	Businesses *registry.BusinessStore
}

// FactsOf reads, as they are now, the facts of a document issued by the bureau of district
// about business, which station supervises.
func (r Registry) FactsOf(ctx context.Context, district, station, business int64) (Facts, error) {
	var f Facts
	var err error
	if f.Issuer, f.Prefix, err = r.issuer(ctx, district); err != nil {
		return f, err
	}
	s, err := r.Orgs.Get(ctx, station)
	if err != nil {
		return f, err
	}
	f.Station = s.Name
	f.Business, err = r.business(ctx, business)
	return f, err
}

// issuer names the bureau of district and its number prefix. The registry keeps short
// names ("临江区" under "江临市"), from which the bureau's full name and the prefix follow
// the usual form.
func (r Registry) issuer(ctx context.Context, district int64) (name, prefix string, err error) {
	d, err := r.Orgs.Get(ctx, district)
	if err != nil {
		return "", "", err
	}
	short := d.Name
	if d.ParentID != nil {
		city, err := r.Orgs.Get(ctx, *d.ParentID)
		if err != nil {
			return "", "", err
		}
		short = city.Name + d.Name
	}
	return short + "市场监督管理局", short + "市监", nil
}

// Business is a business as the registry named it when a document was issued.
type Business struct {
	Name      string `json:"name"`
	USCC      string `json:"uscc"`
	LicenceNo string `json:"licence_no"`
	LegalRep  string `json:"legal_rep"`
	Address   string `json:"address"`
}

func (r Registry) business(ctx context.Context, id int64) (Business, error) {
	b, err := r.Businesses.Get(ctx, id)
	if err != nil {
		return Business{}, err
	}
	return Business{Name: b.Name, USCC: b.USCC, LicenceNo: b.LicenceNo, LegalRep: b.LegalRep, Address: b.Address}, nil
}

// RegistryOf reads the registry of st.
func RegistryOf(st *store.Store) Registry {
	return Registry{Orgs: registry.NewOrgStore(st), Businesses: registry.NewBusinessStore(st)}
}
