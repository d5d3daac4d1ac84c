package inspect

import "github.com/shejian/shejian/internal/access"

// The permissions of inspections, to move beside the others in internal/access
// (as the template permissions were: access.InspectTemplateRead, InspectTemplateManage).
// Staff read inspections of their jurisdiction (and those they are seated on), operators
// their own business's signed ones; inspectors work them; a station or district head
// publishes results. The public projection needs no permission (web.Public).
const (
	PermInspectionRead    access.Permission = "inspect.inspection.read"    // list and open inspections, their evidence and the day's tasks
	PermInspectionWork    access.Permission = "inspect.inspection.work"    // create, assign, check in, answer, upload evidence, sign, correct
	PermInspectionPublish access.Permission = "inspect.inspection.publish" // publish signed results
)
