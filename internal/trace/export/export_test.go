package export

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/shejian/shejian/internal/epcis"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/trace"
)

// The businesses of the small chain, by name.
const (
	nameF1 = "绿源蔬菜专业合作社"
	nameM  = "江南农产品批发市场"
	nameR1 = "惠民生鲜超市"
	nameP  = "佳味中央厨房有限公司"
	nameS  = "万家福超市(东城店)"
	nameC  = "临江区实验小学食堂"
)

// moves summarises a sheet's rows as "quantity unit: from → place → to", the places by
// the start of their description, sorted, so that a test states a sheet in one line each.
func moves(rows []map[string]string, from, at, to string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r["Quantity"]+" "+r["Unit of measure"]+": "+short(r[from])+" → "+short(r[at])+" → "+short(r[to]))
	}
	slices.Sort(out)
	return out
}

// short is a place description up to its first comma.
func short(description string) string {
	name, _, _ := strings.Cut(description, ",")
	return name
}

func TestExportSmallChain(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w, fix := smallWorld(t, st)
		l1, l3 := fix.Cases[0].Lot, fix.Cases[2].Lot
		const ship, recv = "Ship-from (location description)", "Receiving location (location description)"
		const to, source = "Ship-to: immediate subsequent recipient (location description)", "Immediate previous source (location description)"
		t.Run("L1 for the city", func(t *testing.T) {
			f := w.mustExport(mustRequest(t, l1, "2025-12-01", "2025-12-31"), w.cityScope())
			assertSheets(t, f, map[CTE]int{Harvesting: 1, Shipping: 3, Receiving: 3, Transformation: 2})
			harvest := sheetRows(t, f, Harvesting)[0]
			if harvest["Traceability lot code (TLC)"] != l1 || harvest["Quantity"] != "1000" || harvest["Unit of measure"] != "KGM" ||
				!strings.HasPrefix(harvest["Farm (location description)"], nameF1+", "+nameF1+"路1号, 第9区, tel 138****5678") {
				t.Errorf("harvest row %v", harvest)
			}
			assertEqual(t, "shipping", moves(sheetRows(t, f, Shipping), ship, "Batch/lot number", to), []string{
				"1000 KGM: " + nameF1 + " → 251201H0000 → " + nameM,
				"300 KGM: " + nameM + " → 251201H0000 → " + nameR1,
				"600 KGM: " + nameM + " → 251201H0000 → " + nameP,
			})
			assertEqual(t, "receiving", moves(sheetRows(t, f, Receiving), source, "Batch/lot number", recv), []string{
				"1000 KGM: " + nameF1 + " → 251201H0000 → " + nameM,
				"300 KGM: " + nameM + " → 251201H0000 → " + nameR1,
				"600 KGM: " + nameM + " → 251201H0000 → " + nameP,
			})
			for _, r := range sheetRows(t, f, Shipping) {
				if !strings.HasPrefix(r["TLC source (location description)"], nameF1) {
					t.Errorf("TLC source of %v", r)
				}
			}
			var inputs []string
			for _, r := range sheetRows(t, f, Transformation) {
				if r["Traceability lot code (TLC)"] != l3 || r["Quantity"] != "1800" || r["Unit of measure"] != "pieces 件" {
					t.Errorf("transformation row %v", r)
				}
				inputs = append(inputs, r["Input quantity used"]+" "+r["Input unit of measure"]+" "+r["Input TLC"])
			}
			slices.Sort(inputs)
			assertEqual(t, "inputs", inputs, []string{"400 KGM " + fix.Cases[1].Lot, "600 KGM " + l1})
		})
		t.Run("L3, a pallet and a correction", func(t *testing.T) {
			f := w.mustExport(mustRequest(t, l3, "2025-12-01", "2025-12-31"), w.cityScope())
			assertSheets(t, f, map[CTE]int{Shipping: 2, Receiving: 2, Transformation: 2})
			assertEqual(t, "shipping", moves(sheetRows(t, f, Shipping), ship, "Batch/lot number", to), []string{
				"1000 pieces 件: " + nameP + " → 251202P0002 → " + nameS,
				"600 pieces 件: " + nameP + " → 251202P0002 → " + nameC,
			})
			assertNoEvent(t, f, fix.Withdrawn[0].ID)
			for _, r := range sheetRows(t, f, Receiving) {
				if !strings.HasPrefix(r["TLC source (location description)"], nameP) {
					t.Errorf("TLC source of %v", r)
				}
			}
		})
		t.Run("the market's district", func(t *testing.T) {
			f := w.mustExport(mustRequest(t, l1, "2025-12-01", "2025-12-31"), w.districtScope(3))
			assertSheets(t, f, map[CTE]int{Shipping: 2, Receiving: 1})
			assertEqual(t, "shipping", moves(sheetRows(t, f, Shipping), ship, "Ship-to: immediate subsequent recipient (location ID)", to), []string{
				"300 KGM: " + nameM + " →  → a business in 第1区 (第1区的经营主体)",
				"600 KGM: " + nameM + " →  → a business in 第4区 (第4区的经营主体)",
			})
		})
		t.Run("the supermarket's operator", func(t *testing.T) {
			f := w.mustExport(mustRequest(t, l1, "2025-12-01", "2025-12-31"), w.operatorScope(nameR1))
			assertSheets(t, f, map[CTE]int{Receiving: 1})
			assertEqual(t, "receiving", moves(sheetRows(t, f, Receiving), source, "Batch/lot number", recv), []string{
				"300 KGM: " + nameM + " → 251201H0000 → " + nameR1,
			})
		})
		t.Run("every product", func(t *testing.T) {
			f := w.mustExport(mustRequest(t, AllProducts, "2025-12-01", "2025-12-31"), w.cityScope())
			assertSheets(t, f, map[CTE]int{Harvesting: 3, Shipping: 8, Receiving: 8, Transformation: 2})
			assertNoEvent(t, f, fix.Withdrawn[0].ID)
		})
		t.Run("outside the days", func(t *testing.T) {
			f := w.mustExport(mustRequest(t, l1, "2025-11-01", "2025-11-30"), w.cityScope())
			assertSheets(t, f, map[CTE]int{})
		})
	})
}

