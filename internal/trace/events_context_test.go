package trace

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// withContext is a document of events whose @context maps the prefix ex to namespace.
func withContext(namespace string, events ...string) []byte {
	return bytes.Replace(document(events...), []byte(`{"ex": "https://ns.example.cn/trace/"}`), []byte(`{"ex": "`+namespace+`"}`), 1)
}

// originEvent is an event named name with an ILMD field ex:origin.
func originEvent(name string) string {
	return queryEvent(name, "ObjectEvent", 1, `"action": "ADD", "epcList": ["`+item1+`"], "ilmd": {"ex:origin": "福建"}`)
}

// TestEventsContexts: the query document's @context carries the extension prefixes of the
// documents its events came in; an event whose document defined a prefix otherwise than
// another's on the page carries its document's own. Either way each event reads back with
// its extension fields in their namespaces, whether the store kept each event with its
// document's @context or without.
func TestEventsContexts(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		mustCapture(t, w.events, withContext("https://a.example.cn/", originEvent("a")), System)
		mustCapture(t, w.events, withContext("https://b.example.cn/", originEvent("b")), System)
		mustCapture(t, w.events, withContext("https://a.example.cn/", originEvent("c")), System)
		page := mustQuery(t, w.events, access.Everywhere, "")
		if got := string(page.Context); got != `["`+EPCISContext+`",{"ex":"https://a.example.cn/"}]` {
			t.Errorf("page @context %s", got)
		}
		for i, want := range []string{"https://a.example.cn/", "https://b.example.cn/", "https://a.example.cn/"} {
			f, err := parseAnswer(t, page)[i].Facts()
			if err != nil {
				t.Fatal(err)
			}
			if got := f.ILMD; len(got) != 1 || got[0].Name != "{"+want+"}origin" {
				t.Errorf("event %d reads back with ILMD %v, want {%s}origin", i, got, want)
			}
			ownContext := strings.Contains(string(page.Events[i]), `"@context"`)
			if ownContext != (i == 1) {
				t.Errorf("event %d: own @context %v: %s", i, ownContext, page.Events[i])
			}
		}
		stripStoredContexts(t, st)
		again := mustQuery(t, w.events, access.Everywhere, "")
		if !slices.EqualFunc(again.Events, page.Events, func(a, b json.RawMessage) bool { return bytes.Equal(a, b) }) || !bytes.Equal(again.Context, page.Context) {
			t.Errorf("stored without their document's @context, the events answer otherwise:\n%s\n%s", again.Events, page.Events)
		}
	})
}

// stripStoredContexts keeps each stored event without the @context capture copied in, as
// its bytes as sent (the events of these tests have no @context of their own).
func stripStoredContexts(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	rows, err := st.DB().QueryContext(ctx, `SELECT id, json FROM epcis_events`)
	if err != nil {
		t.Fatal(err)
	}
	stripped := map[int64]string{}
	for rows.Next() {
		var id int64
		var raw []byte
		var members map[string]json.RawMessage
		if err := rows.Scan(&id, &raw); err != nil || json.Unmarshal(raw, &members) != nil {
			t.Fatal(err)
		}
		if _, ok := members["@context"]; !ok {
			continue // stored as sent already
		}
		delete(members, "@context")
		b, _ := json.Marshal(members)
		stripped[id] = string(b)
	}
	rows.Close()
	for id, raw := range stripped {
		if _, err := st.DB().ExecContext(ctx, `UPDATE epcis_events SET json = $1 WHERE id = $2`, raw, id); err != nil {
			t.Fatal(err)
		}
	}
}
