package app

import (
	"io"
	"time"

	"github.com/schollz/progressbar/v3"
)

// countBar is a terminal progress bar of a long operation that reports how many of a total
// are done. The bar is made on the first report, with its length known: a bar of unknown
// length runs a spinner goroutine that reads its state unlocked.
type countBar struct {
	out         io.Writer
	description string
	bar         *progressbar.ProgressBar
}

func newCountBar(out io.Writer, description string) *countBar {
	return &countBar{out: out, description: description}
}

// report moves the bar to done of total.
func (c *countBar) report(done, total int64) {
	if c.bar == nil {
		c.bar = progressbar.NewOptions64(total, progressbar.OptionSetWriter(c.out), progressbar.OptionSetDescription(c.description),
			progressbar.OptionShowCount(), progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
	}
	c.bar.Set64(done)
}

// finish clears the bar, if one was shown.
func (c *countBar) finish() {
	if c.bar != nil {
		c.bar.Finish()
	}
}
