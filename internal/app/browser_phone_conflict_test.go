package app

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/inspect"
)

// TestBrowserPhoneServerWins is the conflict of item 3: while the phone works a task
// offline, the same inspection is signed on another device. When the network returns, the
// server wins: the phone drops what it had queued for that task, shows the server's signed
// record and tells the inspector; the server keeps exactly the record signed elsewhere.
func TestBrowserPhoneServerWins(t *testing.T) {
	srv, tasks, b := newPhone(t, 1)
	uuid := tasks[0]
	lat, lng := shopPosition(t, srv, uuid)
	b.openPhone(uuid)

	b.network(false)
	b.do("open the task", chromedp.Click(`#tasks a[data-uuid="`+uuid+`"]`), chromedp.WaitVisible(`#checkin-gps`))
	b.do("check in by GPS", chromedp.Click(`#checkin-gps`), chromedp.WaitVisible(`#checklist`))
	b.do("fail the first item", chromedp.Click(`#a0-fail`, chromedp.NodeReady))
	b.do("take a photo", chromedp.SetUploadFiles(`#photo-general`, phoneJPEGs(t, 0, 1)))
	b.waitFor("the photo", `document.querySelectorAll('.thumbs img').length === 1`)

	signed := signElsewhere(t, srv, uuid, lat, lng)

	b.network(true)
	b.waitFor("the queue to drain", phoneDrained)
	state := b.phoneState()
	if len(state.Tasks) != 1 || state.Tasks[0].Conflict != "signed_elsewhere" || !state.Tasks[0].Signed {
		t.Fatalf("after the sync the tasks are %+v: want the task marked signed elsewhere", state.Tasks)
	}
	b.waitFor("the notice", `!document.getElementById('notice').hidden && document.getElementById('notice').textContent.includes('其他设备签署')`)
	b.do("the task shows the conflict", chromedp.WaitVisible(`#conflict`))

	in, err := srv.app.Inspections.Get(context.Background(), uuid)
	if err != nil {
		t.Fatal(err)
	}
	if in.SignedAt == nil || !in.SignedAt.Equal(*signed.SignedAt) || len(in.Evidence) != len(signed.Evidence) || len(in.Answers) != len(signed.Answers) {
		t.Errorf("the server's record changed after the phone synced: %d evidence, %d answers, signed %v; want %d, %d, %v",
			len(in.Evidence), len(in.Answers), in.SignedAt, len(signed.Evidence), len(signed.Answers), signed.SignedAt)
	}
	for _, a := range in.Answers {
		if a.Answer != inspect.Pass {
			t.Errorf("item %s is %s on the server: the phone's offline answer overwrote the signed record", a.Item, a.Answer)
		}
	}
	countSigned(t, srv, uuid, 1)
}

// signElsewhere walks inspection uuid to signed through the service, as the inspector's
// other device would: checked in at lat, lng, every item passed, both inspectors' and
// the operator's signatures.
func signElsewhere(t *testing.T, srv *demoServer, uuid string, lat, lng float64) *inspect.Inspection {
	t.Helper()
	ctx := context.Background()
	u, err := access.NewUsers(srv.store).ByLogin(ctx, "inspector")
	if err != nil {
		t.Fatal(err)
	}
	ctx, err = srv.app.Access.ActAs(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	ins := srv.app.Inspections
	in, err := ins.CheckIn(ctx, uuid, inspect.CheckInInput{Method: "gps", Lat: &lat, Lng: &lng})
	if err != nil {
		t.Fatalf("check in elsewhere: %v", err)
	}
	tpl, err := srv.app.Templates.Get(ctx, in.TemplateID)
	if err != nil {
		t.Fatal(err)
	}
	var answers []inspect.AnswerInput
	for i, it := range tpl.Items {
		answers = append(answers, inspect.AnswerInput{UUID: elsewhereUUID(1, i), Item: it.Code, Answer: inspect.Pass})
	}
	if _, err := ins.PutAnswers(ctx, uuid, answers); err != nil {
		t.Fatalf("answer elsewhere: %v", err)
	}
	if _, err := ins.Complete(ctx, uuid); err != nil {
		t.Fatalf("complete elsewhere: %v", err)
	}
	var img bytes.Buffer
	png.Encode(&img, image.NewGray(image.Rect(0, 0, 4, 2)))
	for i, p := range in.Inspectors {
		g := inspect.SignatureInput{Signer: inspect.InspectorSigner(p.PersonID), Name: p.Name, ImagePNG: img.Bytes()}
		if _, err := ins.PutSignature(ctx, uuid, elsewhereUUID(2, i), g); err != nil {
			t.Fatalf("signature of %s elsewhere: %v", p.Name, err)
		}
	}
	refusal := inspect.SignatureInput{Signer: inspect.OperatorSigner, Name: "经营者", Refused: true, Witness: "见证人"}
	if _, err := ins.PutSignature(ctx, uuid, elsewhereUUID(3, 0), refusal); err != nil {
		t.Fatalf("operator's refusal elsewhere: %v", err)
	}
	signed, err := ins.Sign(ctx, uuid)
	if err != nil {
		t.Fatalf("sign elsewhere: %v", err)
	}
	return signed
}

// elsewhereUUID is a fixed UUID of the other device's records, group g number n.
func elsewhereUUID(g, n int) string {
	return fmt.Sprintf("00000000-0000-4000-8%03d-%012d", g, n)
}
