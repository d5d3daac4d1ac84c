package ticket

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/trace"
	"github.com/shejian/shejian/internal/web"
)

// The businesses of the test city, by role.
const (
	farm      = iota // 绿源蔬菜专业合作社, production
	market           // 城东农产品批发市场
	stall            // a stall in the market
	retailer         // 超市
	kitchen          // a restaurant
	elsewhere        // a retailer of another district
	businessCount
)

// world is a city with one business of each role, and the recorder over it.
type world struct {
	st         *store.Store
	rec        *Recorder
	usccs      [businessCount]string
	ids        [businessCount]int64
	districts  [2]int64
	stations   [2]int64
	unitPaths  map[int64]string
	categories [businessCount]string
}

// testUSCC is a valid USCC numbered n.
func testUSCC(n int) string {
	first17 := fmt.Sprintf("91330100MA2AB%04d", n)
	check, _ := registry.USCCCheckChar(first17)
	return first17 + string(check)
}

// newWorld puts a city of two districts, a station in each, and the businesses into st.
func newWorld(tb testing.TB, st *store.Store) *world {
	tb.Helper()
	w := &world{st: st, rec: NewRecorder(st, trace.NewStore(st)), unitPaths: map[int64]string{}}
	ctx := context.Background()
	now := time.Now().UTC()
	unit := func(kind, code string, parent int64) int64 {
		var id int64
		var p any
		if parent != 0 {
			p = parent
		}
		if err := st.DB().QueryRowContext(ctx, `INSERT INTO org_units (parent_id, kind, code, name, created_at, updated_at)
			VALUES ($1, $2, $3, $3, $4, $4) RETURNING id`, p, kind, code, now).Scan(&id); err != nil {
			tb.Fatal(err)
		}
		w.unitPaths[id] = w.unitPaths[parent] + fmt.Sprint(id) + "/"
		if parent == 0 {
			w.unitPaths[id] = fmt.Sprintf("/%d/", id)
		}
		if _, err := st.DB().ExecContext(ctx, `UPDATE org_units SET path = $1 WHERE id = $2`, w.unitPaths[id], id); err != nil {
			tb.Fatal(err)
		}
		return id
	}
	city := unit("city", "C", 0)
	for i := range w.districts {
		w.districts[i] = unit("district", fmt.Sprint("D", i), city)
		w.stations[i] = unit("station", fmt.Sprint("S", i), w.districts[i])
	}
	w.categories = [businessCount]string{"production", "market", "stall", "sales", "catering", "sales"}
	for i := range businessCount {
		w.usccs[i] = testUSCC(i + 1)
		d := 0
		if i == elsewhere {
			d = 1
		}
		var marketID any
		if i == stall {
			marketID = w.ids[market]
		}
		if err := st.DB().QueryRowContext(ctx, `INSERT INTO businesses (uscc, name, category, address, district_id, station_id,
			market_id, lat, lng, created_at, updated_at) VALUES ($1, $2, $3, '', $4, $5, $6, 30, 120, $7, $7) RETURNING id`,
			w.usccs[i], fmt.Sprint("主体", i), w.categories[i], w.districts[d], w.stations[d], marketID, now).Scan(&w.ids[i]); err != nil {
			tb.Fatal(err)
		}
	}
	return w
}

// system is the context of the command line: the whole city.
func system() context.Context { return access.WithScope(context.Background(), access.Everywhere) }

// operator is the context of an operator of business i.
func (w *world) operator(i int) context.Context {
	d := 0
	if i == elsewhere {
		d = 1
	}
	ctx := access.WithScope(context.Background(), access.Scope{Path: w.unitPaths[w.stations[d]], BusinessID: w.ids[i]})
	return web.WithUser(ctx, &web.User{ID: 100 + int64(i), Role: string(access.RoleBusinessOperator), OrgUnitID: w.stations[d], BusinessID: w.ids[i]})
}

// inspector is the context of an inspector of district d's station.
func (w *world) inspector(d int) context.Context {
	s := access.Scope{Path: w.unitPaths[w.stations[d]], DistrictID: w.districts[d], StationID: w.stations[d]}
	return web.WithUser(access.WithScope(context.Background(), s), &web.User{ID: 50, Role: string(access.RoleStationInspector), OrgUnitID: w.stations[d]})
}

// mustRecord records entries and fails the test on a problem.
func (w *world) mustRecord(tb testing.TB, ctx context.Context, entries ...Entry) Result {
	tb.Helper()
	res, err := w.rec.Record(ctx, entries)
	if err != nil || len(res.Problems) > 0 {
		tb.Fatalf("record: %v %+v", err, res.Problems)
	}
	return res
}

// count returns how many rows of table match where.
func (w *world) count(tb testing.TB, table, where string, args ...any) int {
	tb.Helper()
	var n int
	if err := w.st.DB().QueryRowContext(context.Background(), `SELECT count(*) FROM `+table+` WHERE `+where, args...).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

// problemOf is the field errors of err.
func problemOf(err error) []apperr.FieldError {
	if err == nil {
		return nil
	}
	return apperr.From(err).Fields
}

// registered names business i.
func (w *world) registered(i int) PartyInput { return PartyInput{USCC: w.usccs[i]} }

// certificate is farm's certificate for batch of kg of spinach.
func (w *world) certificate(number, batchNo string, kg float64) Entry {
	return Entry{Certificate: &CertificateInput{Number: number, Date: "2025-12-01", Producer: w.registered(farm),
		HarvestDate: "2025-11-30", Item: Item{Product: "菠菜", Batch: batchNo, Quantity: kg, Unit: "公斤", Origin: "浙江杭州"}}}
}

// ticket is a ticket of the market selling quantity unit of batch from seller to buyer.
func (w *world) ticket(number string, seller, buyer PartyInput, batchNo string, quantity float64, unit string) Entry {
	return Entry{Ticket: &TicketInput{Number: number, Date: "2025-12-01 08:30", Market: w.usccs[market], Seller: seller,
		Buyer: buyer, RapidTest: "合格", Item: Item{Product: "菠菜", Batch: batchNo, Quantity: quantity, Unit: unit, Origin: "浙江杭州"}}}
}

// line is a ledger line of kind of business with counterparty on date.
func (w *world) line(kind string, business int, counterparty PartyInput, date, ticketNo, batchNo string, quantity float64, unit string) Entry {
	return Entry{Line: &LedgerLineInput{Kind: kind, Business: w.usccs[business], Counterparty: counterparty, Date: date,
		TicketNo: ticketNo, Item: Item{Product: "菠菜", Batch: batchNo, Quantity: quantity, Unit: unit}}}
}
