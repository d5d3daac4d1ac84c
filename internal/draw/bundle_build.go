package draw

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"sync/atomic"

	"golang.org/x/sync/singleflight"
)

// bundleBuilds builds the bundles of tasks drawn before bundles were stored with the draw,
// on their first download (bundleFile). A build of a draw over a million businesses takes
// seconds and about a gigabyte of memory, and the public route is open to anyone: callers
// asking for one task share its build, and the process runs one build at a time.
type bundleBuilds struct {
	flight  singleflight.Group
	slot    chan struct{} // holds a token while a build runs
	built   atomic.Int64  // bundles built here, which the tests count
	waiting atomic.Int64  // callers waiting for a build, which the tests watch
}

func newBundleBuilds() *bundleBuilds { return &bundleBuilds{slot: make(chan struct{}, 1)} }

// bundleFile returns the stored bundle of task id, built and stored first if the task has
// none yet. A caller waits for a build only as long as ctx lasts; the build itself goes on
// without it, so that the next caller finds the bundle stored.
func (s *Store) bundleFile(ctx context.Context, id int64) (*bundleFile, error) {
	f, err := s.storedBundle(ctx, id)
	if err != nil || f.Chunks > 0 {
		return f, err
	}
	built := s.builds.flight.DoChan(strconv.FormatInt(id, 10), func() (v any, err error) {
		// A panic here would end the process (singleflight re-panics it where nobody can
		// recover): a bundle that cannot be built is this download's failure only.
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("build draw bundle %d: panic: %v", id, p)
			}
		}()
		return s.buildBundle(context.WithoutCancel(ctx), id)
	})
	s.builds.waiting.Add(1)
	defer s.builds.waiting.Add(-1)
	select {
	case <-ctx.Done():
		return nil, fmt.Errorf("wait for draw bundle %d: %w", id, context.Cause(ctx))
	case res := <-built:
		if res.Err != nil {
			return nil, res.Err
		}
		return res.Val.(*bundleFile), nil
	}
}

// buildBundle builds, stores and returns the bundle of task id, once its turn comes.
func (s *Store) buildBundle(ctx context.Context, id int64) (*bundleFile, error) {
	s.builds.slot <- struct{}{}
	defer func() { <-s.builds.slot }()
	// Stored while this waited: by a build of this task that ended just before this one
	// was asked for, or by another server.
	if f, err := s.storedBundle(ctx, id); err != nil || f.Chunks > 0 {
		return f, err
	}
	b, err := s.Bundle(ctx, id)
	if err != nil {
		return nil, err
	}
	p, err := packBundle(b)
	if err != nil {
		return nil, err
	}
	if err := s.st.Tx(ctx, func(tx *sql.Tx) error { return saveBundle(ctx, tx, id, p) }); err != nil {
		return nil, err
	}
	s.builds.built.Add(1)
	// What is stored, which is p unless another server stored its own first.
	return s.storedBundle(ctx, id)
}
