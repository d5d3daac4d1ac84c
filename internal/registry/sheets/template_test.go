package sheets

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/shejian/shejian/internal/i18n"
	"github.com/shejian/shejian/internal/registry"
)

func TestTemplateContents(t *testing.T) {
	parent := int64(2)
	lat, lng := 31.0, 121.0
	places := Places{
		Districts: []*registry.OrgUnit{{ID: 2, Name: "西湖区", CenterLat: &lat, CenterLng: &lng}},
		Stations:  []*registry.OrgUnit{{ID: 7, ParentID: &parent, Name: "北山监管站", Township: "北山街道"}},
	}
	for _, lang := range i18n.Langs {
		t.Run(string(lang), func(t *testing.T) {
			file := built(t)(Template(lang, places))
			data := mustRows(t, file, DataSheet)
			var header []string
			for _, c := range inputColumns {
				header = append(header, c.Header())
			}
			if !slices.Equal(data[0], header) {
				t.Errorf("header %q", data[0])
			}
			example := data[1]
			if example[0] != exampleUSCC || example[columnPosition("station_id")] != "7" || example[columnPosition("lat")] != "31" {
				t.Errorf("example row %q: want the example USCC, station 7 and the district centre", example)
			}
			help := mustRows(t, file, HelpSheet)
			for _, want := range [][]string{{"7", "北山监管站", "北山街道", "西湖区"}, {"uscc"}, {"catering"}} {
				if !containsRow(help, want) {
					t.Errorf("help sheet lacks a row starting %q", want)
				}
			}
			assertCategoryList(t, file)
		})
	}
}

// containsRow reports whether some row holds want in order (the columns list starts with
// the title, so a field name may be the second cell).
func containsRow(rows [][]string, want []string) bool {
	for _, r := range rows {
		if strings.Contains(strings.Join(r, "|"), strings.Join(want, "|")) {
			return true
		}
	}
	return false
}

func assertCategoryList(t *testing.T, data []byte) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dvs, err := f.GetDataValidations(DataSheet)
	if err != nil || len(dvs) != 1 || !strings.Contains(dvs[0].Formula1, "street_vendor") || !strings.HasPrefix(dvs[0].Sqref, "C2:") {
		t.Errorf("category drop-down: %v %+v", err, dvs)
	}
}
