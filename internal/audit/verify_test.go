package audit

import (
	"context"
	"fmt"
	"testing"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

func TestVerifyFindsTheFirstBreak(t *testing.T) {
	const n = 10
	tests := []struct {
		name    string
		tamper  []string // run in order, past the append-only triggers
		seq     int64
		kind    string
		checked int64
	}{
		{"intact", nil, 0, "", n},
		{"after changed", []string{`UPDATE audit_log SET after = '{"name":"假"}' WHERE seq = 4`}, 4, Changed, 3},
		{"actor changed", []string{`UPDATE audit_log SET actor_login = 'wang' WHERE seq = 5`}, 5, Changed, 4},
		{"ip changed", []string{`UPDATE audit_log SET ip = '10.9.9.9' WHERE seq = 1`}, 1, Changed, 0},
		{"actor id cleared", []string{`UPDATE audit_log SET actor_id = NULL WHERE seq = 6`}, 6, Changed, 5},
		{"time changed", []string{`UPDATE audit_log SET at_us = at_us + 1 WHERE seq = 10`}, 10, Changed, 9},
		{"middle removed", []string{`DELETE FROM audit_log WHERE seq = 5`}, 5, Removed, 4},
		{"first removed", []string{`DELETE FROM audit_log WHERE seq = 1`}, 1, Removed, 0},
		{"last removed", []string{`DELETE FROM audit_log WHERE seq = 10`}, 10, Removed, 9},
		{"removed and renumbered", []string{`DELETE FROM audit_log WHERE seq = 5`,
			`UPDATE audit_log SET seq = seq - 1 WHERE seq > 5`}, 5, Reordered, 4},
		{"two swapped", swap(3, 7), 3, Reordered, 2},
		{"neighbours swapped", swap(8, 9), 8, Reordered, 7},
		{"head moved back", []string{`UPDATE audit_head SET seq = 9`}, 10, HeadMismatch, 9},
		{"head hash changed", []string{`UPDATE audit_head SET hash = (SELECT prev_hash FROM audit_log WHERE seq = 10)`}, 10, HeadMismatch, 10},
		{"prev hash rewritten", []string{`UPDATE audit_log SET prev_hash = (SELECT hash FROM audit_log WHERE seq = 1) WHERE seq = 3`}, 3, Changed, 2},
		{"gap across parts", []string{`DELETE FROM audit_log WHERE seq IN (3, 4)`}, 3, Removed, 2},
	}
	forEachSplit(t, func(t *testing.T, d store.Dialect) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				st := storetest.Open(t, d)
				recordN(t, st, n)
				for _, q := range tt.tamper {
					tamper(t, st, q)
				}
				checked, p, err := Verify(context.Background(), st, nil)
				if err != nil {
					t.Fatal(err)
				}
				got := Problem{}
				if p != nil {
					got = *p
				}
				if got.Seq != tt.seq || got.Kind != tt.kind || checked != tt.checked {
					t.Errorf("Verify = %d, %+v; want %d, entry %d %q", checked, got, tt.checked, tt.seq, tt.kind)
				}
				if p != nil && got.Detail == "" {
					t.Error("a problem without detail")
				}
			})
		}
	})
}

// swap exchanges the places of entries a and b.
func swap(a, b int) []string {
	return []string{
		fmt.Sprintf(`UPDATE audit_log SET seq = -1 WHERE seq = %d`, a),
		fmt.Sprintf(`UPDATE audit_log SET seq = %d WHERE seq = %d`, a, b),
		fmt.Sprintf(`UPDATE audit_log SET seq = %d WHERE seq = -1`, b),
	}
}

// forEachSplit runs fn on each engine with the chain verified as one part and, so that
// problems fall on the boundaries too, as three parts of at least three entries.
func forEachSplit(t *testing.T, fn func(t *testing.T, d store.Dialect)) {
	for _, sp := range []struct {
		name  string
		parts int
		size  int64
	}{{"one part", 1, partSize}, {"three parts", 3, 3}} {
		t.Run(sp.name, func(t *testing.T) {
			oldParts, oldSize := maxParts, partSize
			maxParts, partSize = sp.parts, sp.size
			t.Cleanup(func() { maxParts, partSize = oldParts, oldSize })
			storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) { fn(t, st.Dialect()) })
		})
	}
}

func TestVerifyRejoinedChain(t *testing.T) {
	// A forger who rewrites an entry and recomputes its hash still breaks the link to the
	// entry after it: inside a part (5) or across two (3, the end of the first of three).
	forEachSplit(t, func(t *testing.T, d store.Dialect) {
		for _, forged := range []int64{3, 5} {
			st := storetest.Open(t, d)
			loadChain(t, st, 10)
			m := benchMessage(forged, "")
			ctx := context.Background()
			if err := st.DB().QueryRowContext(ctx, `SELECT prev_hash FROM audit_log WHERE seq = $1`, forged).Scan(&m.PrevHash); err != nil {
				t.Fatal(err)
			}
			m.Action = "delete"
			tamper(t, st, `UPDATE audit_log SET action = 'delete', hash = $1 WHERE seq = $2`, hashOf(&m), forged)
			checked, p, err := Verify(ctx, st, nil)
			if err != nil || p == nil || p.Seq != forged+1 || p.Kind != Reordered || checked != forged {
				t.Errorf("forged %d: Verify = %d, %v, %v; want entry %d reordered", forged, checked, p, err, forged+1)
			}
		}
	})
}

func TestVerifyReportsProgress(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	recordN(t, st, 5)
	var last, total int64
	n, p, err := Verify(context.Background(), st, func(done, all int64) { last, total = done, all })
	if err != nil || p != nil || n != 5 || last != 5 || total != 5 {
		t.Errorf("Verify = %d, %v, %v; progress %d/%d", n, p, err, last, total)
	}
}
