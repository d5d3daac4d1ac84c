package export

import (
	"slices"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/calendar"
)

// column is one key data element (KDE) of a sheet: its header, English with Chinese
// beside, and how to read it from a record.
type column struct {
	en, zh   string
	width    float64
	format   format
	required bool // FSMA requires it of this CTE: a row without it is counted in README
	value    func(r *Record, p *placeBook) any
}

// format is how a column's cells are written.
type format int

const (
	textCell   format = iota
	timeCell          // an Excel date and time, China time
	dayCell           // an Excel date
	numberCell        // a number
)

// title is the column's header.
func (c column) title() string { return c.en + " " + c.zh }

// required marks a column FSMA requires of the CTE.
func required(c column) column { c.required = true; return c }

// The columns, built once; each CTE's sheet takes those its KDEs need.
var (
	colEventTime = column{"Event date and time", "事件时间", 18, timeCell, false, func(r *Record, _ *placeBook) any { return timeValue(r.Time) }}
	colTLC       = column{"Traceability lot code (TLC)", "追溯批次码", 48, textCell, false, func(r *Record, _ *placeBook) any { return r.TLC }}
	colProduct   = column{"Product description", "产品描述", 20, textCell, false, func(r *Record, _ *placeBook) any { return r.Product }}
	colGTIN      = column{"GTIN", "商品条码", 16, textCell, false, func(r *Record, _ *placeBook) any { return r.GTIN }}
	colBatch     = column{"Batch/lot number", "批次号", 16, textCell, false, func(r *Record, _ *placeBook) any { return r.Batch }}
	colQuantity  = column{"Quantity", "数量", 10, numberCell, false, func(r *Record, _ *placeBook) any { return quantityValue(r.Quantity, r.HasQuantity) }}
	colUOM       = column{"Unit of measure", "计量单位", 10, textCell, false, func(r *Record, _ *placeBook) any { return uomLabel(r.UOM, r.HasQuantity) }}
	colOrigin    = column{"Field or growing area", "产地", 16, textCell, false, func(r *Record, _ *placeBook) any { return r.Origin }}
	colHarvest   = column{"Harvest date (lot data)", "采收日期", 12, dayCell, false, func(r *Record, _ *placeBook) any { return timeValue(r.HarvestDate) }}
	colCert      = column{"Certificate", "承诺达标合格证", 30, textCell, false, func(r *Record, _ *placeBook) any { return r.Certificate }}
	colRefType   = column{"Reference document type", "单据类型", 18, textCell, false, func(r *Record, _ *placeBook) any { return refTypes(r.References) }}
	colRefNumber = column{"Reference document number", "单据编号", 30, textCell, false, func(r *Record, _ *placeBook) any { return refNumbers(r.References) }}
	colEventID   = column{"EPCIS event ID", "事件标识", 40, textCell, false, func(r *Record, _ *placeBook) any { return r.EventID }}
	colXformID   = column{"Transformation ID", "加工转化标识", 40, textCell, false, func(r *Record, _ *placeBook) any { return r.TransformationID }}

	colInputTLC      = column{"Input TLC", "投入批次码", 48, textCell, false, inputValue(func(l *Lot) any { return l.TLC })}
	colInputProduct  = column{"Input product description", "投入产品描述", 20, textCell, false, inputValue(func(l *Lot) any { return l.Product })}
	colInputQuantity = column{"Input quantity used", "投入数量", 10, numberCell, false, inputValue(func(l *Lot) any { return quantityValue(l.Quantity, l.HasQuantity) })}
	colInputUOM      = column{"Input unit of measure", "投入计量单位", 10, textCell, false, inputValue(func(l *Lot) any { return uomLabel(l.UOM, l.HasQuantity) })}
)

// locationColumns are the description and the identifier of one of a record's places.
func locationColumns(en, zh string, of func(r *Record) string) [2]column {
	return [2]column{
		{en + " (location description)", zh, 40, textCell, false, func(r *Record, p *placeBook) any { return p.place(of(r)).description }},
		{en + " (location ID)", zh + "标识", 30, textCell, false, func(r *Record, p *placeBook) any { return p.place(of(r)).id }},
	}
}

func atLocation(r *Record) string { return r.Location }
func fromPlace(r *Record) string  { return r.From }
func toPlace(r *Record) string    { return r.To }
func tlcSource(r *Record) string  { return r.TLCSource }

// lotColumns begin every sheet: when, which lot, what and how much.
var lotColumns = []column{required(colEventTime), required(colTLC), required(colProduct), colGTIN, colBatch,
	required(colQuantity), required(colUOM)}

