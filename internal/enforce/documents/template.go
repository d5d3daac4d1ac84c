package documents

// The template texts below are the city's to adjust (wording, the reconsideration body,
// the court). [M] Their periods are not in statutes-verified.md: 60 days to apply for
// reconsideration is 行政复议法 (2023) art. 20; 6 months to sue is 行政诉讼法 art. 46.
const (
	// appealRights closes a decision: the party's right to reconsideration or a lawsuit.
	appealRights = "如不服本处罚决定，可以在收到本决定书之日起六十日内依法申请行政复议，也可以在六个月内依法向人民法院提起行政诉讼。" +
		"申请行政复议或者提起行政诉讼期间，本决定不停止执行，法律另有规定的除外。"
	// noticeRights tells the party of its right to state its case, defend itself and ask
	// for a hearing (听证告知) before the decision.
	noticeRights = "根据《中华人民共和国行政处罚法》的规定，你（单位）享有陈述、申辩的权利；拟作出的行政处罚属于听证范围的，" +
		"你（单位）有权要求举行听证。逾期未提出的，视为放弃上述权利。"
	// transferBasis is why a case goes to the police.
	transferBasis = "依照《行政执法机关移送涉嫌犯罪案件的规定》，现将该案移送你单位依法处理，并附案件相关材料。请在规定期限内书面告知是否立案。"
)
