package journey

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/png"
	"regexp"
	"strings"
	"testing"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/shejian/shejian/internal/access"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
	"github.com/shejian/shejian/internal/trace"
	"github.com/shejian/shejian/internal/trace/ticket"
	"github.com/shejian/shejian/internal/web"
)

// TestTraceCodes issues the trace code of L3 as the kitchen that made it, opens its public
// page as anyone and checks that the page tells the journey and shows nothing internal:
// no quantity, USCC, ticket number, event ID, nor another lot.
func TestTraceCodes(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		l3 := w.fix.Cases[2].Lot
		tc := w.issueCode(w.operator(kitchen), l3, 201)
		if again := w.issueCode(w.districtAdmin(1), l3, 200); again != tc {
			t.Errorf("a second issue gave %+v, want the first %+v", again, tc)
		}
		if rec := w.call(w.operator(grocer), "POST", "/api/v1/trace-codes", `{"id":"`+l3+`"}`); rec.Code != 404 {
			t.Errorf("the grocer, which never had L3, issued its code: %d %.200s", rec.Code, rec.Body)
		}
		if !regexp.MustCompile(`^[2-9a-z]{10}$`).MatchString(tc.Code) || tc.URL != "http://example.com/t/"+tc.Code ||
			tc.QR != tc.URL+"/qr.png" || tc.Lot != l3 {
			t.Errorf("trace code %+v", tc)
		}

		rec := w.call(caller{}, "GET", "/t/"+tc.Code, "")
		page := rec.Body.String()
		if rec.Code != 200 {
			t.Fatalf("public page: %d %.300s", rec.Code, page)
		}
		for _, want := range []string{farm1, farm2, market, kitchen, store2, canteen, districtName(9), "2025-12-02", "附承诺达标合格证",
			"251202P"} {
			if !strings.Contains(page, want) {
				t.Errorf("the public page lacks %q", want)
			}
		}
		w.assertNothingInternal(t, page)
		if strings.Contains(page, grocer) {
			t.Error("the public page names the grocer, which had part of an ingredient, not this lot")
		}

		assertQR(t, w, tc)
		for _, path := range []string{"/t/" + strings.ToUpper(tc.Code), "/t/zzzzzzzzzz", "/t/zzzzzzzzzz/qr.png"} {
			if rec := w.call(caller{}, "GET", path, ""); rec.Code != 404 {
				t.Errorf("GET %s: %d, want 404", path, rec.Code)
			}
		}
	})
}

// issueCode asks for the trace code of lot as c and checks the status.
func (w *world) issueCode(c caller, lot string, status int) TraceCode {
	w.t.Helper()
	rec := w.call(c, "POST", "/api/v1/trace-codes", `{"id":"`+lot+`"}`)
	var tc TraceCode
	if rec.Code != status || json.Unmarshal(rec.Body.Bytes(), &tc) != nil {
		w.t.Fatalf("issue the code of %s: %d, want %d: %.300s", lot, rec.Code, status, rec.Body)
	}
	return tc
}

// assertNothingInternal checks that a public page holds no quantity, USCC, ticket number,
// event ID, account or other lot of the chain.
func (w *world) assertNothingInternal(t *testing.T, page string) {
	t.Helper()
	var internal []string
	for _, b := range w.fix.Businesses {
		internal = append(internal, b.USCC)
	}
	for _, c := range w.fix.Cases {
		for _, refs := range [][]string{ids(c.Backward), ids(c.Forward)} {
			internal = append(internal, refs...)
		}
	}
	internal = append(internal, ids(w.fix.Withdrawn)...)
	internal = append(internal, w.fix.Cases[0].Lot, w.fix.Cases[1].Lot, "1201001", "1201002", "urn:", "KGM", "千克", "kg",
		"business_operator", "city_admin", "张三")
	for _, c := range w.fix.Cases[:2] {
		_, batch := lotNumbers(c.Lot)
		internal = append(internal, batch)
	}
	for _, s := range internal {
		if strings.Contains(page, s) {
			t.Errorf("the public page holds %q", s)
		}
	}
	for _, q := range []string{"1800", "1000", "900", "600", "500", "480", "400", "300", "280", "150"} {
		if regexp.MustCompile(`\b` + q + `\b`).MatchString(page) {
			t.Errorf("the public page holds the quantity %s", q)
		}
	}
}

func ids[T interface{ ~struct{ ID, What string } }](refs []T) []string {
	var out []string
	for _, r := range refs {
		out = append(out, struct{ ID, What string }(r).ID)
	}
	return out
}

