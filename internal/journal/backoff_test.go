package journal

import (
	"fmt"
	"testing"
	"time"
)

func TestBackoffDoublesUpToTheCap(t *testing.T) {
	o := Options{Backoff: time.Second, MaxBackoff: 10 * time.Second}.withDefaults()
	cases := []struct {
		attempts int
		want     time.Duration
	}{
		{1, time.Second},
		{2, 2 * time.Second},
		{4, 8 * time.Second},
		{5, 10 * time.Second},
		{1000, 10 * time.Second},
	}
	for _, c := range cases {
		t.Run(fmt.Sprint(c.attempts), func(t *testing.T) {
			if got := o.backoff(c.attempts); got != c.want {
				t.Errorf("backoff(%d) = %v, want %v", c.attempts, got, c.want)
			}
		})
	}
}
