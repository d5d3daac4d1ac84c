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
	"github.com/shejian/shejian/internal/store/storetest"
)

func TestTemplateRoundTrip(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		tr := mustTree(t, st)
		filled := fillTemplate(t, built(t)(Template("zh-CN", tr.places())), []registry.BusinessInput{goodInput(1, tr.Station.ID), goodInput(2, tr.Station2.ID), goodInput(3, tr.Station.ID)})
		res, err := NewImporter(registry.NewBusinessStore(st)).Import(context.Background(), filled, anyStation)
		if err != nil {
			t.Fatal(err)
		}
		if res.Imported != 3 || len(res.Errors) != 0 {
			t.Fatalf("imported %d, errors %v; want 3 and none", res.Imported, res.Errors)
		}
		if n := countBusinesses(t, registry.NewBusinessStore(st), registry.BusinessFilter{StationID: tr.Station.ID}); n != 2 {
			t.Errorf("station 1 has %d businesses, want 2", n)
		}
	})
}

// fillTemplate writes rows below the example row of a template, keeping the example.
func fillTemplate(t *testing.T, template []byte, rows []registry.BusinessInput) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(template))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for n, in := range rows {
		values := rowValues(in)
		cell, _ := excelize.CoordinatesToCellName(1, n+3)
		if err := f.SetSheetRow(DataSheet, cell, &values); err != nil {
			t.Fatal(err)
		}
	}
	return mustBytes(t, f)
}

func TestImportReportsEveryBadRow(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		tr := mustTree(t, st)
		businesses := registry.NewBusinessStore(st)
		cases := []struct {
			name        string
			row         sheetRow
			field, rule string
		}{
			{"uscc check digit", sheetRow{In: withUSCC(goodInput(10, tr.Station.ID), wrongCheck(testUSCC(10)))}, "uscc", "uscc_checksum"},
			{"licence format", sheetRow{In: goodInput(11, tr.Station.ID), Raw: map[string]any{"licence_no": "JY9123"}}, "licence_no", "licence_jy_format"},
			{"date", sheetRow{In: goodInput(12, tr.Station.ID), Raw: map[string]any{"licence_issued": "2024-13-45"}}, "licence_issued", "date"},
			{"duplicate uscc in file", sheetRow{In: withUSCC(goodInput(13, tr.Station.ID), testUSCC(1))}, "uscc", "duplicate_in_file"},
			{"latitude not a number", sheetRow{In: goodInput(14, tr.Station.ID), Raw: map[string]any{"lat": "北纬30度"}}, "lat", "number"},
			{"latitude outside district", sheetRow{In: withLat(goodInput(15, tr.Station.ID), centerLat+1)}, "lat", "outside_district"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				// good rows 2 and 3, the bad row 4, a good row 5
				rows := []sheetRow{{In: goodInput(1, tr.Station.ID)}, {In: goodInput(2, tr.Station.ID)}, c.row, {In: goodInput(3, tr.Station.ID)}}
				res := mustImport(t, businesses, mustWorkbook(t, rows))
				want := fmt.Sprintf("row 4 %s %s", c.field, c.rule)
				if got := describe(res.Errors); len(got) != 1 || got[0] != want {
					t.Errorf("errors %v, want [%s]", got, want)
				}
				if c.rule == "duplicate_in_file" && res.Errors[0].Params["row"] != 2 {
					t.Errorf("duplicate of row %v, want 2", res.Errors[0].Params["row"])
				}
				if n := countBusinesses(t, businesses, registry.BusinessFilter{}); res.Imported != 0 || n != 0 {
					t.Errorf("imported %d, %d businesses stored; want none", res.Imported, n)
				}
			})
		}
	})
}

func TestImportAllBadRowsAtOnce(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		tr := mustTree(t, st)
		businesses := registry.NewBusinessStore(st)
		rows := []sheetRow{
			{In: goodInput(1, tr.Station.ID)},
			{In: withUSCC(goodInput(2, tr.Station.ID), wrongCheck(testUSCC(2)))},
			{In: goodInput(3, tr.Station.ID), Raw: map[string]any{"licence_no": "SC123"}},
			{In: goodInput(4, tr.Station.ID), Raw: map[string]any{"licence_expiry": "明年"}},
			{In: withLat(goodInput(5, tr.Station.ID), centerLat+1)},
			{In: withUSCC(goodInput(6, tr.Station.ID), testUSCC(1))},
		}
		res := mustImport(t, businesses, mustWorkbook(t, rows))
		want := []string{"row 3 uscc uscc_checksum", "row 4 licence_no licence_jy_format", "row 5 licence_expiry date",
			"row 6 lat outside_district", "row 7 uscc duplicate_in_file"}
		checkRejected(t, businesses, res, want, 0)
	})
}

