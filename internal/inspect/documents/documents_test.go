package documents

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/inspect"
	"github.com/shejian/shejian/internal/pdfdoc"
	"github.com/shejian/shejian/internal/pdfdoc/pdfdoctest"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// mustRender renders kind of inspection n as the officer.
func (w *town) mustRender(t testing.TB, n int, kind Kind) *Document {
	t.Helper()
	doc, err := w.svc.Render(w.officer(), uuidN(n), kind, Request{})
	if err != nil {
		t.Fatalf("render %s of %d: %v", kind, n, err)
	}
	return doc
}

func TestDocumentsOfASignedInspection(t *testing.T) {
	pdfdoctest.NeedFont(t)
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newTown(t, st)
		in := w.signed(t, 1, findings{general: 2})
		year := in.SignedAt.In(calendar.China).Year()
		want := map[Kind][]string{
			Record: {fmt.Sprintf("江临市临江区市监检〔%d〕1号", year), "江临市临江区市场监督管理局", "被检查单位：江临老字号饭店",
				"执法0（执法证号 33010220260001）、执法1", "不符合。备注：发现问题2", "拒绝签字（见证人：李四（邻店店主））", "检查结果：基本符合"},
			Result: {fmt.Sprintf("江临市临江区市监检结〔%d〕1号", year), "基本符合", "https://jianglin.example.cn/api/v1/public/inspections/" + in.UUID,
				"第三十九条"},
			Order: {fmt.Sprintf("江临市临江区市监责改〔%d〕1号", year), "江临老字号饭店：", "检查情况：发现问题1", "10个工作日内"},
		}
		for _, kind := range Kinds {
			first := w.mustRender(t, 1, kind)
			for _, s := range want[kind] {
				if !pdfdoctest.Drew(first.Text, s) {
					t.Errorf("%s: no text with %q in %q", kind, s, first.Text)
				}
			}
			if !bytes.HasPrefix(first.PDF, []byte("%PDF-")) {
				t.Errorf("%s: not a PDF: %q", kind, first.PDF[:min(16, len(first.PDF))])
			}
			again := w.mustRender(t, 1, kind)
			if again.Number != first.Number || !bytes.Equal(again.PDF, first.PDF) {
				t.Errorf("%s rendered again: number %v, %d bytes; first %v, %d bytes", kind, again.Number, len(again.PDF), first.Number, len(first.PDF))
			}
		}
	})
}

func TestRenderedAgainAfterRegistryChanges(t *testing.T) {
	pdfdoctest.NeedFont(t)
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newTown(t, st)
		w.signed(t, 1, findings{})
		first := w.mustRender(t, 1, Result)
		if _, err := st.DB().ExecContext(context.Background(), `UPDATE businesses SET name = '新店名', address = '新地址' WHERE id = $1`, w.shop); err != nil {
			t.Fatal(err)
		}
		svc := New(st, w.insp, Options{PublicBaseURL: "https://elsewhere.example.cn"})
		again, err := svc.Render(w.officer(), uuidN(1), Result, Request{})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again.PDF, first.PDF) {
			t.Error("the result sheet changed with the registry or the site: an issued document must keep what it was issued with")
		}
	})
}

func TestNumbersOfInspectionsIssuedAtOnce(t *testing.T) {
	pdfdoctest.NeedFont(t)
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newTown(t, st)
		const n, asks = 4, 3 // each inspection's record asked for three times at once
		for i := 1; i <= n; i++ {
			w.signed(t, i, findings{})
		}
		type answer struct {
			inspection, seq int
			err             error
		}
		answers := make(chan answer, n*asks)
		for i := 1; i <= n; i++ {
			for range asks {
				go func() {
					doc, err := w.svc.Render(w.officer(), uuidN(i), Record, Request{})
					if err != nil {
						answers <- answer{i, 0, err}
						return
					}
					answers <- answer{i, doc.Number.Seq, nil}
				}()
			}
		}
		seqOf := map[int]int{}
		for range n * asks {
			a := <-answers
			if a.err != nil {
				t.Fatalf("render %d: %v", a.inspection, a.err)
			}
			if old, ok := seqOf[a.inspection]; ok && old != a.seq {
				t.Errorf("inspection %d got numbers %d and %d", a.inspection, old, a.seq)
			}
			seqOf[a.inspection] = a.seq
		}
		var got []int
		for _, seq := range seqOf {
			got = append(got, seq)
		}
		slices.Sort(got)
		if !slices.Equal(got, []int{1, 2, 3, 4}) {
			t.Errorf("numbers %v, want 1..4 once each", got)
		}
	})
}

func TestOrderOnlyForFailedGeneralItems(t *testing.T) {
	pdfdoctest.NeedFont(t)
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newTown(t, st)
		cases := []struct {
			name string
			f    findings
			key  string // the refusal's message key, "" when the order is issued
		}{
			{"general items failed", findings{general: 1}, ""},
			{"key item failed", findings{key: true, general: 1}, "documents.order_key_failed"},
			{"nothing failed", findings{}, "documents.order_nothing_to_correct"},
		}
		for i, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				w.signed(t, i+1, c.f)
				_, err := w.svc.Render(w.officer(), uuidN(i+1), Order, Request{})
				if got := apperr.From(err); c.key == "" && err != nil || c.key != "" && (got.Code != apperr.Conflict || got.Key != c.key) {
					t.Errorf("order: %v, want %q", err, c.key)
				}
			})
		}
		var n int
		st.DB().QueryRowContext(context.Background(), `SELECT count(*) FROM inspection_documents WHERE kind = 'order'`).Scan(&n)
		if n != 1 {
			t.Errorf("%d orders recorded, want 1: a refused order takes no number", n)
		}
	})
}

