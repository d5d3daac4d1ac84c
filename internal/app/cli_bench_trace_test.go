package app

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// TestBenchTraceReportsFigures runs `bench trace` on a small chain and reads the JSON line
// it ends with: every figure the issue names is there and plausible, and ours are printed
// before the baseline, which takes minutes at scale, begins.
func TestBenchTraceReportsFigures(t *testing.T) {
	var out bytes.Buffer
	args := []string{"bench", "trace", "--events", "3000", "--lots", "50", "--cte-lots", "5", "--json",
		"--db", "sqlite:" + t.TempDir() + "/trace.db"}
	if code := Main(args, &out, &out); code != 0 {
		t.Fatalf("bench trace exited %d:\n%s", code, out.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var got map[string]float64
	last := strings.Replace(lines[len(lines)-1], `"engine":"sqlite",`, "", 1)
	if err := json.Unmarshal([]byte(last), &got); err != nil {
		t.Fatalf("last line is not JSON figures: %q: %v", lines[len(lines)-1], err)
	}
	if got["events"] != 3000 {
		t.Errorf("events = %v, want 3000", got["events"])
	}
	for _, key := range []string{"capture_events_per_s", "trace_p50_ms", "trace_p99_ms", "recall_p99_ms",
		"cte_trace_p99_ms", "speedup_p99", "peak_rss_mb"} {
		if got[key] <= 0 {
			t.Errorf("%s = %v, want a positive figure", key, got[key])
		}
	}
	text := out.String()
	ours, baseline := strings.Index(text, "  recall "), strings.Index(text, "with a recursive CTE")
	if ours < 0 || baseline < 0 || ours > baseline {
		t.Errorf("our figures (at %d) must be printed before the baseline starts (at %d):\n%s", ours, baseline, text)
	}
	if got["trace_p50_ms"] > got["trace_p99_ms"] {
		t.Errorf("trace p50 %v above p99 %v", got["trace_p50_ms"], got["trace_p99_ms"])
	}
}

// TestReopenAtStartCopiesTheLog: the trace index is rebuilt on the database opened afresh,
// with what capture wrote copied from SQLite's log into the database file, as a server finds
// it at start.
func TestReopenAtStartCopiesTheLog(t *testing.T) {
	path := filepath.Join(t.TempDir(), "trace.db")
	st, err := store.Open(t.Context(), "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB().ExecContext(t.Context(), `CREATE TABLE captured (n INTEGER); INSERT INTO captured VALUES (7)`); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(path + "-wal"); err != nil || info.Size() == 0 {
		t.Fatalf("the log holds nothing to copy before the reopen (%v)", err)
	}
	st, err = reopenAtStart(t.Context(), st, "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if info, err := os.Stat(path + "-wal"); err == nil && info.Size() > 0 {
		t.Errorf("the log still holds %d bytes after the reopen", info.Size())
	}
	var n int
	if err := st.ReadDB().QueryRowContext(t.Context(), `SELECT n FROM captured`).Scan(&n); err != nil || n != 7 {
		t.Errorf("reopened database reads %d (%v), want 7", n, err)
	}
}

// TestVacuumCapturedAnalysesTheTables: on PostgreSQL the bench vacuums and analyses the
// tables capture filled before it rebuilds the index, so that their statistics count the
// rows captured, as autovacuum's would by the time a server starts again.
func TestVacuumCapturedAnalysesTheTables(t *testing.T) {
	st := storetest.Open(t, store.Postgres)
	ctx := t.Context()
	const rows = 300
	if _, err := st.DB().ExecContext(ctx, `INSERT INTO epcis_uris (id, uri)
		SELECT n, 'urn:test:' || n FROM generate_series(1, $1::int) AS n`, rows); err != nil {
		t.Fatal(err)
	}
	counted := func() float64 {
		var n float64
		if err := st.DB().QueryRowContext(ctx, `SELECT reltuples FROM pg_class WHERE oid = 'epcis_uris'::regclass`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := counted(); n == rows {
		t.Fatalf("the statistics count the %d rows before the vacuum", rows)
	}
	var out bytes.Buffer
	took, err := vacuumCaptured(ctx, st, &out)
	if err != nil {
		t.Fatal(err)
	}
	if n := counted(); n != rows || took <= 0 {
		t.Errorf("after the vacuum (%.3f s) the statistics count %v rows, want %d", took, n, rows)
	}
}
