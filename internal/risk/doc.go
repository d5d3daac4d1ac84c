// Package risk grades food businesses by risk (风险分级): static points from facts about the
// business (静态风险因素), dynamic points from its supervision record (动态风险因素) and, under
// the 2022 draft, credit points (通用信用风险), giving a grade A–D, the triggers that raised
// or lowered it, the inspections it needs next year and an explanation of every point. Every
// number comes from the rule book (internal/rules); grading itself is a pure function. From
// the grades in force follow the annual inspection plan of an org unit (年度监督检查计划),
// its progress and the overdue list of each station (plan_*.go).
//
// The record is imported history (import*.go) and the inspections signed in the inspect
// capability, taken from the journal (inspection_feed.go); each event is one fact under its
// key (events_store.go), so a file imported twice or an entry delivered twice counts once,
// and the record of each business is kept packed in one row too (record_pack.go). The bulk
// recompute reads those rows, writes grades in a compact binary form (grade_codec.go) and
// runs as a background job with its progress kept in the database (recompute_job*.go).
//
// A bureau user records a business's static factors and grades it from its grade page
// (grade_forms.go, factors_form.go), and imports history on the import page
// (history_import_page.go), over the same service methods as the API.
package risk
