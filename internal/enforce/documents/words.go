package documents

import (
	"strings"

	"github.com/shejian/shejian/internal/enforce"
)

// The words documents print for enforce's codes; an unknown code prints as itself.
var (
	sourceTexts = map[string]string{"inspection": "监督检查", "complaint": "投诉举报", "sampling": "抽检不合格",
		"referral": "有关部门移送、交办", "other": "其他"}
	// measureTexts name the kinds of penalty as 行政处罚法 art. 9 does.
	measureTexts = map[string]string{"warning": "警告", "criticism": "通报批评", "fine": "罚款", "confiscation": "没收违法所得、没收非法财物",
		"downgrade": "降低资质等级", "licence_revoked": "吊销许可证件", "business_restrict": "限制开展生产经营活动",
		"practice_ban": "限制从业", "suspension": "责令停产停业", "closure": "责令关闭", "charter_revoked": "吊销营业执照"}
	stepTexts = map[enforce.Step]string{enforce.Registered: "案件来源登记", enforce.Filed: "立案审批", enforce.Investigated: "调查取证",
		enforce.Notified: "处罚告知", enforce.Heard: "听证", enforce.Decided: "处罚决定", enforce.Executed: "执行",
		enforce.CaseClosed: "结案", enforce.NotFiled: "不予立案", enforce.Transferred: "移送公安"}
)

// label is the word of code in words, or the code itself.
func label[K ~string](words map[K]string, code K) string {
	if w, ok := words[code]; ok {
		return w
	}
	return string(code)
}

// join lists codes or words with the Chinese enumeration comma.
func join(xs []string) string { return strings.Join(xs, "、") }
