// Package registry is the registry of who and where: org units (city → district → township
// station → grid), people (staff and coordinators) and food businesses (食品生产经营者), with
// their validation, storage, search, pages and API.
package registry

import (
	"time"
)

// Status of a business.
const (
	StatusOpen      = "open"
	StatusSuspended = "suspended"
	StatusClosed    = "closed"
)

// Business is a food business under supervision (食品生产经营者).
type Business struct {
	ID            int64        `json:"id"`
	USCC          string       `json:"uscc"`
	Name          string       `json:"name"`
	Category      CategoryCode `json:"category"`
	Kind          string       `json:"kind"`
	LicenceNo     string       `json:"licence_no"`
	LicenceIssued *time.Time   `json:"licence_issued,omitempty"`
	LicenceExpiry *time.Time   `json:"licence_expiry,omitempty"`
	LegalRep      string       `json:"legal_rep"`
	Phone         string       `json:"phone"`
	Address       string       `json:"address"`
	DistrictID    int64        `json:"district_id"`
	StationID     int64        `json:"station_id"`
	GridID        *int64       `json:"grid_id,omitempty"`
	MarketID      *int64       `json:"market_id,omitempty"`
	Lat           float64      `json:"lat"`
	Lng           float64      `json:"lng"`
	FloorArea     float64      `json:"floor_area"`
	ProductCount  int          `json:"product_count"`
	DailyDiners   int          `json:"daily_diners"`
	SupplierCount int          `json:"supplier_count"`
	EmployeeCount int          `json:"employee_count"`
	Status        string       `json:"status"`
	ClosedAt      *time.Time   `json:"closed_at,omitempty"`
	ClosedReason  string       `json:"closed_reason,omitempty"`
	CreatedAt     time.Time    `json:"created_at"`
	UpdatedAt     time.Time    `json:"updated_at"`

	// Names resolved for display; not stored.
	DistrictName string `json:"district_name,omitempty"`
	StationName  string `json:"station_name,omitempty"`
	Township     string `json:"township,omitempty"`
}

// BusinessInput is what a user or an import supplies to create or edit a business; the
// station decides the district, and coordinates must lie inside the district.
type BusinessInput struct {
	USCC          string       `json:"uscc"`
	Name          string       `json:"name"`
	Category      CategoryCode `json:"category"`
	Kind          string       `json:"kind"`
	LicenceNo     string       `json:"licence_no"`
	LicenceIssued string       `json:"licence_issued"`
	LicenceExpiry string       `json:"licence_expiry"`
	LegalRep      string       `json:"legal_rep"`
	Phone         string       `json:"phone"`
	Address       string       `json:"address"`
	StationID     int64        `json:"station_id"`
	GridID        *int64       `json:"grid_id"`
	MarketID      *int64       `json:"market_id"`
	Lat           float64      `json:"lat"`
	Lng           float64      `json:"lng"`
	FloorArea     float64      `json:"floor_area"`
	ProductCount  int          `json:"product_count"`
	DailyDiners   int          `json:"daily_diners"`
	SupplierCount int          `json:"supplier_count"`
	EmployeeCount int          `json:"employee_count"`
}

// Input returns the editable fields of b, for an edit form.
func (b *Business) Input() BusinessInput {
	date := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.Format(time.DateOnly)
	}
	return BusinessInput{
		USCC: b.USCC, Name: b.Name, Category: b.Category, Kind: b.Kind, LicenceNo: b.LicenceNo,
		LicenceIssued: date(b.LicenceIssued), LicenceExpiry: date(b.LicenceExpiry), LegalRep: b.LegalRep,
		Phone: b.Phone, Address: b.Address, StationID: b.StationID, GridID: b.GridID, MarketID: b.MarketID,
		Lat: b.Lat, Lng: b.Lng, FloorArea: b.FloorArea, ProductCount: b.ProductCount, DailyDiners: b.DailyDiners,
		SupplierCount: b.SupplierCount, EmployeeCount: b.EmployeeCount,
	}
}
