package app

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/inspect"
	"github.com/shejian/shejian/internal/rules"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/web"
)

// Checklist templates (检查要点表) are the city's, as rules are: no caller has one outside its
// scope. The scope test aims at the shipped catering default, which New stored published, or
// at a new draft copied from it where the route changes or publishes a draft.

// templateContent is a valid catering version's content as the template API takes it.
const templateContent = `{"sector":"catering","title":"餐饮服务监督检查要点表（范围测试）","rule":{"max_general_failures":3},
	"items":[{"code":"1.1","area":"qualification","text":"是否持有有效的食品经营许可证","key":true}]}`

// aimTemplate names the published catering default.
func aimTemplate(w *scopeWorld, _ access.Role, inside bool) (string, bool) {
	return itoa(defaultTemplate(w.t, w.st).ID), inside
}

// aimDraftTemplate copies the catering default into a new draft, each call a new one since a
// request may publish it, and names it.
func aimDraftTemplate(w *scopeWorld, _ access.Role, inside bool) (string, bool) {
	draft, err := templates(w.t, w.st).NewVersion(context.Background(), defaultTemplate(w.t, w.st).ID)
	if err != nil {
		w.t.Fatalf("copy the catering template into a draft: %v", err)
	}
	return itoa(draft.ID), inside
}

// defaultTemplate is the newest published national catering template, the shipped default
// unless a test published another.
func defaultTemplate(t testing.TB, st *store.Store) *inspect.ChecklistTemplate {
	t.Helper()
	tpl, ok, err := templates(t, st).Current(context.Background(), inspect.SectorCatering, "")
	if err != nil || !ok {
		t.Fatalf("no published catering template (found %v): %v", ok, err)
	}
	return tpl
}

// inspections is the inspection service over st, as the app wires it: the evidence in the
// default folder, where the app reads it.
func inspections(t testing.TB, st *store.Store) *inspect.Inspections {
	t.Helper()
	book, err := rules.New(st)
	if err != nil {
		t.Fatal(err)
	}
	return inspect.NewInspections(st, book, inspect.NewService(st, book), inspect.Options{})
}

// templates is the template service over st, as the app wires it.
func templates(t testing.TB, st *store.Store) *inspect.Service {
	t.Helper()
	book, err := rules.New(st)
	if err != nil {
		t.Fatal(err)
	}
	return inspect.NewService(st, book)
}

// The inspections (现场检查) of the scope test are made by the system through the package
// API, each call a new one, of a business inside or outside the caller's scope, and taken as
// far as the route needs. Two enforcement officers of the business's district are seated:
// inside, the caller itself first when it is one, since only a seated inspector collects
// signatures and signs; outside, never the caller, who would otherwise see it. The photo and
// the operator's signature the routes address carry the inspection's own UUID, so that the
// one aimed id fills every placeholder of a path.

// inspectionStage is how far a fixture inspection has gone.
type inspectionStage int

const (
	inspectionCreated   inspectionStage = iota // no inspectors yet
	inspectionAssigned                         // two inspectors seated
	inspectionCheckedIn                        // checked in by the business's QR code
	inspectionAnswered                         // one item answered, the result judged (a flying inspection)
	inspectionSignable                         // a photo and every signature collected
	inspectionSigned                           // signed: sealed, readable by the operator
	inspectionPublished                        // its result public
)

// inspectionFixture is what the request bodies of a fixture inspection need, by its UUID: a
// body sees only the aimed id.
type inspectionFixture struct {
	business, template int64
	inspectors         []int64
	checkinCode, item  string
}

var inspectionFixtures sync.Map // UUID → inspectionFixture

func fixtureOf(uuid string) inspectionFixture {
	f, _ := inspectionFixtures.Load(uuid)
	fx, _ := f.(inspectionFixture)
	return fx
}

// aimInspection makes an inspection at stage of a business inside or outside role's scope
// and names it.
func aimInspection(stage inspectionStage) aim {
	return func(w *scopeWorld, role access.Role, inside bool) (string, bool) {
		return w.inspection(role, inside, false, stage)
	}
}

// aimSeatedInspection is aimInspection for the routes only a seated inspector may take: a
// caller that is no enforcement officer of the district has none inside its scope.
func aimSeatedInspection(stage inspectionStage) aim {
	return func(w *scopeWorld, role access.Role, inside bool) (string, bool) {
		return w.inspection(role, inside, true, stage)
	}
}

// aimOriginalEvidence aims at a signed inspection's photo; its original is for staff, so an
// operator has none inside its scope.
func aimOriginalEvidence(w *scopeWorld, role access.Role, inside bool) (string, bool) {
	if inside && role == access.RoleBusinessOperator {
		return "", false
	}
	return w.inspection(role, inside, false, inspectionSigned)
}

