package journal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/shejian/shejian/internal/store"
)

// Handler processes one entry in tx, the transaction that also records its delivery. It must
// be idempotent (an entry comes again after a failure or a crash), must use tx for all its
// database work (on SQLite the one writer is busy with tx) and must not end tx. Entries come
// roughly in id order, but a retried or late-committing entry comes after later ones and
// concurrent dispatchers interleave: a handler must not depend on order.
type Handler func(ctx context.Context, tx *sql.Tx, e Entry) error

// Options tunes a Dispatcher; zero fields take the defaults.
type Options struct {
	Interval    time.Duration // poll period of Run; default 200ms
	MaxAttempts int           // failures before an entry is parked as failed; default 10
	Backoff     time.Duration // delay before the first retry, doubled each time; default 1s
	MaxBackoff  time.Duration // longest retry delay; default 10m
	Batch       int           // entries fanned out per transaction; default 500
	Logger      *slog.Logger  // default slog.Default()
}

func (o Options) withDefaults() Options {
	o.Interval = orDefault(o.Interval, 200*time.Millisecond)
	o.MaxAttempts = orDefault(o.MaxAttempts, 10)
	o.Backoff = orDefault(o.Backoff, time.Second)
	o.MaxBackoff = max(orDefault(o.MaxBackoff, 10*time.Minute), o.Backoff)
	o.Batch = orDefault(o.Batch, 500)
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return o
}

// orDefault returns v, or def when v is not positive.
func orDefault[T int | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// Dispatcher delivers journal entries to its subscribers, each entry at least once to each
// subscriber, with the delivery state in the database so that any number of dispatchers (one
// per process) can run against the same database and survive a crash.
type Dispatcher struct {
	store *store.Store
	opts  Options
	wake  chan struct{}
	mu    sync.Mutex
	subs  []*subscriber
}

// NewDispatcher returns a dispatcher over s with no subscribers.
func NewDispatcher(s *store.Store, opts Options) *Dispatcher {
	return &Dispatcher{store: s, opts: opts.withDefaults(), wake: make(chan struct{}, 1)}
}

// Subscribe registers h under name, a stable identifier that keys the delivery state, for the
// topics given ("a.b.c" exactly, "a.b.*" by prefix, "*" all). A missing name, handler or
// topic, a bad pattern or a name taken twice is a programming error and panics.
func (d *Dispatcher) Subscribe(name string, topics []string, h Handler) {
	s, err := newSubscriber(name, topics, h)
	if err != nil {
		panic(err)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, o := range d.subs {
		if o.name == name {
			panic(fmt.Sprintf("journal subscribe %q: name taken twice", name))
		}
	}
	d.subs = append(d.subs, s)
}

func (d *Dispatcher) subscribers() []*subscriber {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]*subscriber(nil), d.subs...)
}

// Notify wakes Run now instead of at its next poll; call it after committing an entry.
func (d *Dispatcher) Notify() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// Run drains the journal every Interval, or at once after Notify, until ctx ends; it then
// returns nil. Errors are logged and retried at the next poll.
func (d *Dispatcher) Run(ctx context.Context) error {
	tick := time.NewTicker(d.opts.Interval)
	defer tick.Stop()
	for {
		n, err := d.DrainOnce(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			d.opts.Logger.Error("journal dispatch", "err", err)
		}
		if n > 0 && err == nil {
			continue // handlers may have appended entries of their own
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		case <-d.wake:
		}
	}
}

// DrainOnce fans out every new entry and tries each due pending delivery once, subscriber by
// subscriber; it returns how many deliveries succeeded. Handler failures are recorded, not
// returned; the error reports database trouble.
func (d *Dispatcher) DrainOnce(ctx context.Context) (int, error) {
	var total int
	var errs []error
	for _, s := range d.subscribers() {
		if err := d.fanOutAll(ctx, s); err != nil {
			errs = append(errs, fmt.Errorf("fan out %s: %w", s.name, err))
			continue
		}
		n, err := d.deliverDue(ctx, s)
		total += n
		if err != nil {
			errs = append(errs, fmt.Errorf("deliver %s: %w", s.name, err))
		}
	}
	return total, errors.Join(errs...)
}
