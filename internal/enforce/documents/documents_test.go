package documents

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/shejian/shejian/internal/apperr"
	"github.com/shejian/shejian/internal/enforce"
	"github.com/shejian/shejian/internal/pdfdoc/pdfdoctest"
	"github.com/shejian/shejian/internal/store"
	"github.com/shejian/shejian/internal/store/storetest"
)

// mustRender renders kind of case id as an officer of station i.
func (w *town) mustRender(t testing.TB, i int, id int64, kind Kind) *Document {
	t.Helper()
	doc, err := w.svc.Render(w.staff(i, officer), id, kind)
	if err != nil {
		t.Fatalf("render %s of case %d: %v", kind, id, err)
	}
	return doc
}

func TestDocumentsOfADecidedCase(t *testing.T) {
	pdfdoctest.NeedFont(t)
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newTown(t, st)
		c := w.decided(t, 0, "江临市临江区市监罚〔2026〕7号", true)
		year := c.Steps[0].DoneOn.Year()
		want := map[Kind][]string{
			Source:   {fmt.Sprintf("江临市临江区市监案源〔%d〕1号", year), "案件来源：投诉举报", "来源编号：投诉2026-0815", "消费者投诉餐具未消毒"},
			Filing:   {fmt.Sprintf("江临市临江区市监立〔%d〕1号", year), "审批意见：同意立案", "负责人审批：李局长"},
			Notice:   {fmt.Sprintf("江临市临江区市监罚告〔%d〕1号", year), "江临老字号饭店1号店：", "拟作出的行政处罚：警告，并处罚款人民币5000元", "要求听证"},
			Hearing:  {fmt.Sprintf("江临市临江区市监听〔%d〕1号", year), "听证情况摘要：当事人称已整改，请求从轻"},
			Decision: {"江临市临江区市监罚〔2026〕7号", "罚款人民币5000.00元", "六十日内", "六个月内", "处罚理由：当事人已整改，依法从轻"},
			Closure:  {fmt.Sprintf("江临市临江区市监结〔%d〕1号", year), "已缴人民币5000.00元", "结案意见：罚没款已缴清，同意结案"},
		}
		for kind, texts := range want {
			first := w.mustRender(t, 0, c.ID, kind)
			for _, s := range texts {
				if !pdfdoctest.Drew(first.Text, s) {
					t.Errorf("%s: no text with %q in %q", kind, s, first.Text)
				}
			}
			if !bytes.HasPrefix(first.PDF, []byte("%PDF-")) {
				t.Errorf("%s: not a PDF", kind)
			}
			again := w.mustRender(t, 0, c.ID, kind)
			if again.Number != first.Number || !bytes.Equal(again.PDF, first.PDF) {
				t.Errorf("%s rendered again: %v, %d bytes; first %v, %d bytes", kind, again.Number, len(again.PDF), first.Number, len(first.PDF))
			}
		}
		for _, kind := range []Kind{NotFiled, Transfer} {
			_, err := w.svc.Render(w.staff(0, officer), c.ID, kind)
			if e := apperr.From(err); e.Code != apperr.Conflict || e.Key != "case_documents.step_not_recorded" {
				t.Errorf("%s of a decided case: %v, want the step's Conflict", kind, err)
			}
		}
	})
}

func TestCasesEndingEarly(t *testing.T) {
	pdfdoctest.NeedFont(t)
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newTown(t, st)
		refused := w.register(t, 0)
		w.advance(t, 0, refused.ID, enforce.StepInput{Step: enforce.NotFiled, ApprovedBy: "李局长", Note: "证据不足，不予立案"})
		if doc := w.mustRender(t, 0, refused.ID, NotFiled); !pdfdoctest.Drew(doc.Text, "审批意见：证据不足，不予立案") {
			t.Errorf("not filed drew %q", doc.Text)
		}
		sent := w.register(t, 0)
		w.advance(t, 0, sent.ID, enforce.StepInput{Step: enforce.Filed, ApprovedBy: "李局长"},
			enforce.StepInput{Step: enforce.Transferred, ApprovedBy: "李局长", Note: "涉嫌犯罪", PoliceUnit: "江临市公安局临江分局"})
		if doc := w.mustRender(t, 0, sent.ID, Transfer); !pdfdoctest.Drew(doc.Text, "江临市公安局临江分局：") || !pdfdoctest.Drew(doc.Text, "移送理由：涉嫌犯罪") {
			t.Errorf("transfer drew %q", doc.Text)
		}
	})
}

