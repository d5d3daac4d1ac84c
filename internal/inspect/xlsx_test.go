package inspect

import (
	"bytes"
	"reflect"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// mustExport returns version t exported in lang as workbook bytes.
func mustExport(tb testing.TB, t *ChecklistTemplate, lang i18n.Lang) []byte {
	tb.Helper()
	f, err := Export(t, lang)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// edit applies change to the workbook data and returns the new bytes.
func edit(tb testing.TB, data []byte, change func(f *excelize.File)) []byte {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	change(f)
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func TestXLSXRoundTrip(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		s, ctx := mustService(t, st), adminCtx()
		for _, lang := range i18n.Langs {
			t.Run(string(lang), func(t *testing.T) {
				orig := mustCurrent(t, s, SectorHealthFood)
				scored := orig.Content
				scored.Items = slices.Clone(orig.Items)
				scored.Items[0].Points, scored.Items[1].TextEN, scored.Items[2].Confidence = points(2.5), "Licence valid", ""
				draft, err := s.Create(ctx, scored)
				if err != nil {
					t.Fatal(err)
				}
				imported, err := s.Import(ctx, mustExport(t, draft, lang))
				if err != nil {
					t.Fatalf("import the export: %v", err)
				}
				if imported.Version != draft.Version+1 || imported.Status != Draft || imported.ID == draft.ID {
					t.Fatalf("imported v%d %s, exported v%d", imported.Version, imported.Status, draft.Version)
				}
				if !reflect.DeepEqual(imported.Content, draft.Content) {
					t.Fatalf("round trip changed the content:\n got %+v\nwant %+v", imported.Content, draft.Content)
				}
			})
		}
	})
}

func TestXLSXBadRowsStoreNothing(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		s, ctx := mustService(t, st), adminCtx()
		good := mustExport(t, mustCurrent(t, s, SectorSales), i18n.Chinese)
		bad := edit(t, good, func(f *excelize.File) {
			items := itemsSheet.zh
			f.SetCellValue(items, "B3", "生产过程控制")   // a production area on the sales table
			f.SetCellValue(items, "C4", "也许")       // key flag unreadable
			f.SetCellValue(items, "A6", "1.1")      // code of row 2 again
			f.SetCellValue(items, "D7", "")         // no item text
			f.SetCellValue(items, "F8", "两分")       // points not a number
			f.SetCellValue(infoSheet.zh, "C9", "八") // max_general_failures not a number
		})
		before, err := s.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.Import(ctx, bad)
		want := []string{"9:template.max_general_failures:integer", "3:items.area:inspect_unknown_area", "4:items.key:inspect_yes_no",
			"6:items.code:inspect_duplicate_code", "7:items.text:required", "8:items.points:number"}
		if got := fieldsOf(t, err); !slices.Equal(got, want) {
			t.Fatalf("errors %v, want %v", got, want)
		}
		if dup := apperr.From(err).Fields[3]; dup.Params["row"] != 1 {
			t.Errorf("duplicate names item %v, want the first item", dup.Params["row"])
		}
		after, err := s.List(ctx)
		if err != nil || len(after) != len(before) {
			t.Fatalf("%d templates before a refused import, %d after: %v", len(before), len(after), err)
		}
	})
}

func TestXLSXFileErrors(t *testing.T) {
	good := mustExport(t, &ChecklistTemplate{Version: 1, Content: smallContent(ResultRule{MaxGeneralFailures: 8})}, i18n.Chinese)
	tests := []struct {
		name string
		data []byte
		rule string
	}{
		{"not a workbook", []byte("uscc,name\n"), "inspect_xlsx_unreadable"},
		{"one sheet only", edit(t, good, func(f *excelize.File) { f.DeleteSheet(itemsSheet.zh) }), "inspect_xlsx_no_sheet"},
		{"no item text column", edit(t, good, func(f *excelize.File) { f.SetCellValue(itemsSheet.zh, "D1", "备注") }), "inspect_xlsx_missing_columns"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadWorkbook(tt.data)
			if got := fieldsOf(t, err); !slices.Equal(got, []string{"0:file:" + tt.rule}) {
				t.Fatalf("errors %v, want file %s", got, tt.rule)
			}
		})
	}
}
