package demo

import (
	"time"

	"github.com/shejian/shejian/internal/registry"
)

// business is one generated row of the businesses table.
type business struct {
	spec
	id                                     int64
	uscc, name, licenceNo                  string
	issued, expiry                         time.Time // zero: none (stalls)
	legalRep, phone, address               string
	district, station, grid, market        int64 // market: the stall's market, 0 for others
	lat, lng, floorArea                    float64
	products, diners, suppliers, employees int
	status, closedReason                   string
	closedAt, created, updated             time.Time
}

// businessTable lists the columns row returns, in order.
var businessTable = table{name: "businesses", cols: []string{"id", "uscc", "name", "category", "kind", "licence_no",
	"licence_issued", "licence_expiry", "legal_rep", "phone", "address", "district_id", "station_id", "grid_id",
	"market_id", "lat", "lng", "floor_area", "product_count", "daily_diners", "supplier_count", "employee_count",
	"status", "closed_at", "closed_reason", "created_at", "updated_at"}}

func (b *business) row() []any {
	return []any{b.id, b.uscc, b.name, string(b.cat), b.kind, b.licenceNo, nullTime(b.issued), nullTime(b.expiry),
		b.legalRep, b.phone, b.address, b.district, b.station, b.grid, nullID(b.market), b.lat, b.lng, b.floorArea,
		b.products, b.diners, b.suppliers, b.employees, b.status, nullTime(b.closedAt), b.closedReason, b.created, b.updated}
}

// Status shares: most businesses are open; a few are suspended (停业整顿) or closed.
const (
	suspendedShare = 0.02
	closedShare    = 0.04
)

// setStatus decides whether b stays open, is suspended or closed; half of those whose
// licence has expired closed when it did.
func (b *business) setStatus(r rng) {
	expired := !b.expiry.IsZero() && b.expiry.Before(baseDate)
	switch u := r.Float64(); {
	case expired && u < 0.5:
		b.close(r, "许可证有效期届满未延续", b.expiry.AddDate(0, 0, 1+r.IntN(30)))
	case u < closedShare:
		from := b.created.AddDate(0, 0, 30)
		if span := int(baseDate.Sub(from).Hours() / 24); span > 1 {
			b.close(r, pick(r, closedReasons), from.AddDate(0, 0, r.IntN(span)))
		}
	case u < closedShare+suspendedShare:
		b.status = registry.StatusSuspended
	}
}

func (b *business) close(r rng, reason string, day time.Time) {
	if last := baseDate.AddDate(0, 0, -1); day.After(last) {
		day = last
	}
	b.status, b.closedReason = registry.StatusClosed, reason
	b.closedAt = day.Add(time.Duration(1+r.IntN(9))*time.Hour + time.Duration(r.IntN(60))*time.Minute)
	b.updated = b.closedAt
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