// aimNewInspection names a fresh UUID under which to create an inspection of a business
// inside or outside role's scope (newInspectionBody).
func aimNewInspection(w *scopeWorld, role access.Role, inside bool) (string, bool) {
	business, ok := w.business(role, inside)
	if !ok {
		return "", false
	}
	uuid := fixtureUUID()
	inspectionFixtures.Store(uuid, inspectionFixture{business: business, template: defaultTemplate(w.t, w.st).ID})
	return uuid, true
}

func newInspectionBody(uuid string) string {
	f := fixtureOf(uuid)
	return fmt.Sprintf(`{"source":"ad_hoc","kind":"daily","business_id":%d,"template_id":%d}`, f.business, f.template)
}

func inspectorsBody(uuid string) string {
	ids, _ := json.Marshal(map[string][]int64{"inspectors": fixtureOf(uuid).inspectors})
	return string(ids)
}

func checkInBody(uuid string) string {
	return `{"method":"qr","code":"` + fixtureOf(uuid).checkinCode + `"}`
}

func answersBody(uuid string) string {
	return `{"answers":[{"uuid":"` + fixtureUUID() + `","item":"` + fixtureOf(uuid).item + `","answer":"pass","note":"现场查看"}]}`
}

func answerFormBody(uuid string) string {
	return url.Values{"answer." + fixtureOf(uuid).item: {"pass"}, "complete": {"1"}}.Encode()
}

func correctionBody(string) string {
	return `{"uuid":"` + fixtureUUID() + `","reason":"检查日期笔误"}`
}

// inspection makes an inspection of a business inside or outside role's scope at stage and
// returns its UUID; seated asks that the caller sit on it, so that there is none inside for
// a caller that cannot.
func (w *scopeWorld) inspection(role access.Role, inside, seated bool, stage inspectionStage) (string, bool) {
	business, ok := w.business(role, inside)
	if !ok {
		return "", false
	}
	var own int64
	if p := w.accounts[role].PersonID; p != nil {
		own = *p
	}
	officers := w.officers(business)
	var seats []int64
	if inside && slices.Contains(officers, own) {
		seats = append(seats, own)
	}
	if seated && len(seats) == 0 {
		return "", false
	}
	for _, p := range officers {
		if len(seats) < 2 && p != own {
			seats = append(seats, p)
		}
	}
	if len(seats) < 2 {
		w.t.Fatalf("business %d: fewer than two enforcement officers to seat (%v)", business, officers)
	}
	tpl := defaultTemplate(w.t, w.st)
	uuid := fixtureUUID()
	fx := inspectionFixture{business: business, template: tpl.ID, inspectors: seats, item: tpl.Items[0].Code}
	svc := inspections(w.t, w.st)
	ctx := web.WithUser(access.WithScope(context.Background(), access.Everywhere), &web.User{ID: w.officerAccount(seats[0]), Login: "system"})
	code, err := svc.CheckinCode(ctx, business)
	if err != nil {
		w.t.Fatalf("check-in code of business %d: %v", business, err)
	}
	fx.checkinCode = code
	inspectionFixtures.Store(uuid, fx)
	n := inspect.NewInspection{Source: inspect.AdHoc, Kind: inspect.Flying, BusinessID: business, TemplateID: tpl.ID}
	if stage >= inspectionAssigned {
		n.Inspectors = seats
	}
	steps := []struct {
		at  inspectionStage
		run func() error
	}{
		{inspectionCreated, func() error { _, _, err := svc.Create(ctx, uuid, n); return err }},
		{inspectionCheckedIn, func() error {
			_, err := svc.CheckIn(ctx, uuid, inspect.CheckInInput{Method: "qr", Code: code})
			return err
		}},
		{inspectionAnswered, func() error {
			_, err := svc.PutAnswers(ctx, uuid, []inspect.AnswerInput{{UUID: fixtureUUID(), Item: fx.item, Answer: inspect.Pass}})
			return err
		}},
		{inspectionAnswered, func() error { _, err := svc.Complete(ctx, uuid); return err }},
		{inspectionSignable, func() error {
			_, _, err := svc.PutEvidence(ctx, uuid, uuid, inspect.EvidenceInput{Kind: inspect.Photo, Item: fx.item,
				CapturedAt: time.Now()}, scopePhoto())
			return err
		}},
		{inspectionSignable, func() error { return w.signAll(svc, ctx, uuid, seats) }},
		{inspectionSigned, func() error { _, err := svc.Sign(ctx, uuid); return err }},
		{inspectionPublished, func() error { _, err := svc.Publish(ctx, uuid); return err }},
	}
	for _, s := range steps {
		if s.at > stage {
			break
		}
		if err := s.run(); err != nil {
			w.t.Fatalf("inspection %s of business %d to stage %d: %v", uuid, business, s.at, err)
		}
	}
	return uuid, true
}

