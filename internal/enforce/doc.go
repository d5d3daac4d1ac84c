// Package enforce follows up what inspections find (执法): rectifications (整改) and cases
// (立案查处). It never imports the inspection package; it reacts to the journal.
//
// A signed inspection ("inspect.signed") whose only failures are general items orders a
// Rectification: the failed items, a deadline in working days (rule
// "enforce.rectification.deadline_working_days"), re-inspections (复查) that close it or set
// a new deadline, and escalation to the station's head when it goes overdue or fails its
// re-inspection. One rectification per inspection: a retried entry changes nothing and a
// correction of the inspection replaces the rectification of the corrected one.
//
// A key-item failure registers a case source (案件来源登记); so does an officer for a
// complaint, a failed sample or a referral (RegisterCase). A Case then runs through its
// steps in order — 立案审批, 调查取证, 处罚告知, 听证 (only when the party asked for one),
// 处罚决定, 执行, 结案 — or ends at 不予立案 or 移送公安; each step records who approved it,
// when, and the deadline of what comes next where the law sets one (rule set "enforce").
// The penalty decision is sealed (internal/seal) and published to the journal as
// "enforce.penalty.decided" (PenaltyDecided), which the credit file takes as a penalty; its
// publicity (Order 45) is the credit file's. A decision with a fine names its offence from
// the catalogue (违法行为目录, offence.go) and the goods value (货值金额); the fine must lie
// in the offence's range, rules "enforce.fine.*": a fixed range below the goods-value
// threshold, a multiple of the goods value from it. The case and rectification pages carry
// plain forms for the steps, hearing requests, case sources and re-inspections, and
// EscalateOnTicks escalates overdue rectifications city-wide once a day. Every write is audited, every step and every
// change of a rectification journaled (topics.go) for KPIs and dashboards.
package enforce
