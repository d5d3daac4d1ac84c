package documents

import (
	"testing"
	"time"

	"github.com/shejian/shejian/internal/enforce"
	"github.com/shejian/shejian/internal/pdfdoc"
	"github.com/shejian/shejian/internal/pdfdoc/pdfdoctest"
)

// goldenCase is a fixed case from a failed inspection: filed, investigated, notified,
// heard, decided (a warning, a fine and a confiscation), executed and closed.
func goldenCase() *enforce.Case {
	d := func(day int) time.Time { return time.Date(2026, 9, day, 0, 0, 0, 0, time.UTC) }
	due := func(day int) *time.Time { t := d(day); return &t }
	row := func(s enforce.Step, day int, due *time.Time, by, note string, facts map[string]any) enforce.CaseStep {
		return enforce.CaseStep{Step: s, DoneOn: d(day), DueOn: due, ApprovedBy: by, Note: note, Facts: facts,
			RecordedBy: "wangwu", RecordedAt: time.Date(2026, 9, day, 9, 30, 0, 0, time.UTC)}
	}
	dec := map[string]any{"document_number": "江临市临江区市监罚〔2026〕7号", "violation": "经营超过保质期的食品（酸奶12盒）",
		"offence": "fsl_124_1_5", "goods_value_yuan": 96.0, "measures": []any{"warning", "fine", "confiscation"},
		"fine_yuan": 50000.0, "confiscated_yuan": 96.0, "ban_months": 0.0, "severe": false}
	return &enforce.Case{ID: 12, InspectionUUID: "00000000-0000-4000-8000-000000000001", BusinessID: 3, DistrictID: 2, StationID: 4,
		Findings: enforce.Findings{KeyFailures: []string{"3.1"}, GeneralFailures: []string{"4.2", "7.1"}},
		Step:     enforce.CaseClosed, RegisteredOn: d(1), DocumentNumber: "江临市临江区市监罚〔2026〕7号",
		Steps: []enforce.CaseStep{
			row(enforce.Registered, 1, due(8), "", "", map[string]any{"source": "inspection", "inspection_uuid": "00000000-0000-4000-8000-000000000001"}),
			row(enforce.Filed, 2, due(30), "李局长", "同意立案", map[string]any{}),
			row(enforce.Investigated, 8, nil, "", "现场检查、询问笔录、抽样", map[string]any{}),
			row(enforce.Notified, 10, due(15), "", "警告，没收违法所得，并处罚款人民币50000元", map[string]any{}),
			row(enforce.Heard, 14, nil, "周主持", "当事人称系员工疏忽，已全部下架", map[string]any{}),
			row(enforce.Decided, 18, due(30), "李局长", "违法行为轻微但货值较小，依法处最低罚款", map[string]any{"decision": dec}),
			row(enforce.Executed, 25, nil, "", "", map[string]any{"paid_yuan": 50096.0}),
			row(enforce.CaseClosed, 28, nil, "李局长", "罚没款已缴清，同意结案", map[string]any{}),
		}}
}

// goldenEnded are two cases that end early: one not filed, one transferred to the police.
func goldenEnded() (notFiled, transferred *enforce.Case) {
	c := goldenCase()
	notFiled, transferred = &enforce.Case{}, &enforce.Case{}
	*notFiled, *transferred = *c, *c
	notFiled.Findings = enforce.Findings{KeyFailures: []string{}, GeneralFailures: []string{}, Note: "举报某店销售过期食品，经核查证据不足"}
	notFiled.Steps = []enforce.CaseStep{c.Steps[0], c.Steps[1]}
	notFiled.Steps[0].Facts = map[string]any{"source": "complaint", "source_ref": "12315-2026-0815"}
	notFiled.Steps[1].Step, notFiled.Steps[1].DueOn, notFiled.Steps[1].Note = enforce.NotFiled, nil, "证据不足，不予立案"
	transferred.Steps = []enforce.CaseStep{c.Steps[0], c.Steps[1], c.Steps[2], c.Steps[2]}
	transferred.Steps[3].Step, transferred.Steps[3].ApprovedBy, transferred.Steps[3].Note = enforce.Transferred, "李局长", "货值金额较大，涉嫌生产、销售不符合安全标准的食品罪"
	transferred.Steps[3].Facts = map[string]any{"police_unit": "江临市公安局临江分局"}
	return notFiled, transferred
}

func goldenFacts(kind Kind) Facts {
	f := Facts{Facts: pdfdoc.Facts{Issuer: "江临市临江区市场监督管理局", Prefix: "江临市临江区市监", Station: "城关监管站",
		Business: pdfdoc.Business{Name: "江临老字号饭店", USCC: "91330102000000001X", LicenceNo: "JY23301020000001",
			LegalRep: "张老板", Address: "江临市临江区解放路1号"}}}
	if kind == Decision {
		f.Offence = &OffenceFacts{Code: "fsl_124_1_5", Name: "经营标注虚假生产日期、保质期或者超过保质期的食品",
			Basis: "《中华人民共和国食品安全法》第一百二十四条第一款第五项"}
	}
	return f
}

// TestGoldenDocuments compares each kind with testdata/<kind>.txt and
// testdata/<kind>.pdf.sha256 (pdfdoctest.Golden).
func TestGoldenDocuments(t *testing.T) {
	pdfdoctest.NeedFont(t)
	notFiled, transferred := goldenEnded()
	svc := &Service{opt: Options{FontPath: pdfdoc.FontPath()}}
	for i, kind := range Kinds {
		c := goldenCase()
		switch kind {
		case NotFiled:
			c = notFiled
		case Transfer:
			c = transferred
		}
		n := pdfdoc.Number{Unit: 2, Kind: string(kind), Year: 2026, Seq: i + 1, Text: pdfdoc.NumberText("江临市临江区市监", forms[kind].word, 2026, i+1)}
		if kind == Decision {
			n.Seq, n.Text = 0, c.DocumentNumber
		}
		doc, err := svc.render(c, kind, &issued{Number: n, Facts: goldenFacts(kind)}, appealPeriods{days: 60, months: 6})
		if err != nil {
			t.Fatalf("render %s: %v", kind, err)
		}
		pdfdoctest.Golden(t, string(kind), doc.Text, doc.PDF)
	}
}