// assertSheets checks the sheets' order and row counts (those not named are empty), the
// README's counts, and that each CTE sheet has its frozen header, autofilter and dates.
func assertSheets(t *testing.T, f *excelize.File, rows map[CTE]int) {
	t.Helper()
	want := []string{ReadmeSheet}
	for _, cte := range CTEs {
		want = append(want, cte.Sheet())
	}
	assertEqual(t, "sheets", f.GetSheetList(), want)
	counts := readmeCounts(t, f)
	filters := map[string]bool{}
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm._FilterDatabase" {
			filters[d.Scope] = true
		}
	}
	for _, cte := range CTEs {
		got := len(sheetRows(t, f, cte))
		if got != rows[cte] {
			t.Errorf("%s: %d rows, want %d", cte.Sheet(), got, rows[cte])
		}
		if counts[cte][0] != strconv.Itoa(rows[cte]) {
			t.Errorf("README gives %s no count of %d", cte.Sheet(), rows[cte])
		}
		panes, err := f.GetPanes(cte.Sheet())
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header not frozen: %+v %v", cte.Sheet(), panes, err)
		}
		if !filters[cte.Sheet()] {
			t.Errorf("%s: no autofilter", cte.Sheet())
		}
		if rows[cte] > 0 {
			raw, _ := f.GetCellValue(cte.Sheet(), "A2", excelize.Options{RawCellValue: true})
			if _, err := strconv.ParseFloat(raw, 64); err != nil {
				t.Errorf("%s: time %q is not an Excel date", cte.Sheet(), raw)
			}
		}
	}
}

// assertNoEvent checks that no sheet names the event.
func assertNoEvent(t *testing.T, f *excelize.File, id string) {
	t.Helper()
	for _, cte := range CTEs {
		for _, r := range sheetRows(t, f, cte) {
			if r["EPCIS event ID"] == id {
				t.Errorf("%s holds event %s", cte.Sheet(), id)
			}
		}
	}
}

