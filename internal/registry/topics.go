package registry

// Journal topics the registry writes; other capabilities subscribe to them.
const (
	TopicBusinessCreated = "registry.business.created"
	TopicBusinessUpdated = "registry.business.updated"
	TopicBusinessStatus  = "registry.business.status"
	TopicOrgUnitChanged  = "registry.org_unit.changed"
	TopicPersonChanged   = "registry.person.changed"
)
