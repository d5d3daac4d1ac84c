package sheets

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/i18n"
)

// TestCatalogs checks that both languages have the same keys and that every key the code
// and the page use is in them.
func TestCatalogs(t *testing.T) {
	keys := map[i18n.Lang][]string{}
	for _, lang := range i18n.Langs {
		var m map[string]string
		body, err := files.ReadFile("locale/" + string(lang) + ".json")
		if err != nil || json.Unmarshal(body, &m) != nil {
			t.Fatalf("read %s catalog: %v", lang, err)
		}
		for k := range m {
			keys[lang] = append(keys[lang], k)
		}
		slices.Sort(keys[lang])
	}
	if !slices.Equal(keys[i18n.Chinese], keys[i18n.English]) {
		t.Errorf("catalogs differ:\nzh-CN %v\nen    %v", keys[i18n.Chinese], keys[i18n.English])
	}
	used := regexp.MustCompile(`"(sheets\.[a-z_.]+|rule\.(?:xlsx|upload)_[a-z_]+)"|"(xlsx_[a-z_]+|upload_[a-z_]+)"`)
	for _, name := range []string{"read.go", "upload.go", "export.go", "help.go", "report.go", "report_store.go", "import_api.go", "templates/import.html"} {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range used.FindAllStringSubmatch(string(src), -1) {
			key := m[1]
			if m[2] != "" {
				key = "rule." + m[2]
			}
			if !strings.HasSuffix(key, ".") && !slices.Contains(keys[i18n.Chinese], key) {
				t.Errorf("%s uses %s, which no catalog has", name, key)
			}
		}
	}
	for _, c := range inputColumns {
		if !slices.Contains(keys[i18n.Chinese], "sheets.col."+c.Field) {
			t.Errorf("column %s has no help text", c.Field)
		}
	}
}
