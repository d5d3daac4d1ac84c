package risk

import "github.com/shejian/shejian/internal/access"

// The permissions of risk grading. They belong beside the others in internal/access (its
// Permissions list and role matrix), where the lead moves them; the routes name them here
// until then.
const (
	PermRead      access.Permission = "risk.read"      // see grades, their explanation and history in scope
	PermWrite     access.Permission = "risk.write"     // record static factors and import history in scope
	PermGrade     access.Permission = "risk.grade"     // grade a business in scope now
	PermRecompute access.Permission = "risk.recompute" // recompute every grade of the city (city-wide scope)
)