// sheetColumns are the columns of each CTE's sheet: the KDEs of 21 CFR 1.1325–1.1350,
// required ones marked, with the GTIN, batch number and event ID beside to check by.
var sheetColumns = map[CTE][]column{
	Harvesting: sheet([][2]column{req(locationColumns("Farm", "农场/基地", atLocation)),
		locationColumns("Immediate subsequent recipient", "接收方", toPlace)},
		colHarvest, colOrigin, colCert, colRefType, colRefNumber, colEventID),
	Cooling: sheet([][2]column{req(locationColumns("Cooling location", "预冷地点", atLocation)),
		locationColumns("Immediate subsequent recipient", "接收方", toPlace)},
		colOrigin, colRefType, colRefNumber, colEventID),
	InitialPacking: sheet([][2]column{req(locationColumns("TLC source: packing location", "包装地点", tlcSource))},
		colHarvest, colOrigin, colCert, colRefType, colRefNumber, colEventID),
	FirstLandBasedReceiving: sheet([][2]column{req(locationColumns("TLC source: first land-based receiver", "首次陆上接收地点", tlcSource))},
		colOrigin, colRefType, colRefNumber, colEventID),
	Shipping: sheet([][2]column{req(locationColumns("Ship-from", "发货地点", fromPlace)),
		req(locationColumns("Ship-to: immediate subsequent recipient", "收货方", toPlace)),
		req(locationColumns("TLC source", "批次码来源", tlcSource))},
		required(colRefType), required(colRefNumber), colCert, colEventID),
	Receiving: sheet([][2]column{req(locationColumns("Receiving location", "收货地点", atLocation)),
		req(locationColumns("Immediate previous source", "供货方", fromPlace)),
		req(locationColumns("TLC source", "批次码来源", tlcSource))},
		required(colRefType), required(colRefNumber), colEventID),
	Transformation: sheet([][2]column{req(locationColumns("TLC source: transformation location", "加工地点", tlcSource))},
		required(colInputTLC), required(colInputProduct), required(colInputQuantity), required(colInputUOM),
		colXformID, colRefType, colRefNumber, colEventID),
}

// sheet is a sheet's columns: the lot's, its places', then the others.
func sheet(places [][2]column, after ...column) []column {
	out := slices.Clone(lotColumns)
	for _, p := range places {
		out = append(out, p[:]...)
	}
	return append(out, after...)
}

// req marks a place's description required (its identifier may be hidden).
func req(c [2]column) [2]column { return [2]column{required(c[0]), c[1]} }

// inputValue reads a column of a transformation row's input lot.
func inputValue(of func(l *Lot) any) func(r *Record, _ *placeBook) any {
	return func(r *Record, _ *placeBook) any {
		if r.Input == nil {
			return nil
		}
		return of(r.Input)
	}
}

// timeValue is a time as a cell: China time, nil for none.
func timeValue(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	local := t.In(calendar.China)
	// Excel has no zones: the wall clock of China time, as UTC so the library keeps it.
	return time.Date(local.Year(), local.Month(), local.Day(), local.Hour(), local.Minute(), local.Second(), local.Nanosecond(), time.UTC)
}

func quantityValue(q float64, has bool) any {
	if !has {
		return nil
	}
	return q
}

// uomLabel names a unit: a UN/ECE code as given (KGM), a count unit as named, a bare
// count as pieces.
func uomLabel(uom string, has bool) any {
	switch {
	case !has:
		return nil
	case uom == "":
		return "pieces 件"
	}
	return uom
}

// refTypeNames name the reference document types of CBV and ours.
var refTypeNames = map[string]string{
	"ticket": "一票通 ticket", "inv": "invoice 发票", "desadv": "despatch advice 发货单", "bol": "bill of lading 提单",
	"po": "purchase order 采购单", "prodorder": "production order 生产单", "recadv": "receiving advice 收货单",
	"testres": "test result 检测报告", "testprd": "test procedure 检测方法", "cert": "certificate 证书",
}

func refTypes(refs []Reference) any {
	parts := make([]string, len(refs))
	for i, r := range refs {
		parts[i] = refTypeName(r.Type)
	}
	return strings.Join(parts, "; ")
}

func refTypeName(t string) string {
	if n, ok := refTypeNames[t]; ok {
		return n
	}
	return t
}

func refNumbers(refs []Reference) any {
	parts := make([]string, len(refs))
	for i, r := range refs {
		parts[i] = r.Number
	}
	return strings.Join(parts, "; ")
}