func assertEqual[T any](t *testing.T, what string, got, want []T) {
	t.Helper()
	if !slices.EqualFunc(got, want, func(a, b T) bool { return any(a) == any(b) }) {
		t.Errorf("%s:\n got %v\nwant %v", what, got, want)
	}
}

// ticketDocument is a market's sales on 一票通 tickets as internal/trace/ticket writes them
// (product names in sj:productName, lots without GTIN), after the market received the lots
// the day before (as capture requires: a ticket sells no more than the seller holds), and
// the receiving of the first at the buyer, which names no product.
func ticketDocument(market, buyer string) []byte {
	stock := func(n int, lot string) string {
		return `{"type": "ObjectEvent", "eventID": "urn:uuid:00000000-0000-4000-8000-00000000000` + strconv.Itoa(n) + `",
			"eventTime": "2025-12-02T08:00:00.000+08:00", "eventTimeZoneOffset": "+08:00", "action": "OBSERVE",
			"quantityList": [{"epcClass": "` + lot + `", "quantity": 20, "uom": "KGM"}], "bizStep": "receiving", "disposition": "in_progress",
			"readPoint": {"id": "` + market + `"}, "bizLocation": {"id": "` + market + `"}}`
	}
	sale := func(n int, lot, product string) string {
		return `{"type": "ObjectEvent", "eventID": "urn:uuid:00000000-0000-4000-8000-00000000000` + strconv.Itoa(n) + `",
			"eventTime": "2025-12-03T0` + strconv.Itoa(n) + `:00:00.000+08:00", "eventTimeZoneOffset": "+08:00", "action": "OBSERVE",
			"quantityList": [{"epcClass": "` + lot + `", "quantity": 20, "uom": "KGM"}], "bizStep": "shipping", "disposition": "in_transit",
			"readPoint": {"id": "` + market + `"}, "bizTransactionList": [{"type": "urn:shejian:btt:ticket", "bizTransaction": "urn:shejian:ticket:T` + strconv.Itoa(n) + `"}],
			"sourceList": [{"type": "owning_party", "source": "` + market + `"}, {"type": "location", "source": "` + market + `"}],
			"destinationList": [{"type": "owning_party", "destination": "` + buyer + `"}, {"type": "location", "destination": "` + buyer + `"}],
			"sj:productName": "` + product + `"}`
	}
	spinach, carrot := "urn:shejian:lot:91339905MAURNGDT0P:S1", "urn:shejian:lot:91339905MAURNGDT0P:C1"
	receiving := `{"type": "ObjectEvent", "eventID": "urn:uuid:00000000-0000-4000-8000-000000000009",
		"eventTime": "2025-12-03T09:00:00.000+08:00", "eventTimeZoneOffset": "+08:00", "action": "OBSERVE",
		"quantityList": [{"epcClass": "` + spinach + `", "quantity": 20, "uom": "KGM"}], "bizStep": "receiving", "disposition": "in_progress",
		"readPoint": {"id": "` + buyer + `"}, "bizLocation": {"id": "` + buyer + `"},
		"sourceList": [{"type": "location", "source": "` + market + `"}]}`
	return []byte(`{"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"sj": "urn:shejian:epcis:"}],
		"type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2025-12-03T10:00:00Z", "epcisBody": {"eventList": [` +
		stock(7, spinach) + "," + stock(8, carrot) + "," + sale(1, spinach, "菠菜") + "," + sale(2, carrot, "胡萝卜") + "," + receiving + `]}}`)
}