// TestImportChecksEveryRowBesideUnreadableCells: a file with a cell that cannot be read
// still gets the checks that need the database, so that one upload reports everything.
func TestImportChecksEveryRowBesideUnreadableCells(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		tr := mustTree(t, st)
		businesses := registry.NewBusinessStore(st)
		if _, err := businesses.Create(context.Background(), goodInput(7, tr.Station.ID)); err != nil {
			t.Fatal(err)
		}
		rows := []sheetRow{
			{In: goodInput(1, tr.Station.ID)},
			{In: goodInput(2, tr.Station.ID), Raw: map[string]any{"lat": "北纬30度"}},
			{In: goodInput(7, tr.Station.ID)},
			{In: goodInput(3, tr.Station.ID+1000)},
			{In: withUSCC(goodInput(4, tr.Station.ID), testUSCC(1))},
			{In: goodInput(5, tr.Station.ID), Raw: map[string]any{"lng": "东经120度"}},
		}
		res := mustImport(t, businesses, mustWorkbook(t, rows))
		want := []string{"row 3 lat number", "row 4 uscc duplicate", "row 4 licence_no duplicate",
			"row 5 station_id station_unknown", "row 6 uscc duplicate_in_file", "row 7 lng number"}
		checkRejected(t, businesses, res, want, 1)
	})
}

func TestImportDuplicateOfRegistered(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		tr := mustTree(t, st)
		businesses := registry.NewBusinessStore(st)
		if _, err := businesses.Create(context.Background(), goodInput(7, tr.Station.ID)); err != nil {
			t.Fatal(err)
		}
		res := mustImport(t, businesses, mustWorkbook(t, []sheetRow{{In: goodInput(1, tr.Station.ID)}, {In: goodInput(7, tr.Station.ID)}}))
		want := []string{"row 3 uscc duplicate", "row 3 licence_no duplicate"}
		checkRejected(t, businesses, res, want, 1)
	})
}

func mustImport(t *testing.T, b *registry.BusinessStore, data []byte) *Result {
	t.Helper()
	res, err := NewImporter(b).Import(context.Background(), data, anyStation)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return res
}

// checkRejected checks that an import reported the errors want and left the stored
// businesses, registered beforehand, alone.
func checkRejected(t *testing.T, b *registry.BusinessStore, res *Result, want []string, stored int) {
	t.Helper()
	if got := describe(res.Errors); !reflect.DeepEqual(got, want) {
		t.Errorf("errors\n got %v\nwant %v", got, want)
	}
	if n := countBusinesses(t, b, registry.BusinessFilter{}); res.Imported != 0 || n != stored {
		t.Errorf("imported %d, %d businesses stored; want none imported, %d stored", res.Imported, n, stored)
	}
}

func describe(errs []CellError) []string {
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = fmt.Sprintf("row %d %s %s", e.Row, e.Field, e.Rule)
	}
	return out
}

func withUSCC(in registry.BusinessInput, uscc string) registry.BusinessInput {
	in.USCC = uscc
	return in
}

// wrongCheck replaces the check character of a valid USCC with another.
func wrongCheck(uscc string) string {
	if uscc[17] == '0' {
		return uscc[:17] + "1"
	}
	return uscc[:17] + "0"
}

func withLat(in registry.BusinessInput, lat float64) registry.BusinessInput {
	in.Lat = lat
	return in
}

// TestImportOutsideScope refuses, row by row and writing nothing, a workbook with a business
// placed at a station outside the importer's jurisdiction.
func TestImportOutsideScope(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		tr := mustTree(t, st)
		filled := fillTemplate(t, built(t)(Template("zh-CN", tr.places())), []registry.BusinessInput{goodInput(1, tr.Station.ID), goodInput(2, tr.Station2.ID)})
		onlyFirst := func(id int64) bool { return id == tr.Station.ID }
		res, err := NewImporter(registry.NewBusinessStore(st)).Import(context.Background(), filled, onlyFirst)
		if err != nil {
			t.Fatal(err)
		}
		if res.Imported != 0 || len(res.Errors) != 1 || res.Errors[0].Field != "station_id" || res.Errors[0].Rule != "out_of_scope" || res.Errors[0].Row != 4 {
			t.Fatalf("imported %d, errors %+v; want nothing and row 4's station out of scope", res.Imported, res.Errors)
		}
		if n := countBusinesses(t, registry.NewBusinessStore(st), registry.BusinessFilter{}); n != 0 {
			t.Errorf("%d businesses written", n)
		}
	})
}
