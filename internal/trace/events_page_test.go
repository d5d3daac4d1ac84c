package trace

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// pagedEvent is event <name> of the paging tests (urn:shejian:test:<name>): ObjectEvent i
// on one of six days, so that many events share an eventTime, giving a quantity of 7 when
// i is a multiple of ten and 1 otherwise.
func pagedEvent(i int) string {
	quantity := 1
	if i%10 == 0 {
		quantity = 7
	}
	return queryEvent(strconv.Itoa(i), "ObjectEvent", 1+i%6, fmt.Sprintf(`"action": "OBSERVE",
		"epcList": ["urn:epc:id:sgtin:6901234.012345.%d"], "quantityList": [{"epcClass": "%s", "quantity": %d}]`, i, lot1, quantity))
}

// capturePaged captures events from to to (excluded) in documents of size events.
func capturePaged(t *testing.T, w *world, from, to, size int) {
	t.Helper()
	for start := from; start < to; start += size {
		var events []string
		for i := start; i < min(start+size, to); i++ {
			events = append(events, pagedEvent(i))
		}
		mustCapture(t, w.events, document(events...), System)
	}
}

// storedRow is what the paging tests know of a stored event: its name and its order keys.
type storedRow struct {
	name                 string
	row, eventMs, record int64
}

// readRows reads every stored event in capture order.
func readRows(t *testing.T, st *store.Store) []storedRow {
	t.Helper()
	rows, err := st.DB().QueryContext(context.Background(), `SELECT event_id, id, event_ms, record_ms FROM epcis_events ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []storedRow
	for rows.Next() {
		var r storedRow
		if err := rows.Scan(&r.name, &r.row, &r.eventMs, &r.record); err != nil {
			t.Fatal(err)
		}
		r.name = strings.TrimPrefix(r.name, "urn:shejian:test:")
		out = append(out, r)
	}
	return out
}

// namesBy returns the names of rows kept by keep, sorted by key with the row breaking ties,
// descending when desc.
func namesBy(rows []storedRow, key func(storedRow) int64, desc bool, keep func(storedRow) bool) []string {
	rows = slices.DeleteFunc(slices.Clone(rows), func(r storedRow) bool { return !keep(r) })
	slices.SortFunc(rows, func(a, b storedRow) int {
		c := cmp.Or(cmp.Compare(key(a), key(b)), cmp.Compare(a.row, b.row))
		if desc {
			return -c
		}
		return c
	})
	names := []string{}
	for _, r := range rows {
		names = append(names, r.name)
	}
	return names
}

// TestEventsPages walks each order a page at a time through events captured in three
// documents (three record times) on six event times: each event comes exactly once, in
// the order asked, those sharing an order key by capture order.
func TestEventsPages(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		capturePaged(t, w, 0, 23, 8)
		rows := readRows(t, st)
		id := func(r storedRow) int64 { return r.row }
		eventTime := func(r storedRow) int64 { return r.eventMs }
		recordTime := func(r storedRow) int64 { return r.record }
		every := func(storedRow) bool { return true }
		tenth := func(r storedRow) bool { n, _ := strconv.Atoi(r.name); return n%10 == 0 }
		tests := []struct {
			params string
			want   []string
		}{
			{"perPage=4", namesBy(rows, id, false, every)},
			{"perPage=4&orderBy=eventTime&orderDirection=ASC", namesBy(rows, eventTime, false, every)},
			{"perPage=5&orderBy=eventTime", namesBy(rows, eventTime, true, every)},
			{"perPage=3&orderBy=recordTime", namesBy(rows, recordTime, true, every)},
			{"perPage=4&orderBy=eventTime&eventCountLimit=10", namesBy(rows, eventTime, true, every)[:10]},
			{"perPage=1&EQ_quantity=7", namesBy(rows, id, false, tenth)},
			{"perPage=2&EQ_quantity=7&orderBy=eventTime", namesBy(rows, eventTime, true, tenth)},
		}
		for _, tt := range tests {
			if got := walk(t, w.events, access.Everywhere, tt.params); !slices.Equal(got, tt.want) {
				t.Errorf("?%s walks %v, want %v", tt.params, got, tt.want)
			}
		}
	})
}

// TestEventsPagesWhileCapturing: events captured during a walk in capture order come after
// the page the walk is at, once; none is met twice or missed.
func TestEventsPagesWhileCapturing(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		capturePaged(t, w, 0, 12, 12)
		var got []string
		page := mustQuery(t, w.events, access.Everywhere, "perPage=5")
		for captured := 12; ; captured += 3 {
			got = append(got, names(t, page)...)
			if page.Next == "" {
				break
			}
			if captured < 18 {
				capturePaged(t, w, captured, captured+3, 3)
			}
			page = mustQuery(t, w.events, access.Everywhere, "perPage=5&nextPageToken="+page.Next)
		}
		if want := namesBy(readRows(t, st), func(r storedRow) int64 { return r.row }, false,
			func(storedRow) bool { return true }); !slices.Equal(got, want) {
			t.Errorf("walked %v, want %v", got, want)
		}
	})
}

// TestEventsTooLargeToExamine: a query whose parameters need each event's facts, matching
// nothing among more than MaxExamined events, is refused rather than read to the end.
func TestEventsTooLargeToExamine(t *testing.T) {
	w := newWorld(t, storetest.Open(t, store.SQLite))
	for n := range MaxExamined/benchEvents + 1 {
		mustCapture(t, w.events, benchDocument(w, n), System)
	}
	if _, err := queryOf(w.events, access.Everywhere, "EQ_quantity=1"); apperr.CodeOf(err) != apperr.TooLarge {
		t.Errorf("a query reading every event: %v, want too large", err)
	}
	page, err := queryOf(w.events, access.Everywhere, "EQ_quantity=20.5&perPage=2")
	if err != nil || len(page.Events) != 2 || page.Next == "" {
		t.Errorf("a query filling its page at once: %d events, next %q, %v", len(page.Events), page.Next, err)
	}
}
