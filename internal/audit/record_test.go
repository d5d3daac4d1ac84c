package audit

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

func TestRecordInCallersTransaction(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		recordN(t, st, 2)
		seq, hash := head(t, st)
		boom := errors.New("the change failed")
		err := st.Tx(ctx, func(tx *sql.Tx) error {
			if err := Record(ctx, st, tx, Event{Action: "delete", ObjectType: "business", ObjectID: "1"}); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("Tx = %v, want %v", err, boom)
		}
		if s, h := head(t, st); s != seq || h != hash {
			t.Errorf("head after rollback = %d %s, want %d %s", s, h, seq, hash)
		}
		var n int
		if err := st.DB().QueryRowContext(ctx, `SELECT count(*) FROM audit_log`).Scan(&n); err != nil || n != 2 {
			t.Errorf("entries after rollback = %d, %v; want 2", n, err)
		}
		recordN(t, st, 1)
		verifyOK(t, st, 3)
	})
}

func TestRecordStoresActorAndStates(t *testing.T) {
	tests := []struct {
		name      string
		actor     *Actor
		event     Event
		wantLogin string
		wantID    bool
		before    string
		after     string
	}{
		{"user", &Actor{UserID: 3, Login: "li", Role: "station_inspector", IP: "192.0.2.1"},
			Event{Action: "create", ObjectType: "business", ObjectID: "9", After: map[string]string{"name": "面馆"}},
			"li", true, "", `{"name":"面馆"}`},
		{"no actor is the system", nil,
			Event{Action: "import", ObjectType: "business", Before: json.RawMessage("[1]"), After: (*struct{})(nil)},
			SystemLogin, false, "[1]", ""},
		{"unknown login", &Actor{Login: "nobody", IP: "198.51.100.7"},
			Event{Action: "login_failed", ObjectType: "session"},
			"nobody", false, "", ""},
	}
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				ctx := context.Background()
				if tt.actor != nil {
					ctx = WithActor(ctx, *tt.actor)
				}
				if err := RecordOwnTx(ctx, st, tt.event); err != nil {
					t.Fatal(err)
				}
				got, _, err := List(ctx, st, Filter{PerPage: 1})
				if err != nil || len(got) != 1 {
					t.Fatalf("List = %v, %v", got, err)
				}
				e := got[0]
				if e.ActorLogin != tt.wantLogin || (e.ActorID != 0) != tt.wantID || string(e.Before) != tt.before || string(e.After) != tt.after {
					t.Errorf("entry = %+v", e)
				}
			})
		}
		verifyOK(t, st, int64(len(tests)))
	})
}

func TestRecordRejectsIncompleteEvent(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	for _, e := range []Event{{ObjectType: "business"}, {Action: "create"}, {Action: "create", ObjectType: "x", After: func() {}}} {
		if err := RecordOwnTx(context.Background(), st, e); err == nil {
			t.Errorf("Record(%+v) = nil, want an error", e)
		}
	}
	verifyOK(t, st, 0)
}

func TestConcurrentAppendsKeepTheChain(t *testing.T) {
	// Writers append while Verify runs over and over in three parts: every snapshot must see
	// an intact chain, and the end result too. Every fifth change fails after its entry:
	// rolled-back entries must leave no gap in seq.
	const writers, each, failEvery = 8, 25, 5
	failed := errors.New("the change failed")
	forEachSplit(t, func(t *testing.T, d store.Dialect) {
		st := storetest.Open(t, d)
		var wg sync.WaitGroup
		errs := make(chan error, writers+1)
		for w := range writers {
			wg.Go(func() {
				ctx := WithActor(context.Background(), Actor{UserID: int64(w + 1), Login: "writer"})
				for i := range each {
					err := st.Tx(ctx, func(tx *sql.Tx) error {
						// The caller's own statements come before the entry.
						if _, err := tx.ExecContext(ctx, `SELECT 1`); err != nil {
							return err
						}
						if err := Record(ctx, st, tx, Event{Action: "update", ObjectType: "business", ObjectID: "1"}); err != nil {
							return err
						}
						if i%failEvery == failEvery-1 {
							return failed
						}
						return nil
					})
					if err != nil && !errors.Is(err, failed) {
						errs <- err
						return
					}
				}
			})
		}
		stop := make(chan struct{})
		verified := make(chan int)
		go func() {
			runs := 0
			defer func() { verified <- runs }()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, p, err := Verify(context.Background(), st, nil); err != nil || p != nil {
					errs <- fmt.Errorf("Verify during appends: %v, %v", p, err)
					return
				}
				runs++
			}
		}()
		wg.Wait()
		close(stop)
		t.Logf("%d verifications during the appends", <-verified)
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		verifyOK(t, st, writers*(each-each/failEvery))
	})
}

func TestLogIsAppendOnlyForTheApplication(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		recordN(t, st, 1)
		for _, q := range []string{`UPDATE audit_log SET ip = 'x'`, `DELETE FROM audit_log`} {
			if _, err := st.DB().ExecContext(context.Background(), q); err == nil {
				t.Errorf("%s succeeded, want the trigger to refuse it", q)
			}
		}
		verifyOK(t, st, 1)
	})
}

func TestHeadFollowsOnlyTheNextEntry(t *testing.T) {
	// Every append moves the head to its entry. An entry written straight into the table is
	// refused at once on SQLite, by the trigger that moves the head there; on PostgreSQL,
	// where the append itself moves the head, it is caught by Verify and by the next append
	// that needs its seq.
	const n = 3
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		recordN(t, st, n)
		seq, hash := head(t, st)
		var last string
		if err := st.DB().QueryRowContext(ctx, `SELECT hash FROM audit_log WHERE seq = $1`, n).Scan(&last); err != nil {
			t.Fatal(err)
		}
		if seq != n || hash != last {
			t.Fatalf("head = %d %s, want %d %s", seq, hash, n, last)
		}
		insert := `INSERT INTO audit_log (` + strings.Join(chainColumns, ", ") + `)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`
		m := benchMessage(n+1, GenesisHash)
		_, err := st.DB().ExecContext(ctx, insert, chainRowOf(&m, hashOf(&m))...)
		if st.Dialect() == store.SQLite {
			if err == nil {
				t.Fatal("an entry whose prev_hash is not the head's was inserted, want the trigger to refuse it")
			}
			verifyOK(t, st, n)
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if s, h := head(t, st); s != seq || h != hash {
			t.Errorf("head after a stray insert = %d %s, want %d %s", s, h, seq, hash)
		}
		if err := RecordOwnTx(ctx, st, Event{Action: "create", ObjectType: "business"}); err == nil {
			t.Error("Record after a stray entry took its seq = nil, want the primary key to refuse it")
		}
		_, p, err := Verify(ctx, st, nil)
		if err != nil {
			t.Fatal(err)
		}
		if p == nil || p.Seq != n+1 {
			t.Errorf("Verify after a stray entry = %+v, want a problem at seq %d", p, n+1)
		}
	})
}

func TestRecordWithoutHeadFails(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		if _, err := st.DB().ExecContext(context.Background(), `DELETE FROM audit_head`); err != nil {
			t.Fatal(err)
		}
		if err := RecordOwnTx(context.Background(), st, Event{Action: "create", ObjectType: "business"}); err == nil {
			t.Error("Record without a head row = nil, want an error")
		}
	})
}
