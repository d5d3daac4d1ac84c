package trace

import (
	"net/url"
	"slices"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestEventsByExtensionField: the binding's tests of user extension fields answer the
// captured events whose field (at the top of the event, nested in one, or in ILMD) passes,
// with the prefixes of the caller's GS1-Extensions; a field of no declared or standard
// prefix is refused.
func TestEventsByExtensionField(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newQueryWorld(t, st)
		mustCapture(t, w.events, document(
			queryEvent("x1", "ObjectEvent", 8, `"action": "OBSERVE", "bizStep": "inspecting", "epcList": ["`+item1+`"],
				"ex:inspector": "王芳", "ex:probe": {"ex:id": "P1", "ex:depth": 5}, "readPoint": {"id": "`+gs1Place+`"}`),
			queryEvent("x2", "ObjectEvent", 9, `"action": "OBSERVE", "bizStep": "inspecting", "epcList": ["`+item2+`"],
				"ex:inspector": "李明", "readPoint": {"id": "`+gs1Place+`"}`)), System)
		tests := []struct {
			params string
			want   []string
		}{
			{"EQ_ex:inspector=" + url.QueryEscape("王芳"), []string{"x1"}},
			{"EQ_ex:inspector=" + url.QueryEscape("王芳|李明"), []string{"x1", "x2"}},
			{"EXISTS_ex:inspector", []string{"x1", "x2"}},
			{"EXISTS_INNER_ex:id", []string{"x1"}},
			{"EQ_ex:id=P1", []string{}}, // nested: INNER_ asks for it
			{"GE_INNER_ex:depth=5&LT_INNER_ex:depth=6", []string{"x1"}},
			{"GT_INNER_ex:depth=5", []string{}},
			{"EQ_ILMD_ex:origin=" + url.QueryEscape("福建"), []string{"e4"}},
			{"EQ_ex:origin=" + url.QueryEscape("福建"), []string{}}, // an ILMD field, not an event's
		}
		for _, tt := range tests {
			t.Run(tt.params, func(t *testing.T) {
				if got := names(t, mustQuery(t, w.events, access.Everywhere, tt.params)); !slices.Equal(got, tt.want) {
					t.Errorf("?%s answered %v, want %v", tt.params, got, tt.want)
				}
			})
		}
		_, err := queryOf(w.events, access.Everywhere, "EQ_nope:inspector=x")
		if fields := apperr.From(err).Fields; err == nil || len(fields) != 1 || fields[0].Rule != "epcis_query_prefix" {
			t.Errorf("an undeclared prefix: %v, want epcis_query_prefix", err)
		}
	})
}
