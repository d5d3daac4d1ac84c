package journey

// How much of a place the caller sees (Place.Seen).
const (
	SeenFull     = "full"     // everything the registry says, or an unregistered place's identifier
	SeenDistrict = "district" // a registered business outside the caller's view: its district only
	SeenHidden   = "hidden"   // a place that is no registered business, outside the caller's view
)

// Place is a place of an answer (a location, a source or a destination) as the caller may
// see it. Only what Seen allows is set: a business seen by district has no name, USCC,
// address or kind, so that an answer never holds what the caller may not see.
type Place struct {
	Seen       string `json:"seen"`
	Registered bool   `json:"registered"` // a business of the registry (urn:shejian:uscc:…)
	Location   string `json:"location,omitempty"`
	BusinessID int64  `json:"business_id,omitempty"`
	Name       string `json:"name,omitempty"` // the business's name, or an unregistered party's
	USCC       string `json:"uscc,omitempty"`
	Address    string `json:"address,omitempty"`
	Category   string `json:"category,omitempty"`
	Kind       string `json:"kind,omitempty"`
	DistrictID int64  `json:"district_id,omitempty"`
	District   string `json:"district,omitempty"`
	// Canteen marks a school or unit canteen or a central kitchen, seen in full.
	Canteen bool `json:"canteen,omitempty"`
}

// place is location as the caller sees it.
func (v *viewer) place(location string) Place {
	b, full := v.business(location), v.full(location)
	switch {
	case b != nil && full:
		return Place{Seen: SeenFull, Registered: true, Location: location, BusinessID: b.id, Name: b.name, USCC: b.uscc,
			Address: b.address, Category: b.category, Kind: b.kind, DistrictID: b.district, District: b.districtName, Canteen: b.canteen()}
	case b != nil:
		return Place{Seen: SeenDistrict, Registered: true, DistrictID: b.district, District: b.districtName}
	case full:
		name, _ := partyName(location)
		return Place{Seen: SeenFull, Location: location, Name: name}
	}
	return Place{Seen: SeenHidden}
}

// placeRef is location as the caller sees it, or nil for none.
func (v *viewer) placeRef(location string) *Place {
	if location == "" {
		return nil
	}
	p := v.place(location)
	return &p
}
