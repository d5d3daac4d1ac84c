package documents

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/inspect"
	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/rules"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/web"
)

// town is a city 江临市 with one district 临江区 and its station, two enforcement officers
// with certificates, and a restaurant, over the published national catering template.
type town struct {
	st        *store.Store
	svc       *Service
	insp      *inspect.Inspections
	template  *inspect.ChecklistTemplate
	district  int64
	scope     access.Scope
	officers  []int64
	users     []int64
	shop      int64
	orgs      *registry.OrgStore
	templates *inspect.Service
}

func newTown(t testing.TB, st *store.Store) *town {
	t.Helper()
	ctx := context.Background()
	book, err := rules.New(st)
	if err != nil {
		t.Fatal(err)
	}
	w := &town{st: st, templates: inspect.NewService(st, book), orgs: registry.NewOrgStore(st)}
	if _, err := w.templates.SeedDefaults(ctx); err != nil {
		t.Fatalf("seed templates: %v", err)
	}
	tpl, ok, err := w.templates.Current(ctx, inspect.SectorCatering, "")
	if err != nil || !ok {
		t.Fatalf("catering template: %v (found %v)", err, ok)
	}
	w.template = tpl
	w.insp = inspect.NewInspections(st, book, w.templates, inspect.Options{EvidenceDir: t.TempDir()})
	w.svc = New(st, w.insp, Options{PublicBaseURL: "https://jianglin.example.cn", Rules: book})
	city := w.unit(t, nil, registry.OrgCity, "330100", "江临市")
	w.district = w.unit(t, &city, registry.OrgDistrict, "330102", "临江区")
	station := w.unit(t, &w.district, registry.OrgStation, "33010201", "城关监管站")
	st1, _ := w.orgs.Get(ctx, station)
	w.scope = access.Scope{Path: st1.Path, DistrictID: w.district, StationID: station}
	for i, cert := range []string{"33010220260001", ""} {
		w.officers = append(w.officers, w.person(t, station, fmt.Sprintf("执法%d", i), cert))
	}
	w.shop = w.business(t, station)
	return w
}

func (w *town) unit(t testing.TB, parent *int64, kind registry.OrgKind, code, name string) int64 {
	t.Helper()
	lat, lng, radius := 30.25, 120.15, 20.0
	o, err := w.orgs.Create(context.Background(), registry.OrgUnitInput{ParentID: parent, Kind: kind, Code: code, Name: name,
		Township: name, CenterLat: &lat, CenterLng: &lng, RadiusKm: &radius})
	if err != nil {
		t.Fatalf("org unit %s: %v", name, err)
	}
	return o.ID
}

func (w *town) person(t testing.TB, org int64, name, cert string) int64 {
	t.Helper()
	p, err := registry.NewPersonStore(w.st).Create(context.Background(), registry.PersonInput{OrgUnitID: org, Name: name,
		RoleKind: registry.RoleEnforcement, CertificateNo: cert})
	if err != nil {
		t.Fatalf("person %s: %v", name, err)
	}
	var user int64
	err = w.st.DB().QueryRowContext(context.Background(), `INSERT INTO users (login, display_name, org_unit_id, person_id,
		password_hash, created_at) VALUES ($1, $1, $2, $3, 'x', $4) RETURNING id`, fmt.Sprint("officer", p.ID), org, p.ID,
		time.Now().UTC()).Scan(&user)
	if err != nil {
		t.Fatalf("user of %s: %v", name, err)
	}
	w.users = append(w.users, user)
	return p.ID
}

func (w *town) business(t testing.TB, station int64) int64 {
	t.Helper()
	var id int64
	err := w.st.DB().QueryRowContext(context.Background(), `INSERT INTO businesses (uscc, name, category, licence_no, legal_rep,
		address, district_id, station_id, lat, lng, status, created_at, updated_at)
		VALUES ('91330102000000001X', '江临老字号饭店', 'catering', 'JY23301020000001', '张老板', '江临市临江区解放路1号', $1, $2,
		30.25, 120.15, 'open', $3, $3) RETURNING id`, w.district, station, time.Now().UTC()).Scan(&id)
	if err != nil {
		t.Fatalf("business: %v", err)
	}
	return id
}

