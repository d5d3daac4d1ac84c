package trace

import (
	"context"
	"testing"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestSQLiteInsertTakesTheGivenIDs: SQLite gives the rows of a table keyed by rowid the ids
// capture gave them, and an insert whose rows it would give other ids fails.
func TestSQLiteInsertTakesTheGivenIDs(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	s := NewStore(st)
	ctx := context.Background()
	insert := func(args ...any) error {
		return s.inTx(ctx, func(w writer) error { return w.insert(ctx, urisTable, args) })
	}
	if err := insert(int64(1), "urn:x:1", int64(2), "urn:x:2"); err != nil {
		t.Fatalf("ids in order: %v", err)
	}
	if n := count(t, st, "epcis_uris", "id = 2 AND uri = 'urn:x:2'"); n != 1 {
		t.Errorf("urn:x:2 not stored with id 2")
	}
	if err := insert(int64(3), "urn:x:3", int64(5), "urn:x:5"); err == nil {
		t.Error("ids with a gap inserted, want an error")
	}
	if n := count(t, st, "epcis_uris", "1 = 1"); n != 2 {
		t.Errorf("%d URIs after the failed insert, want 2", n)
	}
}