func TestOrderDeadline(t *testing.T) {
	pdfdoctest.NeedFont(t)
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newTown(t, st)
		w.signed(t, 1, findings{general: 1})
		_, err := w.svc.Render(w.officer(), uuidN(1), Order, Request{DeadlineDays: maxDeadlineDays + 1})
		if e := apperr.From(err); e.Code != apperr.Invalid || len(e.Fields) != 1 || e.Fields[0].Field != "deadline_days" {
			t.Fatalf("deadline over the bound: %v, want a field error on deadline_days", err)
		}
		doc, err := w.svc.Render(w.officer(), uuidN(1), Order, Request{DeadlineDays: 5})
		if err != nil {
			t.Fatalf("order with 5 days: %v", err)
		}
		if !pdfdoctest.Drew(doc.Text, "5个工作日内") {
			t.Errorf("order with 5 days drew %q", doc.Text)
		}
		again, err := w.svc.Render(w.officer(), uuidN(1), Order, Request{DeadlineDays: 20})
		if err != nil || !bytes.Equal(again.PDF, doc.PDF) {
			t.Errorf("an issued order changed its deadline when asked again: %v", err)
		}
		w.signed(t, 2, findings{general: 1})
		byRule, err := w.svc.Render(w.officer(), uuidN(2), Order, Request{})
		if err != nil {
			t.Fatalf("order without a deadline: %v", err)
		}
		if !pdfdoctest.Drew(byRule.Text, "10个工作日内") {
			t.Errorf("order without a deadline drew %q; want the rule's 10 working days", byRule.Text)
		}
	})
}

func TestOperatorAndPublicSeeIssuedDocumentsOnly(t *testing.T) {
	pdfdoctest.NeedFont(t)
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newTown(t, st)
		w.signed(t, 1, findings{general: 1})
		if _, err := w.svc.Render(w.operator(), uuidN(1), Record, Request{}); apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("operator before issue: %v, want Conflict (not issued yet)", err)
		}
		if _, err := w.svc.RenderPublished(context.Background(), uuidN(1)); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("public before publication: %v, want NotFound", err)
		}
		staff := w.mustRender(t, 1, Result)
		if _, err := w.insp.Publish(w.officer(), uuidN(1)); err != nil {
			t.Fatal(err)
		}
		for name, ctx := range map[string]context.Context{"operator": w.operator(), "public": context.Background()} {
			var doc *Document
			var err error
			if name == "operator" {
				doc, err = w.svc.Render(ctx, uuidN(1), Result, Request{})
			} else {
				doc, err = w.svc.RenderPublished(ctx, uuidN(1))
			}
			if err != nil || !bytes.Equal(doc.PDF, staff.PDF) {
				t.Errorf("%s: %v; want the issued sheet's bytes", name, err)
			}
		}
	})
}

func TestUnsignedInspectionHasNoDocuments(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newTown(t, st)
		if _, _, err := w.insp.Create(w.officer(), uuidN(1), inspect.NewInspection{Source: inspect.AdHoc, Kind: inspect.Daily,
			BusinessID: w.shop, TemplateID: w.template.ID, Inspectors: w.officers}); err != nil {
			t.Fatal(err)
		}
		_, err := w.svc.Render(w.officer(), uuidN(1), Record, Request{})
		if apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("record of an unsigned inspection: %v, want Conflict", err)
		}
	})
}

// TestMissingFontIsAClearError: without the font a signed inspection's document is an error
// that names the font and the fix, and takes no number; an inspection that is not there, or
// not signed, is still told as such.
func TestMissingFontIsAClearError(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	w := newTown(t, st)
	w.signed(t, 1, findings{general: 2})
	if _, _, err := w.insp.Create(w.officer(), uuidN(2), inspect.NewInspection{Source: inspect.AdHoc, Kind: inspect.Daily,
		BusinessID: w.shop, TemplateID: w.template.ID, Inspectors: w.officers}); err != nil {
		t.Fatal(err)
	}
	path := "/nonexistent/fonts/none.ttf"
	svc := New(st, w.insp, Options{FontPath: path})
	_, err := svc.Render(w.officer(), uuidN(1), Record, Request{})
	for _, s := range []string{path, "fonts-lxgw-wenkai", pdfdoc.FontEnv} {
		if err == nil || !strings.Contains(err.Error(), s) {
			t.Errorf("missing font: %v; want it to name %q", err, s)
		}
	}
	var n int
	if err := st.DB().QueryRowContext(context.Background(), `SELECT count(*) FROM document_sequences`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d numbers taken (%v): a document that cannot be drawn takes none", n, err)
	}
	for _, c := range []struct {
		uuid string
		want apperr.Code
	}{{uuidN(2), apperr.Conflict}, {uuidN(3), apperr.NotFound}} {
		if _, err := svc.Render(w.officer(), c.uuid, Record, Request{}); apperr.CodeOf(err) != c.want {
			t.Errorf("record of %s without the font: %v, want %s", c.uuid, err, c.want)
		}
	}
}

// BenchmarkRender measures rendering an issued document again (the font cached, the number
// stored): the cost of every download after the first.
func BenchmarkRender(b *testing.B) {
	pdfdoctest.NeedFont(b)
	w := newTown(b, storetest.Open(b, store.SQLite))
	w.signed(b, 1, findings{general: 2})
	for _, kind := range Kinds {
		b.Run(string(kind), func(b *testing.B) {
			var size int
			for b.Loop() {
				size = len(w.mustRender(b, 1, kind).PDF)
			}
			b.ReportMetric(float64(size), "bytes/doc")
		})
	}
}
