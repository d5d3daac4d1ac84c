package audit

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// BenchNEnv sets how many entries BenchmarkVerify loads (default 100,000):
// SHEJIAN_AUDIT_BENCH_N=1000000 go test -bench Verify -benchtime 1x ./internal/audit
const benchNEnv = "SHEJIAN_AUDIT_BENCH_N"

func BenchmarkVerify(b *testing.B) {
	n := int64(100_000)
	if s := os.Getenv(benchNEnv); s != "" {
		var err error
		if n, err = strconv.ParseInt(s, 10, 64); err != nil || n < 1 {
			b.Fatalf("%s=%q: want a positive count", benchNEnv, s)
		}
	}
	for _, d := range storetest.Engines {
		b.Run(string(d), func(b *testing.B) {
			st := storetest.Open(b, d)
			start := time.Now()
			loadChain(b, st, n)
			b.Logf("loaded %d entries on %s in %s", n, d, time.Since(start).Round(time.Millisecond))
			b.ResetTimer()
			for range b.N {
				checked, p, err := Verify(context.Background(), st, nil)
				if err != nil || p != nil || checked != n {
					b.Fatalf("Verify = %d, %v, %v; want %d intact", checked, p, err, n)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "entries/s")
		})
	}
}

// BenchmarkRecord times one append in a transaction of its own, with the states of a
// business edit, on a log that already holds benchLogSize entries.
func BenchmarkRecord(b *testing.B) {
	const benchLogSize = 10_000
	for _, d := range storetest.Engines {
		b.Run(string(d), func(b *testing.B) {
			st := storetest.Open(b, d)
			loadChain(b, st, benchLogSize)
			ctx := WithActor(context.Background(), Actor{UserID: 7, Login: "inspector007", Role: "station_inspector", IP: "10.1.2.3"})
			m := benchMessage(4, "")
			e := Event{Action: "update", ObjectType: "business", ObjectID: m.ObjectID,
				Before: json.RawMessage(m.Before), After: json.RawMessage(m.After)}
			for b.Loop() {
				if err := RecordOwnTx(ctx, st, e); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// loadChain writes n valid chained entries straight into an empty log and moves the head
// after them: for benchmarks only, since it bypasses Record. The rows look like the log of
// a busy city: updates with both states, creations, personal-data reads, failed logins.
func loadChain(tb testing.TB, st *store.Store, n int64) {
	tb.Helper()
	ctx := context.Background()
	g := &chainGen{n: n, prev: GenesisHash}
	var err error
	if st.Dialect() == store.Postgres {
		err = copyChain(ctx, st, g)
	} else {
		err = st.Tx(ctx, func(tx *sql.Tx) error { return insertChain(ctx, tx, g) })
	}
	if err != nil {
		tb.Fatalf("load %d entries: %v", n, err)
	}
	if err := st.Analyze(ctx); err != nil {
		tb.Fatal(err)
	}
	// Leave the tables as a database in service would have them: PostgreSQL vacuumed (hint
	// bits set, so that Verify does not write), SQLite's bulk-load WAL checkpointed.
	settle := `PRAGMA wal_checkpoint(TRUNCATE)`
	if st.Dialect() == store.Postgres {
		settle = `VACUUM audit_log`
	}
	if _, err := st.DB().ExecContext(ctx, settle); err != nil {
		tb.Fatal(err)
	}
}

// chainGen yields the column values of n chained entries, in chainColumns order.
type chainGen struct {
	n, seq int64
	prev   string
}

// next returns the next row, or nil after the last.
func (g *chainGen) next() []any {
	if g.seq == g.n {
		return nil
	}
	g.seq++
	m := benchMessage(g.seq, g.prev)
	g.prev = hashOf(&m)
	return chainRowOf(&m, g.prev)
}

// chainRowOf is the row of m, stored with hash, in chainColumns order.
func chainRowOf(m *message[string], hash string) []any {
	var actor any
	if m.HasActor {
		actor = m.ActorID
	}
	return []any{m.Seq, m.AtUS, actor, m.ActorLogin, m.ActorRole, m.IP, m.Action, m.ObjectType, m.ObjectID,
		m.Before, m.After, m.PrevHash, hash}
}

// moveHead points the head at the last entry g wrote.
func (g *chainGen) moveHead(ctx context.Context, exec func(ctx context.Context, q string, args ...any) error) error {
	return exec(ctx, `UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1`, g.seq, g.prev)
}

// benchMessage is entry seq of the benchmark log, one entry every 1.5 s from 2025.
func benchMessage(seq int64, prev string) message[string] {
	user := seq % 500
	m := message[string]{Seq: seq, AtUS: benchStart + seq*1_500_000, ActorID: user + 1, HasActor: true,
		ActorLogin: fmt.Sprintf("inspector%03d", user), ActorRole: "station_inspector",
		IP: fmt.Sprintf("10.%d.%d.%d", seq%7, seq%251, seq%253), ObjectType: "business",
		ObjectID: strconv.FormatInt(seq%100_000+1, 10), PrevHash: prev}
	state := func(status string) string {
		return fmt.Sprintf(`{"id":%s,"name":"城关镇第%d号面馆","address":"幸福路%d号","uscc":"91350100MA%08d","status":"%s","category":"catering"}`,
			m.ObjectID, seq%9973, seq%811, seq%99_999_989, status)
	}
	switch seq % 4 {
	case 0:
		m.Action, m.Before, m.After = "update", state("open"), state("suspended")
	case 1:
		m.Action, m.After = "create", state("open")
	case 2:
		m.Action, m.ObjectType, m.ObjectID = "read_personal", "person", strconv.FormatInt(seq%50_000, 10)
	default:
		m.Action, m.ObjectType, m.ObjectID, m.HasActor, m.ActorID = "login_failed", "session", "", false, 0
	}
	return m
}

var benchStart = time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC).UnixMicro()

// chainColumns are the columns of a chainGen row.
var chainColumns = []string{"seq", "at_us", "actor_id", "actor_login", "actor_role", "ip", "action", "object_type",
	"object_id", "before", "after", "prev_hash", "hash"}

var insertChainRows = &store.BatchSQL{Head: `INSERT INTO audit_log (` + strings.Join(chainColumns, ", ") + `) VALUES `,
	Tuple: `(?,?,?,?,?,?,?,?,?,?,?,?,?)`}

// insertChain writes g's rows store.BatchSize to a statement (SQLite).
func insertChain(ctx context.Context, tx *sql.Tx, g *chainGen) error {
	b := store.NewBatches(tx, store.SQLite)
	defer b.Close()
	args := make([]any, 0, store.BatchSize*len(chainColumns))
	for r := g.next(); r != nil; r = g.next() {
		args = append(args, r...)
		if len(args) == cap(args) || g.seq == g.n {
			if err := b.Exec(ctx, insertChainRows, len(args)/len(chainColumns), args); err != nil {
				return err
			}
			args = args[:0]
		}
	}
	return g.moveHead(ctx, func(ctx context.Context, q string, args ...any) error {
		_, err := tx.ExecContext(ctx, q, args...)
		return err
	})
}

// copyChain writes g's rows with COPY on one connection (PostgreSQL). The trigger that
// moves the head is off meanwhile, since moveHead does it once: a row's trigger would update
// the head row again in the same transaction and walk every version it left before.
func copyChain(ctx context.Context, st *store.Store, g *chainGen) error {
	return st.PgxTx(ctx, func(tx pgx.Tx) error {
		exec := func(ctx context.Context, q string, args ...any) error {
			_, err := tx.Exec(ctx, q, args...)
			return err
		}
		src := pgx.CopyFromFunc(func() ([]any, error) { return g.next(), nil })
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"audit_log"}, chainColumns, src); err != nil {
			return fmt.Errorf("copy: %w", err)
		}
		return g.moveHead(ctx, exec)
	})
}
