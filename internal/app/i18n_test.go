package app

import (
	"testing"

	"github.com/shejian/shejian/internal/i18n"
)

// Every capability registers its catalogs at init; importing the app loads them all, so a
// key missing in one language shows up here instead of as a raw key on a page.
func TestCatalogsHaveBothLanguages(t *testing.T) {
	for _, pair := range [][2]i18n.Lang{{i18n.Chinese, i18n.English}, {i18n.English, i18n.Chinese}} {
		for _, key := range i18n.Keys(pair[0]) {
			if !i18n.Has(pair[1], key) {
				t.Errorf("key %q is in %s but not in %s", key, pair[0], pair[1])
			}
		}
	}
}
