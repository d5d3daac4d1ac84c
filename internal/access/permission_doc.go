package access

import (
	"fmt"
	"strings"
)

// permissionNotes says in a few words what each permission covers, for the documentation.
var permissionNotes = map[Permission]string{
	EnforceRead:      "list and open rectifications (整改) and cases (立案查处) in scope; a business operator its own rectifications and its cases once decided",
	EnforceWork:      "record re-inspections, register case sources and record the working steps of a case in scope",
	EnforceApprove:   "approve a case's filing, decision, closure or transfer to police, and escalate overdue rectifications, in scope",
	BusinessRead:     "search and open businesses (phones masked in lists)",
	BusinessCreate:   "register a business at a station in scope",
	BusinessUpdate:   "edit a business in scope; it must stay in scope",
	BusinessStatus:   "close, suspend or reopen a business in scope",
	BusinessImport:   "import businesses from xlsx",
	BusinessExport:   "export businesses in scope to xlsx",
	OrgRead:          "browse org units in scope",
	OrgWrite:         "create, edit and delete org units in scope",
	PersonRead:       "list staff and coordinators in scope (masked)",
	PersonWrite:      "create, edit and delete people in scope",
	PersonalData:     "see phone and ID numbers unmasked on a detail or export (audited)",
	RulesRead:        "read the rules in force",
	RulesOverride:    "override a rule for the city",
	AuditRead:        "browse the audit log",
	UserManage:       "create, disable, enable and reset accounts in scope and set their roles, within one's own roles",
	TokenOwn:         "create, list and revoke one's own API tokens",
	TraceCapture:     "capture EPCIS events at places in scope; a business operator only at its own business's locations",
	TraceRead:        "read EPCIS events, capture jobs, traces, recalls and FSMA 204 exports in scope; a business operator only its own",
	DrawRead:         "read double-random draw tasks (双随机), their bundles and publication deadlines in scope",
	RiskRead:         "see risk grades (风险等级) explained point by point, with their history, in scope; a business operator its own",
	RiskWrite:        "record static risk factors and import inspection, sampling, penalty and complaint history in scope",
	RiskGrade:        "grade a business in scope now and keep the grade",
	RiskRecompute:    "recompute every business's grade (city-wide scope only)",
	CreditRead:       "see credit records (信用档案), the credit class explained line by line and repair requests in scope; a business operator its own",
	CreditWrite:      "record penalties, 经营异常 and 严重违法失信 listings in scope; publish, revoke, withdraw and remove them",
	CreditRepair:     "ask for credit repair (信用修复) of a record in scope; a business operator of its own",
	CreditDecide:     "decide credit-repair requests in scope (final)",
	CreditReclassify: "recompute every business's credit class (city-wide scope only)",
	DrawManage:       "keep the inspection list and the entity and inspector directories; create, draw and publish draw tasks in scope",

	InspectTemplateRead:   "list, open and export checklist templates (检查要点表) and judge answers under a version's result rule (city-wide data)",
	InspectTemplateManage: "draft, import, adjust and publish checklist template versions (a published version is final)",

	InspectionRead:    "list and open inspections (现场检查), their evidence and the day's tasks in scope or seated on; a business operator its own once signed",
	InspectionWork:    "create, assign, check in, answer, upload evidence, sign (seated inspectors) and correct inspections in scope",
	InspectionPublish: "publish the result of a signed inspection in scope (结果公开)",
}

// MatrixMarkdown renders the permission matrix as the Markdown table of docs/permissions.md.
func MatrixMarkdown() string {
	var b strings.Builder
	b.WriteString("| permission | what it allows |")
	for _, r := range Roles {
		fmt.Fprintf(&b, " %s |", r)
	}
	b.WriteString("\n|---|---|" + strings.Repeat("---|", len(Roles)) + "\n")
	for _, p := range Permissions {
		fmt.Fprintf(&b, "| `%s` | %s |", p, permissionNotes[p])
		for _, r := range Roles {
			mark := ""
			if r.Can(p) {
				mark = "✓"
			}
			fmt.Fprintf(&b, " %s |", mark)
		}
		b.WriteString("\n")
	}
	return b.String()
}
