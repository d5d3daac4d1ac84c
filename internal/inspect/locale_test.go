package inspect

import (
	"testing"

	"github.com/shejian/shejian/internal/i18n"
)

// TestEverySectorAndReasonHasAName: the pages and results name every sector and every
// reason of a result (the app checks that both catalogs hold the same keys).
func TestEverySectorAndReasonHasAName(t *testing.T) {
	for _, s := range Sectors {
		if !i18n.Has(i18n.English, sectorKey(s)) {
			t.Errorf("no name for sector %s", s)
		}
	}
	for _, r := range []string{ReasonNoFailure, ReasonWithinLimits, ReasonKeyFailed, ReasonTooManyGeneral, ReasonKeyAndTooMany} {
		if !i18n.Has(i18n.English, "inspect.reason."+r) {
			t.Errorf("no message for reason %s", r)
		}
	}
}
