package export

import (
	"strings"

	"github.com/shejian/shejian/internal/epcis"
)

// CTE is a critical tracking event (关键追溯事件) of the FDA Food Traceability Rule (FSMA 204,
// 21 CFR 1 subpart S): each has its sheet in an export and its key data elements as columns.
type CTE int

// The CTEs, in the order of their sheets: the order goods go through them.
const (
	Harvesting              CTE = iota + 1 // §1.1325(a)
	Cooling                                // §1.1325(b), before initial packing
	InitialPacking                         // §1.1330
	FirstLandBasedReceiving                // §1.1335, food from a fishing vessel
	Shipping                               // §1.1340
	Receiving                              // §1.1345
	Transformation                         // §1.1350
)

// CTEs lists every CTE in sheet order.
var CTEs = []CTE{Harvesting, Cooling, InitialPacking, FirstLandBasedReceiving, Shipping, Receiving, Transformation}

// cteNames are the English and Chinese names of the CTEs; the sheet of a CTE is named by
// both (Excel allows 31 characters).
var cteNames = map[CTE][2]string{
	Harvesting:              {"Harvesting", "收获"},
	Cooling:                 {"Cooling", "预冷"},
	InitialPacking:          {"Initial packing", "初次包装"},
	FirstLandBasedReceiving: {"First land-based receiving", "陆上首收"},
	Shipping:                {"Shipping", "发货"},
	Receiving:               {"Receiving", "收货"},
	Transformation:          {"Transformation", "加工转化"},
}

// Name is the CTE's English name.
func (c CTE) Name() string { return cteNames[c][0] }

// Sheet is the name of the CTE's sheet: English, then Chinese.
func (c CTE) Sheet() string { return cteNames[c][0] + " " + cteNames[c][1] }

var (
	stepCommissioning = epcis.CanonicalWord("commissioning", epcis.BizStepWords)
	stepCreating      = epcis.CanonicalWord("creating_class_instance", epcis.BizStepWords)
	stepPacking       = epcis.CanonicalWord("packing", epcis.BizStepWords)
	stepShipping      = epcis.CanonicalWord("shipping", epcis.BizStepWords)
	stepReceiving     = epcis.CanonicalWord("receiving", epcis.BizStepWords)
)

// catchFields are the ILMD fields (by local name, CBV master data) that say a lot was
// caught at sea: an ADD carrying them is the first land-based receiving of the catch.
var catchFields = []string{"catchArea", "vesselCatchInformationList", "vesselID", "fishingGearTypeCode", "landingStartDate"}

// Classify returns the CTE an event records, and false for an event that records none
// (see the package doc for the mapping and why). An event declared erroneous is the
// caller's to leave out.
func Classify(f *epcis.Facts) (CTE, bool) {
	switch f.Type {
	case "TransformationEvent":
		return Transformation, true
	case "ObjectEvent", "TransactionEvent":
	default:
		return 0, false // aggregation and association: the lots keep their TLCs
	}
	if f.Action == "ADD" && hasILMD(f, catchFields...) {
		return FirstLandBasedReceiving, true
	}
	switch {
	case f.BizStep == stepShipping:
		return Shipping, true
	case f.BizStep == stepReceiving:
		return Receiving, true
	case isCooling(f.BizStep):
		return Cooling, true
	case f.Action != "ADD" || f.Type != "ObjectEvent":
		return 0, false
	case f.BizStep == stepPacking:
		return InitialPacking, true
	case f.BizStep == stepCommissioning || f.BizStep == stepCreating:
		return Harvesting, true
	}
	return 0, false
}

// isCooling reports whether a business step is cooling: CBV has no such word, so a
// sender names it in its own vocabulary (urn:…:cooling, https://…/BizStep-cooling).
func isCooling(step string) bool {
	i := strings.LastIndexAny(step, ":/-")
	return step != "" && strings.EqualFold(step[i+1:], "cooling")
}

// hasILMD reports whether the event's ILMD holds one of the fields, by local name.
func hasILMD(f *epcis.Facts, names ...string) bool {
	for _, field := range f.ILMD {
		for _, n := range names {
			if localName(field.Name) == n {
				return true
			}
		}
	}
	return false
}

// ilmdValue returns the value of the first ILMD field of one of the local names, or "".
func ilmdValue(f *epcis.Facts, names ...string) string {
	for _, n := range names {
		for _, field := range f.ILMD {
			if localName(field.Name) == n {
				return field.Value
			}
		}
	}
	return ""
}

// localName is an expanded name ("{namespace}local") without its namespace.
func localName(name string) string { return name[strings.LastIndexByte(name, '}')+1:] }