// officer is the context of officer 0, scoped to the station.
func (w *town) officer() context.Context {
	ctx := audit.WithActor(context.Background(), audit.Actor{UserID: w.users[0], Login: "officer0", Role: "test"})
	ctx = web.WithUser(ctx, &web.User{ID: w.users[0], Login: "officer0", Permits: func(web.Access) bool { return true }})
	return access.WithScope(ctx, w.scope)
}

// operator is the context of the shop's operator.
func (w *town) operator() context.Context {
	ctx := web.WithUser(context.Background(), &web.User{ID: 0, Login: "operator", Permits: func(web.Access) bool { return true }})
	return access.WithScope(ctx, access.Scope{Path: "/none/", BusinessID: w.shop})
}

// uuidN is a fixed UUID numbered n.
func uuidN(n int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012d", n) }

// findings says which items fail: the first key item, and the first n general items.
type findings struct {
	key     bool
	general int
}

// signed walks inspection n of the shop to signed with f's failures; the operator refuses
// to sign before a witness.
func (w *town) signed(t testing.TB, n int, f findings) *inspect.Inspection {
	t.Helper()
	ctx, uuid := w.officer(), uuidN(n)
	lat, lng := 30.2501, 120.1501
	steps := []func() error{
		func() error {
			_, _, err := w.insp.Create(ctx, uuid, inspect.NewInspection{Source: inspect.AdHoc, Kind: inspect.Daily,
				BusinessID: w.shop, TemplateID: w.template.ID, Inspectors: w.officers})
			return err
		},
		func() error {
			_, err := w.insp.CheckIn(ctx, uuid, inspect.CheckInInput{Method: "gps", Lat: &lat, Lng: &lng})
			return err
		},
		func() error { _, err := w.insp.PutAnswers(ctx, uuid, w.answers(n, f)); return err },
		func() error { _, err := w.insp.Complete(ctx, uuid); return err },
		func() error { return w.sign(ctx, uuid, n, 0) },
		func() error { return w.sign(ctx, uuid, n, 1) },
		func() error {
			_, err := w.insp.PutSignature(ctx, uuid, uuidN(n*100+90), inspect.SignatureInput{Signer: inspect.OperatorSigner,
				Name: "张老板", Refused: true, Witness: "李四（邻店店主）"})
			return err
		},
	}
	for i, step := range steps {
		if err := step(); err != nil {
			t.Fatalf("step %d of inspection %d: %v", i, n, err)
		}
	}
	in, err := w.insp.Sign(ctx, uuid)
	if err != nil {
		t.Fatalf("sign inspection %d: %v", n, err)
	}
	return in
}

func (w *town) sign(ctx context.Context, uuid string, n, seat int) error {
	_, err := w.insp.PutSignature(ctx, uuid, uuidN(n*100+80+seat), inspect.SignatureInput{
		Signer: inspect.InspectorSigner(w.officers[seat]), Name: fmt.Sprintf("执法%d", seat), ImagePNG: signaturePNG(seat)})
	return err
}

// answers answers every item: pass, but for f's failures, each with a note.
func (w *town) answers(n int, f findings) []inspect.AnswerInput {
	var out []inspect.AnswerInput
	key, general := f.key, f.general
	for i, it := range w.template.Items {
		a, note := inspect.Pass, ""
		switch {
		case it.Key && key:
			a, note, key = inspect.Fail, "冷藏柜温度12℃", false
		case !it.Key && general > 0:
			a, note = inspect.Fail, fmt.Sprintf("发现问题%d", general)
			general--
		}
		out = append(out, inspect.AnswerInput{UUID: uuidN(n*1000 + i), Item: it.Code, Answer: a, Note: note})
	}
	return out
}

// signaturePNG is a small drawn stroke, different per seat.
func signaturePNG(seat int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 60, 20))
	for x := 5; x < 55; x++ {
		img.Set(x, 10+(x/(7+seat))%5, color.NRGBA{A: 255})
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}
