// Package documents renders the standard documents (文书) of an enforcement case (立案查处)
// as PDF, one per step that has a standard form (issue 6 item 7):
//
//   - 案件来源登记表 (source): where the lead came from and what it reported.
//   - 立案审批表 (filing) or 不予立案审批表 (not_filed): the head's decision to open a case
//     or not.
//   - 行政处罚事先告知书 (notice): the intended penalty and the party's rights to state its
//     case, defend itself and ask for a hearing (听证告知) by the notice's deadline.
//   - 听证笔录摘要 (hearing): when the party asked for a hearing, its summary.
//   - 行政处罚决定书 (decision): the sealed decision: violation, measures, fine and
//     confiscation, the payment deadline and the party's appeal rights (template text).
//   - 结案报告 (closure): the case from source to closure, with what was paid.
//   - 涉嫌犯罪案件移送书 (transfer): the transfer of the case to the police (移送公安).
//
// A document is issued once per case and kind, when its step has been recorded: the first
// request takes a number (文号, "江临市临江区市监罚告〔2026〕3号") from the district bureau's
// sequence of that kind and year (internal/pdfdoc), in the transaction that records the
// document with the registry facts it shows (frozen then). The decision prints the number
// its sealed record carries. Every later request renders the same bytes: the case's steps
// are only ever added and the facts are frozen. Documents are scoped like the case itself
// (out of scope answers 404); staff who may work on cases issue them; the party (operator)
// reads the notice, hearing summary and decision once issued.
package documents
