package audit

import (
	"context"
	"crypto/sha256"
	"fmt"
	"testing"

	"github.com/shejian/shejian/internal/store"
)

// recordN appends n entries, each in its own transaction, by a test actor.
func recordN(t testing.TB, st *store.Store, n int) {
	t.Helper()
	ctx := WithActor(context.Background(), Actor{UserID: 7, Login: "zhang", Role: "city_admin", IP: "10.0.0.1"})
	for i := range n {
		e := Event{Action: "update", ObjectType: "business", ObjectID: fmt.Sprint(i % 5),
			Before: map[string]any{"name": fmt.Sprint("旧名", i)}, After: map[string]any{"name": fmt.Sprint("新名", i)}}
		if err := RecordOwnTx(ctx, st, e); err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
	}
}

// tamper runs stmt as an administrator would: past the triggers that keep the log
// append-only for the application.
func tamper(t testing.TB, st *store.Store, stmt string, args ...any) {
	t.Helper()
	ctx := context.Background()
	drop := []string{`DROP TRIGGER IF EXISTS audit_log_no_update`, `DROP TRIGGER IF EXISTS audit_log_no_delete`}
	if st.Dialect() == store.Postgres {
		drop = []string{`DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log`}
	}
	for _, q := range drop {
		if _, err := st.DB().ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if _, err := st.DB().ExecContext(ctx, stmt, args...); err != nil {
		t.Fatalf("tamper %s: %v", stmt, err)
	}
}

// verifyOK fails the test unless the chain verifies with want entries.
func verifyOK(t testing.TB, st *store.Store, want int64) {
	t.Helper()
	n, p, err := Verify(context.Background(), st, nil)
	if err != nil || p != nil || n != want {
		t.Fatalf("Verify = %d, %v, %v; want %d intact entries", n, p, err, want)
	}
}

// head reads audit_head.
func head(t testing.TB, st *store.Store) (int64, string) {
	t.Helper()
	var seq int64
	var hash string
	if err := st.DB().QueryRowContext(context.Background(), `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&seq, &hash); err != nil {
		t.Fatalf("read head: %v", err)
	}
	return seq, hash
}

// hashOf is the hash of m by the package doc, computed in one piece: what Record's split
// computation must give.
func hashOf(m *message[string]) string {
	var out [2 * sha256.Size]byte
	hexHash(&out, appendMessage(nil, m))
	return string(out[:])
}
