package inspect

import "github.com/shejian/shejian/internal/access"

// The permissions of checklist templates. They belong beside the others in internal/access
// (its Permissions list and role matrix), where the lead moves them; the routes name them
// here until then. Templates are city-wide data: every staff role reads them, the city admin
// manages them.
const (
	PermTemplateRead   access.Permission = "inspect.template.read"   // list, open and export checklist templates
	PermTemplateManage access.Permission = "inspect.template.manage" // draft, import and publish checklist template versions
)