// assertQR reads the QR code of tc and checks it module by module against the QR code of
// its URL: the library encodes and cannot decode, so this proves the PNG is that code,
// drawn at web.QRModule pixels a module.
func assertQR(t *testing.T, w *world, tc TraceCode) {
	t.Helper()
	rec := w.call(caller{}, "GET", "/t/"+tc.Code+"/qr.png", "")
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "image/png" {
		t.Fatalf("QR code: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	img, err := png.Decode(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatalf("QR code: %v", err)
	}
	q, err := qrcode.New(tc.URL, qrcode.Medium)
	if err != nil {
		t.Fatal(err)
	}
	want := q.Bitmap()
	if b := img.Bounds(); b.Dx() != len(want)*web.QRModule || b.Dy() != b.Dx() {
		t.Fatalf("QR code of %d×%d pixels, want %d modules of %d", b.Dx(), b.Dy(), len(want), web.QRModule)
	}
	if got := modules(img, len(want)); !equalBitmaps(got, want) {
		t.Errorf("the QR code's modules are not those of %s", tc.URL)
	}
}

// modules reads an n×n module grid from img, sampling each module's centre.
func modules(img image.Image, n int) [][]bool {
	out := make([][]bool, n)
	for y := range n {
		out[y] = make([]bool, n)
		for x := range n {
			r, _, _, _ := img.At(x*web.QRModule+web.QRModule/2, y*web.QRModule+web.QRModule/2).RGBA()
			out[y][x] = r < 0x8000
		}
	}
	return out
}

func equalBitmaps(a, b [][]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if string(boolsKey(a[i])) != string(boolsKey(b[i])) {
			return false
		}
	}
	return true
}

func boolsKey(row []bool) []byte {
	out := make([]byte, len(row))
	for i, v := range row {
		if v {
			out[i] = 1
		}
	}
	return out
}

// TestTicketLots traces lots of the Chinese practice: a farm's 合格证 and a market ticket
// with a rapid test, named by a bare batch number, and checks their public page.
func TestTicketLots(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		f1, f2, m := w.business(farm1), w.business(farm2), w.business(market)
		w.record(ticket.Entry{Certificate: &ticket.CertificateInput{Number: "C77", Date: "2025-12-01", Producer: ticket.PartyInput{USCC: f1.USCC},
			HarvestDate: "2025-11-30", Item: ticket.Item{Product: "菠菜", Batch: "B77", Quantity: 10, Unit: "公斤", Origin: "临江区青山村"}}},
			ticket.Entry{Ticket: &ticket.TicketInput{Number: "T77", Date: "2025-12-02", Seller: ticket.PartyInput{USCC: f1.USCC}, Market: m.USCC,
				Buyer: ticket.PartyInput{Name: "张三", IDOrPhone: "13800001234"}, RapidTest: "pass",
				Item: ticket.Item{Product: "菠菜", Batch: "B77", Quantity: 4, Unit: "公斤"}}})
		lot := ticket.LotPrefix + f1.USCC + ":B77"

		var got TraceAnswer
		w.getJSON(w.cityAdmin(), "/api/v1/trace?direction=forward&id=B77", 200, &got)
		if got.ID != lot || len(got.Steps) != 3 {
			t.Errorf("B77 traced as %q with %d steps, want %q with the certificate and both sides of the ticket", got.ID, len(got.Steps), lot)
		}
		tc := w.issueCode(w.operator(farm1), lot, 201)
		rec := w.call(caller{}, "GET", "/t/"+tc.Code, "")
		page := rec.Body.String()
		for _, want := range []string{"菠菜", "B77", "临江区青山村", "附承诺达标合格证", "快检合格", farm1, market, "个体生产经营者"} {
			if !strings.Contains(page, want) {
				t.Errorf("the public page of B77 lacks %q", want)
			}
		}
		w.assertNothingInternal(t, page)
		for _, internal := range []string{"T77", "C77", "4 ", "10 "} {
			if strings.Contains(page, internal) {
				t.Errorf("the public page of B77 holds %q", internal)
			}
		}

		w.record(ticket.Entry{Certificate: &ticket.CertificateInput{Number: "C78", Date: "2025-12-01", Producer: ticket.PartyInput{USCC: f2.USCC},
			Item: ticket.Item{Product: "胡萝卜", Batch: "B77", Quantity: 5, Unit: "公斤"}}})
		var two Candidates
		w.getJSON(w.cityAdmin(), "/api/v1/recall?id=B77", 300, &two)
		if len(two.Candidates) != 2 || two.Query != "B77" {
			t.Errorf("B77 of two farms: %+v", two)
		}
		w.getJSON(w.operator(farm2), "/api/v1/trace?id=B77", 200, &got)
		if got.ID != ticket.LotPrefix+f2.USCC+":B77" {
			t.Errorf("the second farm's B77 traced as %q", got.ID)
		}
		if page := w.call(w.cityAdmin(), "GET", "/trace?id=B77", "").Body.String(); !strings.Contains(page, `id="trace-candidates"`) ||
			!strings.Contains(page, ">"+lot+"</a>") {
			t.Errorf("the page of B77 offers no choice of lots: %.1500s", page)
		}
	})
}

// record records ticket entries as the system and loads their events into the index.
func (w *world) record(entries ...ticket.Entry) {
	w.t.Helper()
	ctx := access.WithScope(context.Background(), access.Everywhere)
	res, err := ticket.NewRecorder(w.st, trace.NewStore(w.st)).Record(ctx, entries)
	if err != nil || len(res.Problems) > 0 {
		w.t.Fatalf("record %d entries: %v %+v", len(entries), err, res.Problems)
	}
	if err := w.handler.index.Load(ctx); err != nil {
		w.t.Fatal(err)
	}
}
