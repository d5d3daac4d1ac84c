package app

import (
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/shejian/shejian/internal/calendar"
)

// phonePhotos is how many photos the offline inspection takes.
const phonePhotos = 10

// TestBrowserPhoneInspectionOffline is a whole inspection on the phone workspace with the
// network off in Chromium: the app opens from the service worker's cache, the inspector
// checks in by GPS, answers every item, takes ten photos and collects three signatures, all
// queued; when the network comes back the queue drains by itself and the server holds
// exactly one signed inspection with every photo, answer and signature.
func TestBrowserPhoneInspectionOffline(t *testing.T) {
	srv, tasks, b := newPhone(t, 1)
	uuid := tasks[0]
	b.openPhone(uuid)

	b.network(false)
	b.pageOK("reload offline", chromedp.Reload())
	b.do("the app opens offline", chromedp.WaitVisible(`#tasks a[data-uuid="`+uuid+`"]`))
	if online := run(b, "read navigator.onLine", chromedp.Evaluate[bool](`navigator.onLine`)); online {
		t.Fatal("navigator.onLine is true with the network off")
	}
	items := b.inspectOffline(uuid, phoneJPEGs(t, 0, phonePhotos))

	state := b.phoneState()
	if state.Pending == 0 || state.Online {
		t.Fatalf("before the network returns: %d calls queued, online %v; want some queued, offline", state.Pending, state.Online)
	}
	if got := run(b, "read the pending count", chromedp.Text(`#pending-count`)); got != fmt.Sprint(state.Pending) {
		t.Errorf("the page shows %q waiting to sync, the queue holds %d", got, state.Pending)
	}
	countSigned(t, srv, uuid, 0)

	b.network(true)
	b.waitFor("the queue to drain", phoneDrained)
	if s := b.phoneState(); len(s.Tasks) == 0 || s.Tasks[0].Error != nil || s.Tasks[0].Conflict != "" {
		t.Fatalf("after the sync the tasks are %+v", s.Tasks)
	}
	countSigned(t, srv, uuid, 1)
	var status string
	var photos, answers, signatures int
	err := srv.store.DB().QueryRow(`SELECT i.status,
		(SELECT count(*) FROM inspection_evidence e WHERE e.inspection_id = i.id AND e.kind = 'photo'),
		(SELECT count(*) FROM inspection_answers a WHERE a.inspection_id = i.id),
		(SELECT count(*) FROM inspection_signatures g WHERE g.inspection_id = i.id)
		FROM inspections i WHERE i.uuid = $1`, uuid).Scan(&status, &photos, &answers, &signatures)
	if err != nil {
		t.Fatal(err)
	}
	if status != "signed" || photos != phonePhotos || answers != items || signatures != 3 {
		t.Errorf("on the server: status %s, %d photos, %d answers, %d signatures; want signed, %d, %d, 3",
			status, photos, answers, signatures, phonePhotos, items)
	}
}

// phoneDrained is true when the phone's queue is empty and no sync runs.
const phoneDrained = `(() => { const s = window.shejianPhone.state(); return s.pending === 0 && !s.syncing; })()`

// newPhone serves a demo city whose inspector has n tasks today, and a phone-sized tab
// standing at the first task's business.
func newPhone(tb testing.TB, n int) (*demoServer, []string, *browser) {
	tb.Helper()
	chrome := chromiumPath(tb)
	srv := startDemoServer(tb)
	tasks := planPhoneTasks(tb, srv, n)
	b := newBrowser(tb, chrome, srv.url)
	b.holdPhone(shopPosition(tb, srv, tasks[0]))
	return srv, tasks, b
}

// planPhoneTasks plans n of today's tasks for the demo inspector.
func planPhoneTasks(tb testing.TB, srv *demoServer, n int) []string {
	tb.Helper()
	tasks, err := srv.app.planDemoTasks(context.Background(), time.Now().In(calendar.China), n)
	if err != nil || len(tasks) != n {
		tb.Fatalf("plan the demo tasks: %v (%d tasks, want %d)", err, len(tasks), n)
	}
	return tasks
}

