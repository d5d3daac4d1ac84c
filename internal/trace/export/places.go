package export

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/trace"
	"github.com/shejian/shejian/internal/trace/ticket"
)

// place is a location as an export shows it: its description (FSMA's location
// description: business name, address, phone) and its identifier, both as the caller
// may see them.
type place struct{ description, id string }

// business is what the registry says of a business a record names.
type business struct {
	id                         int64
	name, address, phone       string
	district, station          int64
	grid                       *int64
	districtName, districtPath string
}

// placeBook describes the places of an export as the caller sees them: city-wide staff
// and a business operator (whose export holds only its own events, so every other place
// in it is a direct supplier or customer) see every place in full; district, station
// and grid staff see the businesses of their scope and the unregistered parties their
// events name in full, other businesses by district only, without name or USCC.
type placeBook struct {
	scope      access.Scope
	unmasked   bool // the caller may see phone numbers unmasked
	businesses map[string]*business
	places     map[string]place
}

// newPlaceBook looks up the registered businesses among locations.
func newPlaceBook(ctx context.Context, st *store.Store, scope access.Scope, unmasked bool, locations []string) (*placeBook, error) {
	b := &placeBook{scope: scope, unmasked: unmasked, businesses: map[string]*business{}, places: map[string]place{}}
	var usccs []string
	seen := map[string]bool{}
	for _, l := range locations {
		if uscc, ok := trace.USCCOf(l); ok && !seen[uscc] {
			seen[uscc] = true
			usccs = append(usccs, uscc)
		}
	}
	for len(usccs) > 0 {
		n := min(len(usccs), 1000)
		if err := b.read(ctx, st, usccs[:n]); err != nil {
			return nil, err
		}
		usccs = usccs[n:]
	}
	return b, nil
}

// read looks up businesses by USCC.
func (b *placeBook) read(ctx context.Context, st *store.Store, usccs []string) error {
	rows, err := st.ReadDB().QueryContext(ctx, `SELECT b.uscc, b.id, b.name, b.address, b.phone, b.district_id, b.station_id,
		b.grid_id, d.name FROM businesses b JOIN org_units d ON d.id = b.district_id
		WHERE b.uscc `+trace.InList(st.Dialect(), "$1"), trace.ListArg(st.Dialect(), usccs))
	if err != nil {
		return fmt.Errorf("look up the businesses of an export: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var uscc string
		x := &business{}
		if err := rows.Scan(&uscc, &x.id, &x.name, &x.address, &x.phone, &x.district, &x.station, &x.grid, &x.districtName); err != nil {
			return fmt.Errorf("look up the businesses of an export: %w", err)
		}
		b.businesses[uscc] = x
	}
	return rows.Err()
}

// place describes location, "" showing nothing.
func (b *placeBook) place(location string) place {
	if location == "" {
		return place{}
	}
	if p, ok := b.places[location]; ok {
		return p
	}
	p := b.describe(location)
	b.places[location] = p
	return p
}

func (b *placeBook) describe(location string) place {
	if uscc, ok := trace.USCCOf(location); ok {
		x := b.businesses[uscc]
		switch {
		case x == nil:
			return place{description: "a business not in the registry 未在登记库中的主体", id: location}
		case !b.scope.CityWide() && b.scope.BusinessID == 0 && !b.scope.CoversBusiness(x.id, x.district, x.station, x.grid):
			return place{description: "a business in " + x.districtName + " (" + x.districtName + "的经营主体)"}
		}
		phone := x.phone
		if !b.unmasked && phone != "" {
			phone = registry.MaskPhone(phone)
		}
		parts := []string{x.name, x.address, x.districtName}
		if phone != "" {
			parts = append(parts, "tel "+phone)
		}
		return place{description: strings.Join(parts, ", "), id: location}
	}
	if rest, ok := strings.CutPrefix(location, ticket.PartyPrefix); ok {
		name, _, _ := strings.Cut(rest, ":")
		if n, err := url.PathUnescape(name); err == nil {
			name = n
		}
		return place{description: name + " (unregistered 未登记)", id: location}
	}
	return place{id: location}
}
