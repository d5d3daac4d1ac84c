package draw

import (
	"bytes"
	"context"
	"runtime"
	"sync"
	"testing"

	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// storedBundles counts the stored bundles of task id: 0 or 1.
func storedBundles(t *testing.T, st *store.Store, id int64) int {
	t.Helper()
	var n int
	if err := st.ReadDB().QueryRowContext(context.Background(), `SELECT COUNT(*) FROM draw_bundles WHERE task_id = $1`, id).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// waitForWaiters yields until n callers wait for a bundle build.
func waitForWaiters(s *Store, n int64) {
	for s.builds.waiting.Load() != n {
		runtime.Gosched()
	}
}

// TestBundleOfAnOlderTaskBuiltOnce: a task drawn before bundles were stored with the draw
// gets its bundle on its first downloads, built once however many ask at the same time,
// and stored: later downloads build nothing and send the same bytes.
func TestBundleOfAnOlderTaskBuiltOnce(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newPageWorld(t, st)
		path := "/api/v1/public/draws/2026-D1/bundle"
		stored := w.fetch(context.Background(), "GET", path, "Accept-Encoding", "gzip")
		forgetBundle(t, st, w.published.ID)

		const callers = 8
		w.draws.builds.slot <- struct{}{} // no build starts until all have asked
		got := make([]download, callers)
		var wg sync.WaitGroup
		for i := range callers {
			wg.Go(func() {
				got[i] = w.fetch(context.Background(), "GET", path, "Accept-Encoding", "gzip")
			})
		}
		waitForWaiters(w.draws, callers)
		<-w.draws.builds.slot
		wg.Wait()
		for i, d := range got {
			if d.status != 200 || !bytes.Equal(d.body, stored.body) || d.header.Get("ETag") != stored.header.Get("ETag") {
				t.Fatalf("caller %d: %d %v, want the bundle the draw stored", i, d.status, d.header)
			}
		}
		if built, rows := w.draws.builds.built.Load(), storedBundles(t, st, w.published.ID); built != 1 || rows != 1 {
			t.Fatalf("%d builds for %d callers, %d bundles stored; want one of each", built, callers, rows)
		}
		again := w.fetch(context.Background(), "GET", path)
		if again.status != 200 || again.builtBy != 1 || !bytes.Equal(again.body, gunzip(t, stored.body)) {
			t.Errorf("a later download: %d, %d builds", again.status, again.builtBy)
		}
	})
}

// TestBundleWaitEndsWithTheClient: a caller whose client goes away while the bundle is
// built stops waiting and writes nothing; the build goes on and is stored for the next.
func TestBundleWaitEndsWithTheClient(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newPageWorld(t, st)
		forgetBundle(t, st, w.published.ID)
		w.draws.builds.slot <- struct{}{} // a build of another task is running
		ctx, cancel := context.WithCancel(context.Background())
		gone := make(chan download)
		go func() { gone <- w.fetch(ctx, "GET", "/api/v1/public/draws/2026-D1/bundle") }()
		waitForWaiters(w.draws, 1)
		cancel()
		d := <-gone
		if len(d.body) != 0 || d.header.Get("ETag") != "" || d.builtBy != 0 {
			t.Errorf("a client gone: %d %v with %d bytes, %d builds; want nothing written, nothing built yet", d.status, d.header, len(d.body), d.builtBy)
		}
		<-w.draws.builds.slot
		f, err := w.draws.bundleFile(context.Background(), w.published.ID)
		if err != nil || f.Chunks == 0 || w.draws.builds.built.Load() != 1 || storedBundles(t, st, w.published.ID) != 1 {
			t.Errorf("after the client left: %+v %v, %d builds; want the bundle built once and stored", f, err, w.draws.builds.built.Load())
		}
	})
}
