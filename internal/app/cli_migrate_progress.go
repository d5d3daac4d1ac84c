package app

import (
	"io"
	"time"

	"github.com/schollz/progressbar/v3"
)

// migrationSpinner shows, on a terminal, which migration runs and for how long: most take
// milliseconds, but one that rebuilds the search index of a province takes half a minute.
// Elsewhere (a log, a pipe) it shows nothing; the "migrated" lines follow either way.
func migrationSpinner(out io.Writer) func(name string) (done func()) {
	if !isTerminal(out) {
		return nil
	}
	return func(name string) func() {
		bar := progressbar.NewOptions64(-1, progressbar.OptionSetWriter(out), progressbar.OptionSetDescription("迁移 migrating "+name),
			progressbar.OptionSetElapsedTime(true), progressbar.OptionClearOnFinish())
		stop, stopped := make(chan struct{}), make(chan struct{})
		go func() { // the migration reports no steps: redraw, so that the spinner and the time move
			defer close(stopped)
			tick := time.NewTicker(200 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-stop:
					return
				case <-tick.C:
					bar.Add(1) // a tick, not shown: it only makes the bar draw itself again
				}
			}
		}()
		return func() {
			close(stop)
			<-stopped
			bar.Finish()
		}
	}
}
