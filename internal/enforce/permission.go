package enforce

import "github.com/shejian/shejian/internal/access"

// The permissions of rectifications and cases (internal/access).
const (
	PermRead    = access.EnforceRead
	PermWork    = access.EnforceWork
	PermApprove = access.EnforceApprove
)