// signAll collects the signatures of the seated inspectors and the operator's refusal.
func (w *scopeWorld) signAll(svc *inspect.Inspections, ctx context.Context, uuid string, seats []int64) error {
	for _, p := range seats {
		g := inspect.SignatureInput{Signer: inspect.InspectorSigner(p), Name: "执法人员", ImagePNG: scopeSignature()}
		if _, err := svc.PutSignature(ctx, uuid, fixtureUUID(), g); err != nil {
			return err
		}
	}
	g := inspect.SignatureInput{Signer: inspect.OperatorSigner, Name: "经营者", Refused: true, Witness: "见证人"}
	_, err := svc.PutSignature(ctx, uuid, fixtureUUID(), g)
	return err
}

// officers lists the active enforcement officers of business's district (or the city)
// without a declared conflict of interest with it: those an inspection of it may seat.
func (w *scopeWorld) officers(business int64) []int64 {
	var district int64
	for _, p := range w.places {
		if p.id == business {
			district = p.district
		}
	}
	path := w.pathOf(district)
	rows, err := w.st.DB().QueryContext(context.Background(), `SELECT p.id, o.path FROM people p JOIN org_units o ON o.id = p.org_unit_id
		WHERE p.role_kind = 'enforcement' AND p.active = $1
		AND NOT EXISTS (SELECT 1 FROM draw_conflicts c WHERE c.person_id = p.id AND c.business_id = $2) ORDER BY p.id`, true, business)
	if err != nil {
		w.t.Fatal(err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		var unit string
		if err := rows.Scan(&id, &unit); err != nil {
			w.t.Fatal(err)
		}
		if strings.HasPrefix(unit, path) || strings.HasPrefix(path, unit) {
			out = append(out, id)
		}
	}
	if err := rows.Err(); err != nil {
		w.t.Fatal(err)
	}
	return out
}

// officerAccount returns the account of the officer person, making one the first time:
// only an account's person sits on an inspection.
func (w *scopeWorld) officerAccount(person int64) int64 {
	ctx := context.Background()
	var id, unit int64
	err := w.st.DB().QueryRowContext(ctx, `SELECT id FROM users WHERE person_id = $1 ORDER BY id LIMIT 1`, person).Scan(&id)
	if err == nil {
		return id
	}
	if !errors.Is(err, sql.ErrNoRows) {
		w.t.Fatal(err)
	}
	if err := w.st.DB().QueryRowContext(ctx, `SELECT org_unit_id FROM people WHERE id = $1`, person).Scan(&unit); err != nil {
		w.t.Fatal(err)
	}
	u, err := w.app.Access.Users.Create(ctx, access.NewUser{Login: fmt.Sprintf("officer-%d", person), DisplayName: "执法人员",
		Roles: access.RoleSet{access.RoleStationInspector}, OrgUnitID: unit, PersonID: &person, Password: "scope-test-2026"})
	if err != nil {
		w.t.Fatalf("account of officer %d: %v", person, err)
	}
	return u.ID
}

// fixtureUUID is a random (version 4) UUID.
func fixtureUUID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// scopeImage is a small picture to encode as a photo or a signature.
func scopeImage() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for x := range 8 {
		for y := range 8 {
			img.Set(x, y, color.RGBA{uint8(x * 30), uint8(y * 30), 90, 255})
		}
	}
	return img
}

// scopePhoto is a JPEG photo, the same bytes every time (an upload's body).
func scopePhoto() []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, scopeImage(), nil); err != nil {
		panic(err) // encoding into memory does not fail
	}
	return b.Bytes()
}

// scopeSignature is a signature drawn on the screen, as PNG.
func scopeSignature() []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, scopeImage()); err != nil {
		panic(err) // encoding into memory does not fail
	}
	return b.Bytes()
}

// evidenceQuery describes an uploaded photo.
const evidenceQuery = "kind=photo&captured_at=2026-01-05T09%3A30%3A00%2B08%3A00&lat=30.25&lng=120.15"

// newInspection creates, as the system, an ad hoc daily inspection of business with no
// inspectors yet and returns its UUID.
func newInspection(t testing.TB, st *store.Store, business int64) string {
	t.Helper()
	uuid := fixtureUUID()
	_, _, err := inspections(t, st).Create(access.WithScope(context.Background(), access.Everywhere), uuid, inspect.NewInspection{
		Source: inspect.AdHoc, Kind: inspect.Daily, BusinessID: business, TemplateID: defaultTemplate(t, st).ID})
	if err != nil {
		t.Fatalf("create an inspection of business %d: %v", business, err)
	}
	return uuid
}
