package trace

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/store"
)

// LocationPrefix starts the location URI of a registered business: urn:shejian:uscc:<USCC>,
// optionally followed by ":<site>", the USCC being the business's unified social credit
// code (统一社会信用代码). Locations of other forms (a GS1 partner's SGLN) have no owner here.
const LocationPrefix = "urn:shejian:uscc:"

// placeOf returns where an event happened, the location that decides its owner: its
// bizLocation, else its readPoint, with the field it was read from.
func placeOf(f *epcis.Facts) (location, field string) {
	if f.BizLocation != "" {
		return f.BizLocation, "/bizLocation/id"
	}
	if f.ReadPoint != "" {
		return f.ReadPoint, "/readPoint/id"
	}
	return "", ""
}

// usccOf returns the USCC a business location names, and false for any other location.
func usccOf(location string) (string, bool) {
	rest, ok := strings.CutPrefix(location, LocationPrefix)
	uscc, _, _ := strings.Cut(rest, ":")
	return uscc, ok && uscc != ""
}

// placedBusiness is a business with the placement its scope is judged by.
type placedBusiness struct {
	id, district, station int64
	grid                  *int64
}

// assignOwners sets each record's owner from the business its location names and returns
// the problems of the events the capturer may not send: a location naming no registered
// business, a business outside the capturer's scope, and, for a business operator, any
// event not at a location of its own business.
func assignOwners(ctx context.Context, st *store.Store, p *prepared, scope access.Scope) ([]epcis.Problem, error) {
	businesses, err := businessesOf(ctx, st, p.records)
	if err != nil {
		return nil, err
	}
	var problems []epcis.Problem
	for i := range p.records {
		r := &p.records[i]
		location, field := placeOf(&r.facts)
		uscc, registered := usccOf(location)
		b, known := businesses[uscc]
		params := map[string]any{"location": location}
		switch {
		case registered && !known:
			problems = append(problems, newProblem(r, p.base, field, RuleLocationUnknown, params))
		case registered && !scope.CoversBusiness(b.id, b.district, b.station, b.grid):
			problems = append(problems, newProblem(r, p.base, field, RuleLocationOutOfScope, params))
		case registered:
			r.owner = b.id
		case scope.BusinessID != 0:
			problems = append(problems, newProblem(r, p.base, cmp.Or(field, "/bizLocation"), RuleLocationNotOwn, params))
		}
	}
	return problems, nil
}

// businessesOf looks up the businesses the records' locations name, by USCC.
func businessesOf(ctx context.Context, st *store.Store, records []record) (map[string]placedBusiness, error) {
	seen := map[string]bool{}
	var usccs []string
	for i := range records {
		location, _ := placeOf(&records[i].facts)
		if uscc, ok := usccOf(location); ok && !seen[uscc] {
			seen[uscc] = true
			usccs = append(usccs, uscc)
		}
	}
	out := map[string]placedBusiness{}
	if len(usccs) == 0 {
		return out, nil
	}
	rows, err := st.ReadDB().QueryContext(ctx, `SELECT id, uscc, district_id, station_id, grid_id FROM businesses WHERE uscc `+
		inList(st.Dialect(), "$1"), listArg(st.Dialect(), usccs))
	if err != nil {
		return nil, fmt.Errorf("look up businesses of locations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var b placedBusiness
		var uscc string
		if err := rows.Scan(&b.id, &uscc, &b.district, &b.station, &b.grid); err != nil {
			return nil, fmt.Errorf("look up businesses of locations: %w", err)
		}
		out[uscc] = b
	}
	return out, rows.Err()
}
