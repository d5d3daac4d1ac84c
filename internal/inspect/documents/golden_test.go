package documents

import (
	"testing"
	"time"

	"github.com/shejian/shejian/internal/calendar"
	"github.com/shejian/shejian/internal/inspect"
	"github.com/shejian/shejian/internal/pdfdoc"
	"github.com/shejian/shejian/internal/pdfdoc/pdfdoctest"
)

// goldenRecord is a fixed signed inspection: two inspectors, one general item failed, the
// operator refusing to sign before a witness.
func goldenRecord() (*inspect.SignedRecord, Facts) {
	at := time.Date(2026, 9, 24, 10, 30, 0, 0, calendar.China)
	checkIn := at.Add(-90 * time.Minute)
	items := []inspect.ChecklistItem{
		{Code: "1.1", Text: "食品经营许可证合法有效", Key: true},
		{Code: "4.2", Text: "生熟分开，防止交叉污染", LegalBasis: "食品安全法第三十三条"},
		{Code: "7.1", Text: "餐饮具清洗消毒"},
	}
	in := &inspect.Inspection{UUID: "00000000-0000-4000-8000-000000000001", Kind: inspect.Daily, SignedAt: &at,
		CheckIn: &inspect.CheckIn{At: checkIn, Method: "gps"},
		Answers: []inspect.ItemAnswer{{Item: "1.1", Answer: inspect.Pass}, {Item: "4.2", Answer: inspect.Fail, Note: "生熟砧板混用"},
			{Item: "7.1", Answer: inspect.NotApplicable}},
		Result: &inspect.Result{Outcome: inspect.BasicallyCompliant, Reason: inspect.ReasonWithinLimits,
			ReasonKey: "inspect.reason." + inspect.ReasonWithinLimits, Rule: inspect.ResultRule{MaxGeneralFailures: 8},
			KeyFailures: []string{}, GeneralFailures: []string{"4.2"}},
		Explanation: "stored in the inspector's language, not printed",
		Signatures: []inspect.Signature{
			{Signer: "inspector:1", Name: "王五", Evidence: "sig-1", SignedAt: at},
			{Signer: "inspector:2", Name: "赵六", Evidence: "sig-2", SignedAt: at},
			{Signer: inspect.OperatorSigner, Name: "张老板", Refused: true, Witness: "李四", SignedAt: at},
		}}
	rec := &inspect.SignedRecord{Inspection: in, Template: &inspect.ChecklistTemplate{Content: inspect.Content{Title: "餐饮服务监督检查要点表", Items: items}},
		SignatureImages: map[string][]byte{"sig-1": signaturePNG(0), "sig-2": signaturePNG(1)}}
	f := Facts{Facts: pdfdoc.Facts{Issuer: "江临市临江区市场监督管理局", Prefix: "江临市临江区市监", Station: "城关监管站",
		Business: pdfdoc.Business{Name: "江临老字号饭店", USCC: "91330102000000001X", LicenceNo: "JY23301020000001", LegalRep: "张老板", Address: "江临市临江区解放路1号"}},
		Inspectors:   []InspectorFact{{Name: "王五", CertificateNo: "33010220260001"}, {Name: "赵六"}},
		PublicURL:    "https://jianglin.example.cn/api/v1/public/inspections/00000000-0000-4000-8000-000000000001",
		DeadlineDays: 10, Due: "2026-10-16"}
	return rec, f
}

// TestGoldenDocuments compares each document with testdata/<kind>.txt and
// testdata/<kind>.pdf.sha256 (pdfdoctest.Golden).
func TestGoldenDocuments(t *testing.T) {
	pdfdoctest.NeedFont(t)
	rec, facts := goldenRecord()
	svc := &Service{opt: Options{FontPath: pdfdoc.FontPath()}}
	for i, kind := range Kinds {
		n := pdfdoc.Number{Seq: i + 1, Year: 2026, Kind: string(kind), Text: pdfdoc.NumberText(facts.Prefix, kind.word(), 2026, i+1)}
		doc, err := svc.render(rec, kind, &issued{Number: n, Facts: facts})
		if err != nil {
			t.Fatalf("render %s: %v", kind, err)
		}
		pdfdoctest.Golden(t, string(kind), doc.Text, doc.PDF)
	}
}
