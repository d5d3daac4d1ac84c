package export

import (
	"time"

	"github.com/shejian/shejian/internal/epcis"
)

// Event is an event as the export reads it: its facts, and the extension fields of
// internal/trace/ticket (prefix sj) that describe its goods.
type Event struct {
	Facts epcis.Facts
	// Product is the product description (品名) the event gives its goods: sj:productName,
	// else the lot's ILMD productName; Origin their origin (产地), sj:origin or ILMD;
	// CountUnit the unit of a count without a UN/ECE unit (箱, 件), sj:unit.
	Product, Origin, CountUnit string
	// Certificate is the event's certificationInfo (承诺达标合格证), which Facts do not hold.
	Certificate string
}

// Record is one row of an export: the key data elements (关键数据元素) of one lot in one
// CTE. Locations are identifiers (a business's urn:shejian:uscc:…, a GLN), which the
// workbook describes as the caller may see them.
type Record struct {
	CTE     CTE
	EventID string
	// Time is when the CTE happened: the harvest, cooling, packing, landing, shipping or
	// receiving, or the completion of the transformation.
	Time time.Time
	// TLC is the traceability lot code (追溯批次码): the lot's canonical identifier, an
	// LGTIN Digital Link or one of our urn:shejian:lot:….
	TLC, GTIN, Batch string
	Product          string
	Quantity         float64
	HasQuantity      bool
	UOM              string // UN/ECE Rec 20 code, or the count unit
	// Location is where the CTE happened (the farm, the cooler, the packer, the first
	// land-based receiver, the shipper, the receiver, the transformer); From the
	// immediate previous source of a receiving or the ship-from of a shipping; To the
	// immediate subsequent recipient of a shipping (or of a harvest, when given).
	Location, From, To string
	// TLCSource is where the TLC was assigned; the exporter fills it for a lot not
	// created by this record.
	TLCSource string
	// References are the reference documents (单据): business transactions.
	References []Reference
	// HarvestDate and Origin (field or growing area, 产地) describe where a lot grew.
	HarvestDate time.Time
	Origin      string
	Certificate string // 承诺达标合格证 (certificationInfo)
	// Input is the input lot of a transformation row (one row per input × output lot).
	Input            *Lot
	TransformationID string
}

// Lot is a lot in a quantity: an input of a transformation.
type Lot struct {
	TLC, GTIN, Batch, Product string
	Quantity                  float64
	HasQuantity               bool
	UOM                       string
}

// Reference is a reference document: its type (a CBV word, or our own) and number.
type Reference struct{ Type, Number string }
