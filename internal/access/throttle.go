package access

import (
	"sync"
	"time"
)

// Login attempts from one network address are limited to ThrottleAttempts per
// ThrottleWindow, whatever logins they try: lockout stops guessing one password, this
// stops trying one password on many logins.
const (
	ThrottleAttempts = 30
	ThrottleWindow   = 5 * time.Minute
)

// throttle counts attempts per address in fixed windows. It lives in memory: a restart
// forgives, which is acceptable since the per-login lockout is kept in the database.
type throttle struct {
	mu      sync.Mutex
	windows map[string]*attemptWindow
}

type attemptWindow struct {
	start    time.Time
	attempts int
}

func newThrottle() *throttle { return &throttle{windows: map[string]*attemptWindow{}} }

// allow counts an attempt from addr at now and reports whether it is within the limit.
func (t *throttle) allow(addr string, now time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	w := t.windows[addr]
	if w == nil || now.Sub(w.start) >= ThrottleWindow {
		t.forgetOld(now)
		w = &attemptWindow{start: now}
		t.windows[addr] = w
	}
	w.attempts++
	return w.attempts <= ThrottleAttempts
}

// forgetOld drops finished windows so that the map does not grow with every address seen.
func (t *throttle) forgetOld(now time.Time) {
	for addr, w := range t.windows {
		if now.Sub(w.start) >= ThrottleWindow {
			delete(t.windows, addr)
		}
	}
}