// shopPosition is a point about 11 m from the business of inspection uuid.
func shopPosition(tb testing.TB, srv *demoServer, uuid string) (lat, lng float64) {
	tb.Helper()
	err := srv.store.DB().QueryRow(`SELECT b.lat, b.lng FROM inspections i JOIN businesses b ON b.id = i.business_id
		WHERE i.uuid = $1`, uuid).Scan(&lat, &lng)
	if err != nil {
		tb.Fatal(err)
	}
	return lat + 0.0001, lng
}

// openPhone logs the inspector in, opens the workspace and waits until its service worker
// controls the page and the task uuid is listed.
func (b *browser) openPhone(uuid string) {
	b.t.Helper()
	b.login("inspector", DemoPassword, 200)
	b.open("/m/", "tasks")
	// The worker claims the page when it activates (clients.claim), with no reload.
	run(b, "wait for the service worker", chromedp.Evaluate[bool](`navigator.serviceWorker.ready.then(() => true)`, chromedp.EvalAwaitPromise))
	b.waitFor("the service worker to control the page", `navigator.serviceWorker.controller !== null`)
	b.do("wait for today's tasks", chromedp.WaitVisible(`#tasks a[data-uuid="`+uuid+`"]`))
}

// inspectOffline walks inspection uuid from the task list to signed, as an inspector
// would: check in by GPS, every item passed, the photos, the result, every signature
// drawn. It returns the number of items answered.
func (b *browser) inspectOffline(uuid string, photos []string) int {
	b.t.Helper()
	b.do("open the task", chromedp.Navigate(b.base+"/m/#/"), chromedp.Click(`#tasks a[data-uuid="`+uuid+`"]`), chromedp.WaitVisible(`#checkin-gps`))
	b.do("check in by GPS", chromedp.Click(`#checkin-gps`), chromedp.WaitVisible(`#checklist`))
	items := run(b, "answer every item", chromedp.Evaluate[int](`(async () => {
		const n = document.querySelectorAll('#checklist input[type=radio][value=pass]').length;
		for (let i = 0; i < n; i++) { document.getElementById('a' + i + '-pass').click(); await new Promise((ok) => setTimeout(ok, 20)); }
		return n;
	})()`, chromedp.EvalAwaitPromise))
	b.waitFor("the answers", fmt.Sprintf(`document.getElementById('answered')?.textContent === '%d/%d'`, items, items))
	b.do("take the photos", chromedp.SetUploadFiles(`#photo-general`, photos))
	b.waitFor("the photos", fmt.Sprintf(`document.querySelectorAll('.thumbs img').length === %d`, len(photos)))
	b.do("finish the checklist", chromedp.Click(`#complete`), chromedp.WaitVisible(`#result`))
	for _, pad := range run(b, "list the signature pads", chromedp.Evaluate[[]string](
		`[...document.querySelectorAll('canvas.pad')].map((c) => c.id.slice(4))`)) {
		b.drawOn("#pad-" + pad)
		b.do("confirm the signature of "+pad, chromedp.Click(`#sign-`+pad), chromedp.WaitVisible(`#signed-`+pad))
	}
	b.do("sign", chromedp.Click(`#submit-sign`), chromedp.WaitVisible(`#signed`))
	return items
}

// holdPhone makes the tab a phone: a 390×844 touch screen, and a GPS fix at lat, lng that
// the page may read.
func (b *browser) holdPhone(lat, lng float64) {
	b.t.Helper()
	accuracy := 10.0
	b.do("emulate a phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait),
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetGeolocationOverride, emulation.SetGeolocationOverrideParams{Latitude: &lat, Longitude: &lng, Accuracy: &accuracy})
			return err
		}))
	ctx, cancel := context.WithTimeout(b.ctx, actionTimeout)
	defer cancel()
	_, err := chromedp.CallBrowser(ctx, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
		Permission: &cdpbrowser.PermissionDescriptor{Name: "geolocation"}, Setting: cdpbrowser.PermissionSettingGranted, Origin: b.base})
	if err != nil {
		b.t.Fatalf("grant geolocation: %v", err)
	}
}

