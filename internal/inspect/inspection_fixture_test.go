package inspect

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/web"
)

// inspectCity is a city of two districts: D1 with stations S11 and S12, D2 with S21. S11 has
// three enforcement officers and a coordinator, S12 one officer, S21 one officer; a business
// in S11 (at 30.25 N 120.15 E) and one in S21.
type inspectCity struct {
	st        *store.Store
	svc       *Inspections
	templates *Service
	template  *ChecklistTemplate // the published national catering version
	paths     map[int64]string   // org paths by unit id
	district  []int64            // D1, D2
	station   []int64            // S11, S12, S21
	officers  []int64            // S11 ×3, S12, S21
	clerk     int64              // a coordinator of S11
	shop      int64              // business in S11
	far       int64              // business in S21
	users     map[int64]int64    // user id by person id
}

// signedAt is a Thursday before the Mid-Autumn and National Day holidays of 2026.
var signedAt = time.Date(2026, 9, 24, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

func newInspectCity(t *testing.T, st *store.Store) *inspectCity {
	t.Helper()
	ctx := context.Background()
	c := &inspectCity{st: st, templates: mustService(t, st), paths: map[int64]string{}, users: map[int64]int64{}}
	c.template = mustCurrent(t, c.templates, SectorCatering)
	c.svc = NewInspections(st, c.templates.book, c.templates, Options{EvidenceDir: t.TempDir()})
	c.svc.now = func() time.Time { return signedAt }
	orgs, people := registry.NewOrgStore(st), registry.NewPersonStore(st)
	unit := func(parent *int64, kind registry.OrgKind, code string) int64 {
		lat, lng, radius := 30.25, 120.15, 20.0
		o, err := orgs.Create(ctx, registry.OrgUnitInput{ParentID: parent, Kind: kind, Code: code, Name: "单位" + code,
			Township: "镇" + code, CenterLat: &lat, CenterLng: &lng, RadiusKm: &radius})
		if err != nil {
			t.Fatalf("org unit %s: %v", code, err)
		}
		c.paths[o.ID] = o.Path
		return o.ID
	}
	person := func(org int64, kind registry.RoleKind, name string) int64 {
		p, err := people.Create(ctx, registry.PersonInput{OrgUnitID: org, Name: name, RoleKind: kind})
		if err != nil {
			t.Fatalf("person %s: %v", name, err)
		}
		c.users[p.ID] = mustUser(t, st, "u"+fmt.Sprint(p.ID), org, &p.ID, nil)
		return p.ID
	}
	city := unit(nil, registry.OrgCity, "C")
	c.district = []int64{unit(&city, registry.OrgDistrict, "D1"), unit(&city, registry.OrgDistrict, "D2")}
	c.station = []int64{unit(&c.district[0], registry.OrgStation, "S11"), unit(&c.district[0], registry.OrgStation, "S12"),
		unit(&c.district[1], registry.OrgStation, "S21")}
	for i, s := range []int{0, 0, 0, 1, 2} {
		c.officers = append(c.officers, person(c.station[s], registry.RoleEnforcement, fmt.Sprintf("执法%d", i)))
	}
	c.clerk = person(c.station[0], registry.RoleCoordinator, "协管员")
	c.shop = mustBusiness(t, st, c.district[0], c.station[0], "01")
	c.far = mustBusiness(t, st, c.district[1], c.station[2], "02")
	return c
}

func mustBusiness(t *testing.T, st *store.Store, district, station int64, n string) int64 {
	t.Helper()
	var id int64
	now := time.Now().UTC()
	err := st.DB().QueryRowContext(context.Background(), `INSERT INTO businesses (uscc, name, category, address, district_id,
		station_id, lat, lng, status, created_at, updated_at)
		VALUES ($1, $2, 'catering', '解放路', $3, $4, 30.25, 120.15, 'open', $5, $5) RETURNING id`,
		"91330102000000"+n, "饭店"+n, district, station, now).Scan(&id)
	if err != nil {
		t.Fatalf("business %s: %v", n, err)
	}
	return id
}

func mustUser(t *testing.T, st *store.Store, login string, org int64, person, business *int64) int64 {
	t.Helper()
	var id int64
	err := st.DB().QueryRowContext(context.Background(), `INSERT INTO users (login, display_name, org_unit_id,
		person_id, business_id, password_hash, created_at) VALUES ($1, $1, $2, $3, $4, 'x', $5) RETURNING id`,
		login, org, person, business, time.Now().UTC()).Scan(&id)
	if err != nil {
		t.Fatalf("user %s: %v", login, err)
	}
	return id
}

// as is the context of a request by user with scope.
func as(user int64, login string, scope access.Scope) context.Context {
	ctx := audit.WithActor(context.Background(), audit.Actor{UserID: user, Login: login, Role: "test"})
	ctx = web.WithUser(ctx, &web.User{ID: user, Login: login, Permits: func(web.Access) bool { return true }})
	return access.WithScope(ctx, scope)
}

// officer is the context of officer i, scoped to its station.
func (c *inspectCity) officer(i int) context.Context {
	p := c.officers[i]
	var station, district int64
	switch {
	case i < 3:
		station, district = c.station[0], c.district[0]
	case i == 3:
		station, district = c.station[1], c.district[0]
	default:
		station, district = c.station[2], c.district[1]
	}
	return as(c.users[p], fmt.Sprint("officer", i), access.Scope{Path: c.paths[station], DistrictID: district, StationID: station})
}

// districtAdmin is the context of D1's admin; operator that of the shop's operator.
func (c *inspectCity) districtAdmin() context.Context {
	return as(9001, "district", access.Scope{Path: c.paths[c.district[0]], DistrictID: c.district[0]})
}

func (c *inspectCity) operator(business int64) context.Context {
	return as(9002, "operator", access.Scope{Path: "/none/", BusinessID: business})
}

// uuidN is a fixed UUID numbered n, so that tests can name records.
func uuidN(n int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012d", n) }

// newDaily creates inspection uuid of the shop by officers 0 and 1.
func (c *inspectCity) newDaily(t *testing.T, uuid string, kind Kind) *Inspection {
	t.Helper()
	in, isNew, err := c.svc.Create(c.officer(0), uuid, NewInspection{Source: AdHoc, Kind: kind, BusinessID: c.shop,
		TemplateID: c.template.ID, Inspectors: []int64{c.officers[0], c.officers[1]}})
	if err != nil || !isNew {
		t.Fatalf("create %s: %v (new %v)", uuid, err, isNew)
	}
	return in
}

// allPass answers every item of the template (answer UUIDs numbered from base), the first
// item (a key item) failed when fail is set.
func (c *inspectCity) allPass(base int, fail bool) []AnswerInput {
	var out []AnswerInput
	for i, it := range c.template.Items {
		a := Pass
		if fail && i == 0 {
			a = Fail
		}
		out = append(out, AnswerInput{UUID: uuidN(base + i), Item: it.Code, Answer: a, Note: "见照片"})
	}
	return out
}

// tinyPNG is a 2×2 PNG, a signature drawn on the screen.
func tinyPNG(t *testing.T) []byte {
	t.Helper()
	return encodePNG(t, 2, 2)
}

// mustSignedInspection walks inspection uuid of the shop through to signed.
func (c *inspectCity) mustSignedInspection(t *testing.T, uuid string) *Inspection {
	t.Helper()
	ctx := c.officer(0)
	c.newDaily(t, uuid, Daily)
	lat, lng := 30.2505, 120.1505
	steps := []func() error{
		func() error {
			_, err := c.svc.CheckIn(ctx, uuid, CheckInInput{Method: "gps", Lat: &lat, Lng: &lng})
			return err
		},
		func() error { _, err := c.svc.PutAnswers(ctx, uuid, c.allPass(1000, true)); return err },
		func() error {
			_, _, err := c.svc.PutEvidence(ctx, uuid, uuidN(2000), EvidenceInput{Kind: Photo, Item: c.template.Items[0].Code,
				CapturedAt: signedAt, Lat: &lat, Lng: &lng}, encodeJPEG(t, true))
			return err
		},
		func() error { _, err := c.svc.Complete(ctx, uuid); return err },
		func() error {
			_, err := c.svc.PutSignature(ctx, uuid, uuidN(3000), SignatureInput{Signer: InspectorSigner(c.officers[0]), Name: "执法0", ImagePNG: tinyPNG(t)})
			return err
		},
		func() error {
			_, err := c.svc.PutSignature(ctx, uuid, uuidN(3001), SignatureInput{Signer: InspectorSigner(c.officers[1]), Name: "执法1", ImagePNG: tinyPNG(t)})
			return err
		},
		func() error {
			_, err := c.svc.PutSignature(ctx, uuid, uuidN(3002), SignatureInput{Signer: OperatorSigner, Name: "张老板", Refused: true, Witness: "李四"})
			return err
		},
	}
	for i, step := range steps {
		if err := step(); err != nil {
			t.Fatalf("step %d of %s: %v", i, uuid, err)
		}
	}
	in, err := c.svc.Sign(ctx, uuid)
	if err != nil {
		t.Fatalf("sign %s: %v", uuid, err)
	}
	return in
}
