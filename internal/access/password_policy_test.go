package access

import (
	"testing"
	"time"

	"github.com/shejian/shejian/internal/apperr"
)

func TestPasswordPolicy(t *testing.T) {
	tests := []struct {
		login, password, rule string // rule "" = accepted
	}{
		{"alice", "shejian-demo", ""},
		{"alice", "Tr0ub4dor&3x", ""},
		{"alice", "short-1", "password_length"},
		{"alice", "abcdefghijkl", "password_classes"},
		{"alice", "123456789012", "password_classes"},
		{"alice", "xx-ALICE-2026", "password_contains_login"},
		{"alice", temporaryPassword(), ""},
	}
	for _, tt := range tests {
		var c apperr.Collector
		checkPassword(&c, tt.login, tt.password)
		got := ""
		if err := c.Err(); err != nil {
			got = apperr.From(err).Fields[0].Rule
		}
		if got != tt.rule {
			t.Errorf("%q: rule %q, want %q", tt.password, got, tt.rule)
		}
	}
}

func TestThrottle(t *testing.T) {
	th := newThrottle()
	now := time.Now()
	for i := range ThrottleAttempts {
		if !th.allow("10.0.0.1", now) {
			t.Fatalf("attempt %d refused", i+1)
		}
	}
	if th.allow("10.0.0.1", now) {
		t.Fatal("attempt over the limit allowed")
	}
	if !th.allow("10.0.0.2", now) {
		t.Fatal("another address refused")
	}
	if !th.allow("10.0.0.1", now.Add(ThrottleWindow)) {
		t.Fatal("attempt in the next window refused")
	}
}