// network switches the tab's network, its service worker's included, on or off.
func (b *browser) network(on bool) {
	b.t.Helper()
	offline := !on
	b.do(fmt.Sprintf("network on: %v", on), chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			EmulateOfflineServiceWorker: &offline,
			MatchedNetworkConditions:    []*network.Conditions{{Offline: offline, DownloadThroughput: -1, UploadThroughput: -1}},
		})
		if err != nil {
			return err
		}
		_, err = chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: offline, DownloadThroughput: -1, UploadThroughput: -1})
		return err
	}))
}

// drawOn draws a signature stroke across the canvas sel with the mouse.
func (b *browser) drawOn(sel string) {
	b.t.Helper()
	box := run(b, "find "+sel, chromedp.Evaluate[[]float64](`(() => { const c = document.querySelector('`+sel+`'); c.scrollIntoView({block: 'center'});
		const r = c.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()`))
	x, y, w, h := box[0], box[1], box[2], box[3]
	steps := []chromedp.Action[chromedp.Void]{chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, x+w*0.1, y+h*0.5, chromedp.ButtonLeft)}
	for i := 1; i <= 10; i++ {
		f := float64(i) / 10
		steps = append(steps, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x+w*(0.1+0.8*f), y+h*(0.5-0.3*f*(1-f)), chromedp.ButtonLeft))
	}
	steps = append(steps, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, x+w*0.9, y+h*0.5, chromedp.ButtonLeft))
	b.do("sign on "+sel, steps...)
}

// waitFor polls the script predicate until it is true, within actionTimeout.
func (b *browser) waitFor(what, predicate string) {
	b.t.Helper()
	run(b, "wait for "+what, chromedp.Poll[bool](predicate, chromedp.WithPollingTimeout(actionTimeout)))
}

// phoneState is what the app reports of its queue (window.shejianPhone.state()).
type phoneState struct {
	Pending int  `json:"pending"`
	Syncing bool `json:"syncing"`
	Online  bool `json:"online"`
	// LastSync is the app's record of its last sync run.
	LastSync struct {
		Calls int   `json:"calls"`
		Bytes int64 `json:"bytes"`
		MS    int64 `json:"ms"`
	} `json:"lastSync"`
	Tasks []struct {
		UUID     string `json:"uuid"`
		Signed   bool   `json:"signed"`
		Conflict string `json:"conflict"`
		Error    any    `json:"error"`
	} `json:"tasks"`
}

func (b *browser) phoneState() phoneState {
	b.t.Helper()
	return run(b, "read the phone's state", chromedp.Evaluate[phoneState](`window.shejianPhone.state()`))
}

// countSigned checks how many inspections under uuid the server holds signed.
func countSigned(t testing.TB, srv *demoServer, uuid string, want int) {
	t.Helper()
	var n int
	err := srv.store.DB().QueryRow(`SELECT count(*) FROM inspections WHERE uuid = $1 AND status = 'signed'`, uuid).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	if n != want {
		t.Fatalf("the server holds %d signed inspections %s, want %d", n, uuid, want)
	}
}

// phoneJPEGs writes n distinct camera-sized JPEG photos, numbered from first, and returns
// their paths.
func phoneJPEGs(t testing.TB, first, n int) []string {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for i := first; i < first+n; i++ {
		img := image.NewRGBA(image.Rect(0, 0, 1280, 960))
		for y := range 960 {
			for x := range 1280 {
				o := img.PixOffset(x, y)
				img.Pix[o], img.Pix[o+1], img.Pix[o+2], img.Pix[o+3] = uint8(x*7+i*31), uint8(y*5+i*17), uint8((x^y)+i), 0xff
			}
		}
		p := filepath.Join(dir, fmt.Sprintf("photo-%03d.jpg", i))
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := jpeg.Encode(f, img, &jpeg.Options{Quality: 85}); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}