func TestExportByDescription(t *testing.T) {
	w, _ := smallWorld(t, storetest.Open(t, store.SQLite))
	m, r1 := w.byName[nameM].Location(), w.byName[nameR1].Location()
	if _, err := w.events.Capture(t.Context(), ticketDocument(m, r1), trace.System); err != nil {
		t.Fatal(err)
	}
	f := w.mustExport(mustRequest(t, "菠菜", "2025-12-03", "2025-12-03"), w.cityScope())
	assertSheets(t, f, map[CTE]int{Shipping: 1, Receiving: 1})
	shipped := sheetRows(t, f, Shipping)[0]
	if shipped["Product description"] != "菠菜" || shipped["Reference document type"] != "一票通 ticket" ||
		shipped["Reference document number"] != "T1" || shipped["Batch/lot number"] != "S1" {
		t.Errorf("shipping row %v", shipped)
	}
	if received := sheetRows(t, f, Receiving)[0]; received["Product description"] != "菠菜" ||
		!strings.HasPrefix(received["TLC source (location description)"], nameM) {
		t.Errorf("receiving row %v", received)
	}
	if got := readmeCounts(t, f); got[Shipping] != [2]string{"1", "0"} || got[Receiving] != [2]string{"1", "1"} {
		t.Errorf("README counts rows and rows lacking a KDE as %v, want the receiving lacking its reference document", got)
	}
	f = w.mustExport(mustRequest(t, "萝卜", "2025-12-03", "2025-12-03"), w.cityScope())
	assertSheets(t, f, map[CTE]int{Shipping: 1})
}

// readmeCounts reads the README's rows and rows lacking a required KDE, by CTE.
func readmeCounts(t *testing.T, f *excelize.File) map[CTE][2]string {
	t.Helper()
	rows, err := f.GetRows(ReadmeSheet)
	if err != nil {
		t.Fatal(err)
	}
	out := map[CTE][2]string{}
	for _, cte := range CTEs {
		for _, r := range rows {
			if len(r) == 3 && r[0] == cte.Sheet() {
				out[cte] = [2]string{r[1], r[2]}
			}
		}
	}
	return out
}

// TestExportGS1Steps captures a packer's GS1 events — packing, cooling in its own
// vocabulary, a catch landed — and finds each on its sheet by the product's GTIN.
func TestExportGS1Steps(t *testing.T) {
	w, _ := smallWorld(t, storetest.Open(t, store.SQLite))
	f1 := w.byName[nameF1].Location()
	gtin := "0690123400999" + string(epcis.GS1CheckDigit("0690123400999"))
	event := func(n int, action, step, ilmd string) string {
		e := `{"type": "ObjectEvent", "action": "` + action + `", "bizStep": "` + step + `",
			"eventTime": "2025-12-05T0` + strconv.Itoa(n) + `:00:00.000+08:00", "eventTimeZoneOffset": "+08:00",
			"quantityList": [{"epcClass": "https://id.gs1.org/01/` + gtin + `/10/B` + strconv.Itoa(n) + `", "quantity": 10, "uom": "KGM"}],
			"readPoint": {"id": "` + f1 + `"}, "bizLocation": {"id": "` + f1 + `"}`
		if ilmd != "" {
			e += `, "ilmd": ` + ilmd
		}
		return e + "}"
	}
	doc := `{"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"], "type": "EPCISDocument",
		"schemaVersion": "2.0", "creationDate": "2025-12-05T10:00:00Z", "epcisBody": {"eventList": [` +
		event(1, "OBSERVE", "urn:shejian:bizstep:cooling", "") + "," + event(2, "ADD", "packing", "") + "," +
		event(3, "ADD", "receiving", `{"cbvmda:catchArea": "FAO-61"}`) + "," + event(4, "OBSERVE", "storing", "") + `]}}`
	if _, err := w.events.Capture(t.Context(), []byte(doc), trace.System); err != nil {
		t.Fatal(err)
	}
	f := w.mustExport(mustRequest(t, gtin, "2025-12-05", "2025-12-05"), w.cityScope())
	assertSheets(t, f, map[CTE]int{Cooling: 1, InitialPacking: 1, FirstLandBasedReceiving: 1})
	for cte, batch := range map[CTE]string{Cooling: "B1", InitialPacking: "B2", FirstLandBasedReceiving: "B3"} {
		if got := sheetRows(t, f, cte)[0]["Batch/lot number"]; got != batch {
			t.Errorf("%s holds batch %s, want %s", cte.Sheet(), got, batch)
		}
	}
	if d := sheetRows(t, f, InitialPacking)[0]["TLC source: packing location (location description)"]; !strings.HasPrefix(d, nameF1) {
		t.Errorf("packing location %q", d)
	}
}
