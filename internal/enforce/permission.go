package enforce

import "github.com/shejian/shejian/internal/access"

// The permissions of rectifications and cases, to move beside the others in
// internal/access. Staff read what lies in their jurisdiction and operators their own
// business's rectifications; inspectors work them; a head approves the steps of a case that
// need approval (立案, 处罚决定, 结案, 移送公安).
const (
	PermRead    access.Permission = "enforce.read"    // list and open rectifications and cases
	PermWork    access.Permission = "enforce.work"    // record re-inspections and the working steps of a case
	PermApprove access.Permission = "enforce.approve" // approve filing, decision, closure and transfer to police
)