func TestRenderedAgainAfterRegistryChanges(t *testing.T) {
	pdfdoctest.NeedFont(t)
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newTown(t, st)
		c := w.decided(t, 0, "临监罚〔2026〕1号", false)
		first := w.mustRender(t, 0, c.ID, Decision)
		if _, err := st.DB().ExecContext(context.Background(), `UPDATE businesses SET name = '新店名', address = '新地址' WHERE id = $1`, w.shops[0]); err != nil {
			t.Fatal(err)
		}
		again, err := New(st, w.cases, Options{Rules: w.book}).Render(w.staff(0, officer), c.ID, Decision)
		if err != nil || !bytes.Equal(again.PDF, first.PDF) {
			t.Errorf("the decision changed with the registry (%v): an issued document keeps what it was issued with", err)
		}
		if first.Number.Seq != 0 || first.Number.Text != "临监罚〔2026〕1号" {
			t.Errorf("decision number %+v, want the sealed decision's, counted in no sequence", first.Number)
		}
	})
}

func TestNumbersCountPerUnitAndKind(t *testing.T) {
	pdfdoctest.NeedFont(t)
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newTown(t, st)
		var seqs []int
		for i := range 3 {
			c := w.register(t, i%2) // both stations are in the one district: one sequence
			seqs = append(seqs, w.mustRender(t, i%2, c.ID, Source).Number.Seq)
		}
		c := w.register(t, 0)
		w.advance(t, 0, c.ID, enforce.StepInput{Step: enforce.Filed, ApprovedBy: "李局长"})
		filing := w.mustRender(t, 0, c.ID, Filing).Number.Seq
		if !slices.Equal(seqs, []int{1, 2, 3}) || filing != 1 {
			t.Errorf("source numbers %v, filing %d; want 1, 2, 3 and a filing sequence of its own", seqs, filing)
		}
		var inspectionSeqs int
		st.DB().QueryRowContext(context.Background(), `SELECT count(*) FROM document_sequences WHERE kind IN ('source','filing')`).Scan(&inspectionSeqs)
		if inspectionSeqs != 0 {
			t.Errorf("case documents counted in %d unprefixed sequences; want case_<kind> only", inspectionSeqs)
		}
	})
}

func TestIssuedAtOnce(t *testing.T) {
	pdfdoctest.NeedFont(t)
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newTown(t, st)
		const n, asks = 3, 3
		var ids []int64
		for range n {
			ids = append(ids, w.register(t, 0).ID)
		}
		seqs := make(chan [2]int64, n*asks)
		errs := make(chan error, n*asks)
		for _, id := range ids {
			for range asks {
				go func() {
					doc, err := w.svc.Render(w.staff(0, officer), id, Source)
					if err != nil {
						errs <- err
						return
					}
					seqs <- [2]int64{id, int64(doc.Number.Seq)}
				}()
			}
		}
		seqOf := map[int64]int64{}
		for range n * asks {
			select {
			case err := <-errs:
				t.Fatalf("render: %v", err)
			case s := <-seqs:
				if old, ok := seqOf[s[0]]; ok && old != s[1] {
					t.Errorf("case %d got numbers %d and %d", s[0], old, s[1])
				}
				seqOf[s[0]] = s[1]
			}
		}
		var got []int64
		for _, s := range seqOf {
			got = append(got, s)
		}
		slices.Sort(got)
		if !slices.Equal(got, []int64{1, 2, 3}) {
			t.Errorf("numbers %v, want 1..3 once each", got)
		}
	})
}

