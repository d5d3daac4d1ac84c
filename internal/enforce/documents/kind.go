package documents

import "github.com/shejian/shejian/internal/enforce"

// Kind is a kind of case document, as the URL names it.
type Kind string

// The kinds, in the order of the steps that issue them.
const (
	Source   Kind = "source"    // 案件来源登记表
	Filing   Kind = "filing"    // 立案审批表
	NotFiled Kind = "not_filed" // 不予立案审批表
	Notice   Kind = "notice"    // 行政处罚事先告知书, with the right to a hearing (听证告知)
	Hearing  Kind = "hearing"   // 听证笔录摘要
	Decision Kind = "decision"  // 行政处罚决定书
	Closure  Kind = "closure"   // 结案报告
	Transfer Kind = "transfer"  // 涉嫌犯罪案件移送书 (移送公安)
)

// Kinds lists every kind, in the order of the steps.
var Kinds = []Kind{Source, Filing, NotFiled, Notice, Hearing, Decision, Closure, Transfer}

// form is what a kind prints and which step issues it.
type form struct {
	title string
	word  string // the kind's word in the number: "…市监罚告〔2026〕3号"; none for the decision
	step  enforce.Step
	party bool // addressed to the party, who may read it once issued
}

var forms = map[Kind]form{
	Source:   {"案件来源登记表", "案源", enforce.Registered, false},
	Filing:   {"立案审批表", "立", enforce.Filed, false},
	NotFiled: {"不予立案审批表", "不立", enforce.NotFiled, false},
	Notice:   {"行政处罚事先告知书", "罚告", enforce.Notified, true},
	Hearing:  {"听证笔录摘要", "听", enforce.Heard, true},
	Decision: {"行政处罚决定书", "", enforce.Decided, true},
	Closure:  {"结案报告", "结", enforce.CaseClosed, false},
	Transfer: {"涉嫌犯罪案件移送书", "移", enforce.Transferred, false},
}

// Title is the document's title as printed.
func (k Kind) Title() string { return forms[k].title }
