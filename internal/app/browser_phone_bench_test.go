package app

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// The figures of issue 6 for the phone workspace, measured in headless Chromium through
// the real pages. Each iteration sets up a fresh demo city, so run them once:
//
//	go test ./internal/app -run '^$' -bench BenchmarkPhone -benchtime 1x -timeout 30m

// phoneSyncTasks and phoneSyncPhotos are the sync figure's load: 50 inspections done
// offline with 10 photos each.
const (
	phoneSyncTasks  = 50
	phoneSyncPhotos = 10
)

// BenchmarkPhoneSync walks phoneSyncTasks inspections offline, then switches the network
// on and times the queue's drain: the time from reconnecting until every call is answered,
// and the bytes the phone sent.
func BenchmarkPhoneSync(b *testing.B) {
	for range b.N {
		b.StopTimer()
		srv, tasks, br := newPhone(b, phoneSyncTasks)
		br.openPhone(tasks[0])
		br.network(false)
		for i, uuid := range tasks {
			lat, lng := shopPosition(b, srv, uuid)
			br.holdPhone(lat, lng)
			br.inspectOffline(uuid, phoneJPEGs(b, i*phoneSyncPhotos, phoneSyncPhotos))
		}
		queued := br.phoneState().Pending
		b.StartTimer()
		started := time.Now()
		br.network(true)
		br.waitFor("the queue to drain", phoneDrained)
		took := time.Since(started)
		b.StopTimer()
		last := br.phoneState().LastSync
		for _, uuid := range tasks {
			countSigned(b, srv, uuid, 1)
		}
		b.ReportMetric(took.Seconds(), "sync_s")
		b.ReportMetric(float64(last.MS)/1000, "app_sync_s")
		b.ReportMetric(float64(last.Bytes)/(1<<20), "sent_MiB")
		b.ReportMetric(float64(queued), "calls")
	}
}

// phoneNetwork is the throttled connection of the load figure: Lighthouse's mobile
// profile ("Slow 4G"/fast 3G), 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up.
var phoneNetwork = network.Conditions{Latency: 150, DownloadThroughput: 1.6e6 / 8, UploadThroughput: 750e3 / 8}

// BenchmarkPhoneLoad opens the workspace for the first time (nothing cached, no service
// worker) on the throttled connection and reports the page weight (every byte the page
// and its requests transferred, the day's workspace included) and the time from navigation
// until the task list is shown and answers input.
func BenchmarkPhoneLoad(b *testing.B) {
	for range b.N {
		b.StopTimer()
		_, tasks, br := newPhone(b, demoTaskCount)
		br.login("inspector", DemoPassword, 200)
		br.throttle(phoneNetwork)
		b.StartTimer()
		br.open("/m/", "tasks")
		br.do("wait for the tasks", chromedp.WaitVisible(`#tasks a[data-uuid="`+tasks[0]+`"]`))
		b.StopTimer()
		load := run(br, "read the timings", chromedp.Evaluate[struct {
			Interactive float64 `json:"interactive"`
			Bytes       float64 `json:"bytes"`
			Requests    int     `json:"requests"`
		}](`(() => {
			const nav = performance.getEntriesByType('navigation')[0];
			const res = performance.getEntriesByType('resource');
			return { interactive: performance.now(), requests: res.length + 1,
				bytes: nav.transferSize + res.reduce((n, r) => n + r.transferSize, 0) };
		})()`))
		b.ReportMetric(load.Interactive, "interactive_ms")
		b.ReportMetric(load.Bytes/1024, "weight_KiB")
		b.ReportMetric(float64(load.Requests), "requests")
	}
}

// throttle slows the tab's network to c.
func (b *browser) throttle(c network.Conditions) {
	b.t.Helper()
	b.do(fmt.Sprintf("throttle to %+v", c), chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: []*network.Conditions{&c}})
		return err
	}))
}