func TestScope(t *testing.T) {
	pdfdoctest.NeedFont(t)
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newTown(t, st)
		c := w.decided(t, 0, "临监罚〔2026〕2号", false)
		early := w.register(t, 0)
		w.mustRender(t, 0, c.ID, Notice)
		cases := []struct {
			name string
			ctx  context.Context
			id   int64
			kind Kind
			code apperr.Code
			key  string
		}{
			{"another station's officer", w.staff(1, officer), c.ID, Notice, apperr.NotFound, ""},
			{"another shop's operator", w.operator(1), c.ID, Notice, apperr.NotFound, ""},
			{"the operator before the decision", w.operator(0), early.ID, Source, apperr.NotFound, ""},
			{"the operator reads an internal form", w.operator(0), c.ID, Filing, apperr.Forbidden, "case_documents.internal_form"},
			{"the operator asks first for the decision", w.operator(0), c.ID, Decision, apperr.Conflict, "case_documents.not_issued"},
			{"a reader asks first", w.staff(0, reader), c.ID, Filing, apperr.Conflict, "case_documents.not_issued"},
			{"the operator reads the issued notice", w.operator(0), c.ID, Notice, "", ""},
			{"a reader reads the issued notice", w.staff(0, reader), c.ID, Notice, "", ""},
			{"an unknown case", w.staff(0, officer), c.ID + 100, Source, apperr.NotFound, ""},
			{"an unknown kind", w.staff(0, officer), c.ID, "memo", apperr.NotFound, "case_documents.not_found"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				_, err := w.svc.Render(tc.ctx, tc.id, tc.kind)
				e := apperr.From(err)
				if tc.code == "" && err != nil || tc.code != "" && (e.Code != tc.code || tc.key != "" && e.Key != tc.key) {
					t.Errorf("%v, want %s %s", err, tc.code, tc.key)
				}
			})
		}
		var issued int
		st.DB().QueryRowContext(context.Background(), `SELECT count(*) FROM case_documents`).Scan(&issued)
		if issued != 1 {
			t.Errorf("%d documents issued, want 1: a refused request takes no number", issued)
		}
	})
}

func TestMissingFontIsAClearError(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	w := newTown(t, st)
	c := w.register(t, 0)
	_, err := New(st, w.cases, Options{FontPath: "/nonexistent/none.ttf", Rules: w.book}).Render(w.staff(0, officer), c.ID, Source)
	if err == nil || !strings.Contains(err.Error(), "/nonexistent/none.ttf") {
		t.Errorf("missing font: %v; want it to name the path", err)
	}
	var n int
	st.DB().QueryRowContext(context.Background(), `SELECT count(*) FROM document_sequences`).Scan(&n)
	if n != 0 {
		t.Error("a document that cannot be drawn took a number")
	}
	// A step the case has not been through is still told as such.
	_, err = New(st, w.cases, Options{FontPath: "/nonexistent/none.ttf", Rules: w.book}).Render(w.staff(0, officer), c.ID, Decision)
	if apperr.CodeOf(err) != apperr.Conflict {
		t.Errorf("decision of a case only registered, without the font: %v, want Conflict", err)
	}
}

// BenchmarkRender measures rendering an issued document again (the font cached, the number
// stored): the cost of every download after the first.
func BenchmarkRender(b *testing.B) {
	pdfdoctest.NeedFont(b)
	w := newTown(b, storetest.Open(b, store.SQLite))
	c := w.decided(b, 0, "临监罚〔2026〕9号", true)
	for _, kind := range []Kind{Source, Filing, Notice, Hearing, Decision, Closure} {
		b.Run(string(kind), func(b *testing.B) {
			var size int
			for b.Loop() {
				size = len(w.mustRender(b, 0, c.ID, kind).PDF)
			}
			b.ReportMetric(float64(size), "bytes/doc")
		})
	}
}

// TestDecisionWithoutNumber: a decision row without its number (written around the
// service) issues no decision letter and takes no number.
func TestDecisionWithoutNumber(t *testing.T) {
	pdfdoctest.NeedFont(t)
	storetest.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newTown(t, st)
		c := w.register(t, 0)
		ctx := context.Background()
		_, err := st.DB().ExecContext(ctx, `INSERT INTO case_steps (case_id, step, done_on, recorded_by, recorded_at)
			VALUES ($1, 'decided', $2, 'system', $3)`, c.ID, c.Steps[0].DoneOn, c.Steps[0].RecordedAt)
		if err != nil {
			t.Fatal(err)
		}
		_, err = w.svc.Render(w.staff(0, officer), c.ID, Decision)
		if e := apperr.From(err); e.Code != apperr.Conflict || e.Key != "case_documents.decision_unnumbered" {
			t.Errorf("decision without a number: %v, want its Conflict", err)
		}
	})
}
