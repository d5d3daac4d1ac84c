package documents

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/audit"
	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/enforce"
	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/rules"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/web"
)

// town is a city 江临市 with district 临江区 and its stations 城关 and 城西, a restaurant in
// each, the enforcement service and the document service over it.
type town struct {
	st       *store.Store
	book     *rules.Book
	cases    *enforce.Service
	svc      *Service
	orgs     *registry.OrgStore
	district int64
	stations []int64
	paths    []string
	shops    []int64
}

func newTown(t testing.TB, st *store.Store) *town {
	t.Helper()
	book, err := rules.New(st)
	if err != nil {
		t.Fatal(err)
	}
	w := &town{st: st, book: book, cases: enforce.NewService(st, book, calendar.Default()), orgs: registry.NewOrgStore(st)}
	w.svc = New(st, w.cases, Options{Rules: book})
	city := w.unit(t, nil, registry.OrgCity, "330100", "江临市")
	w.district = w.unit(t, &city, registry.OrgDistrict, "330102", "临江区")
	for i, name := range []string{"城关监管站", "城西监管站"} {
		s := w.unit(t, &w.district, registry.OrgStation, fmt.Sprintf("3301020%d", i+1), name)
		o, _ := w.orgs.Get(context.Background(), s)
		w.stations, w.paths = append(w.stations, s), append(w.paths, o.Path)
		w.shops = append(w.shops, w.business(t, s, i))
	}
	return w
}

func (w *town) unit(t testing.TB, parent *int64, kind registry.OrgKind, code, name string) int64 {
	t.Helper()
	o, err := w.orgs.Create(context.Background(), registry.OrgUnitInput{ParentID: parent, Kind: kind, Code: code, Name: name, Township: name})
	if err != nil {
		t.Fatalf("org unit %s: %v", name, err)
	}
	return o.ID
}

func (w *town) business(t testing.TB, station int64, i int) int64 {
	t.Helper()
	var id int64
	err := w.st.DB().QueryRowContext(context.Background(), `INSERT INTO businesses (uscc, name, category, licence_no, legal_rep,
		address, district_id, station_id, lat, lng, status, created_at, updated_at)
		VALUES ($1, $2, 'catering', $3, '张老板', '江临市临江区解放路1号', $4, $5, 30.25, 120.15, 'open', $6, $6) RETURNING id`,
		fmt.Sprintf("9133010200000000%dX", i), fmt.Sprintf("江临老字号饭店%d号店", i+1), fmt.Sprintf("JY2330102000000%d", i+1),
		w.district, station, time.Now().UTC()).Scan(&id)
	if err != nil {
		t.Fatalf("business: %v", err)
	}
	return id
}

// The callers of the tests: staff of a station with the permissions their role gives.
type role int

const (
	reader   role = iota // reads cases only
	officer              // works on cases
	approver             // works on cases and approves steps
)

// staff is the context of a member of station i with role r.
func (w *town) staff(i int, r role) context.Context {
	permits := func(a web.Access) bool {
		switch a {
		case access.EnforceApprove:
			return r == approver
		case access.EnforceWork:
			return r >= officer
		}
		return true
	}
	login := fmt.Sprintf("staff%d-%d", i, r)
	ctx := audit.WithActor(context.Background(), audit.Actor{UserID: 7, Login: login, Role: "test"})
	ctx = web.WithUser(ctx, &web.User{ID: 7, Login: login, Permits: permits})
	return access.WithScope(ctx, access.Scope{Path: w.paths[i], DistrictID: w.district, StationID: w.stations[i]})
}

// operator is the context of the operator of shop i.
func (w *town) operator(i int) context.Context {
	ctx := web.WithUser(context.Background(), &web.User{ID: 9, Login: "operator", Permits: func(web.Access) bool { return true }})
	return access.WithScope(ctx, access.Scope{Path: "/none/", BusinessID: w.shops[i]})
}

// register registers a complaint against shop i as its station's officer.
func (w *town) register(t testing.TB, i int) *enforce.Case {
	t.Helper()
	c, err := w.cases.RegisterCase(w.staff(i, officer), enforce.CaseSourceInput{BusinessID: w.shops[i], Source: "complaint",
		SourceRef: "投诉2026-0815", Facts: "消费者投诉餐具未消毒"})
	if err != nil {
		t.Fatalf("register: %v", err)
	}
	return c
}

// decision is the penalty of the tests: a warning and a fine under the catalogue's
// offence of unwashed tableware.
func decision(number string) *enforce.DecisionInput {
	return &enforce.DecisionInput{DocumentNumber: number, Violation: "餐具饮具未洗净消毒即提供消费者使用",
		Offence: "fsl_126_1_5", Measures: []string{"warning", "fine"}, FineYuan: 5000}
}

// advance records steps on case id as the approving head of station i.
func (w *town) advance(t testing.TB, i int, id int64, steps ...enforce.StepInput) *enforce.Case {
	t.Helper()
	var c *enforce.Case
	for _, in := range steps {
		var err error
		if in.Step == enforce.Heard {
			if _, err = w.cases.RequestHearing(w.staff(i, approver), id, enforce.HearingRequest{RequestedOn: today()}); err != nil {
				t.Fatalf("hearing request: %v", err)
			}
		}
		if c, err = w.cases.Advance(w.staff(i, approver), id, in); err != nil {
			t.Fatalf("step %s: %v", in.Step, err)
		}
	}
	return c
}

// decided walks a new case of shop i to the decision (through a hearing) and on to
// closure when closed; number is the decision's 文号.
func (w *town) decided(t testing.TB, i int, number string, closed bool) *enforce.Case {
	t.Helper()
	c := w.register(t, i)
	steps := []enforce.StepInput{{Step: enforce.Filed, ApprovedBy: "李局长", Note: "同意立案"},
		{Step: enforce.Investigated, Note: "现场检查并询问负责人"},
		{Step: enforce.Notified, Note: "警告，并处罚款人民币5000元"},
		{Step: enforce.Heard, ApprovedBy: "周主持", Note: "当事人称已整改，请求从轻"},
		{Step: enforce.Decided, ApprovedBy: "李局长", Note: "当事人已整改，依法从轻", Decision: decision(number)}}
	if closed {
		steps = append(steps, enforce.StepInput{Step: enforce.Executed, PaidYuan: 5000},
			enforce.StepInput{Step: enforce.CaseClosed, ApprovedBy: "李局长", Note: "罚没款已缴清，同意结案"})
	}
	return w.advance(t, i, c.ID, steps...)
}

// today is the China calendar day, as enforce counts steps.
func today() string { return time.Now().In(calendar.China).Format(time.DateOnly) }
