package sheets

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/store"
)

// district centre and radius of the test org tree.
const (
	centerLat, centerLng, radiusKm = 30.27, 120.15, 20.0
)

// tree is the org tree the tests place businesses in: one city, one district and two
// stations.
type tree struct {
	City, District, Station, Station2 *registry.OrgUnit
}

func mustTree(tb testing.TB, st *store.Store) tree {
	tb.Helper()
	orgs := registry.NewOrgStore(st)
	create := func(in registry.OrgUnitInput) *registry.OrgUnit {
		o, err := orgs.Create(context.Background(), in)
		if err != nil {
			tb.Fatalf("create %s %s: %v", in.Kind, in.Code, err)
		}
		return o
	}
	lat, lng, radius := centerLat, centerLng, radiusKm
	var t tree
	t.City = create(registry.OrgUnitInput{Kind: registry.OrgCity, Code: "3301", Name: "杭州市"})
	t.District = create(registry.OrgUnitInput{ParentID: &t.City.ID, Kind: registry.OrgDistrict, Code: "330106", Name: "西湖区",
		CenterLat: &lat, CenterLng: &lng, RadiusKm: &radius})
	t.Station = create(registry.OrgUnitInput{ParentID: &t.District.ID, Kind: registry.OrgStation, Code: "330106001", Name: "北山监管站", Township: "北山街道"})
	t.Station2 = create(registry.OrgUnitInput{ParentID: &t.District.ID, Kind: registry.OrgStation, Code: "330106002", Name: "西溪监管站", Township: "西溪街道"})
	return t
}

func (t tree) places() Places {
	return Places{Districts: []*registry.OrgUnit{t.District}, Stations: []*registry.OrgUnit{t.Station, t.Station2}}
}

// testUSCC is the n-th valid USCC.
func testUSCC(n int) string {
	first17 := fmt.Sprintf("91330106MA%07d", n)
	check, _ := registry.USCCCheckChar(first17)
	return first17 + string(check)
}

// goodInput is a valid catering business number n of station.
func goodInput(n int, station int64) registry.BusinessInput {
	return registry.BusinessInput{
		USCC: testUSCC(n), Name: fmt.Sprintf("测试餐馆%d", n), Category: registry.CategoryCatering, Kind: "restaurant",
		LicenceNo: fmt.Sprintf("JY2%013d", n), LicenceIssued: "2024-01-05", LicenceExpiry: "2029-01-04",
		LegalRep: "李四", Phone: "13900000000", Address: fmt.Sprintf("文三路 %d 号", n), StationID: station,
		Lat: centerLat + float64(n%100)/10000, Lng: centerLng - float64(n%100)/10000,
		FloorArea: 60.5, DailyDiners: 100, SupplierCount: 3, EmployeeCount: 5,
	}
}

// sheetRow is one data row of a test workbook: typed values, or raw overrides by field.
type sheetRow struct {
	In  registry.BusinessInput
	Raw map[string]any
}

// mustWorkbook writes a workbook with the template's header and rows, the way users fill it.
func mustWorkbook(tb testing.TB, rows []sheetRow) []byte {
	tb.Helper()
	f, err := newWorkbook(DataSheet)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sw, err := f.NewStreamWriter(DataSheet)
	if err != nil {
		tb.Fatal(err)
	}
	header := make([]any, len(inputColumns))
	for i, c := range inputColumns {
		header[i] = c.Header()
	}
	if err := sw.SetRow("A1", header); err != nil {
		tb.Fatal(err)
	}
	for n, r := range rows {
		values := rowValues(r.In)
		for i, c := range inputColumns {
			if raw, ok := r.Raw[c.Field]; ok {
				values[i] = raw
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, n+2)
		if err := sw.SetRow(cell, values); err != nil {
			tb.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		tb.Fatal(err)
	}
	return mustBytes(tb, f)
}

// rowValues are the cells of in under the template's header.
func rowValues(in registry.BusinessInput) []any {
	values := make([]any, len(inputColumns))
	for i, c := range inputColumns {
		values[i] = c.value(reflect.ValueOf(&in))
	}
	return values
}

func mustBytes(tb testing.TB, f *excelize.File) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// built returns a function that turns what Template, Export or ReportWorkbook return into
// the workbook's file, failing the test on their error and closing the workbook:
// built(t)(Template(lang, places)).
func built(tb testing.TB) func(*Workbook, error) []byte {
	return func(wb *Workbook, err error) []byte {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
		defer wb.Close()
		var buf bytes.Buffer
		if _, err := wb.WriteTo(&buf); err != nil {
			tb.Fatal(err)
		}
		return buf.Bytes()
	}
}

// mustRows reads every row of sheet in the xlsx data.
func mustRows(tb testing.TB, data []byte, sheet string) [][]string {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		tb.Fatalf("open workbook: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		tb.Fatalf("read %s: %v", sheet, err)
	}
	return rows
}

// countBusinesses counts the businesses matching f.
func countBusinesses(tb testing.TB, b *registry.BusinessStore, f registry.BusinessFilter) int {
	tb.Helper()
	n := 0
	if err := b.Each(context.Background(), f, func(*registry.Business) error { n++; return nil }); err != nil {
		tb.Fatalf("list businesses: %v", err)
	}
	return n
}

// anyStation lets an import place businesses anywhere, as a city-wide caller may.
func anyStation(int64) bool { return true }
