package policy

// organizationTypes are types only an organisation stack declares: the landing zone's management groups
// and where its subscriptions sit. A stack with no stack file that holds one is an organisation stack
// (role "organization"), even though it also holds tagged resources.
var organizationTypes = map[string]bool{
	"azure-native:management:ManagementGroup":             true,
	"azure-native:management:ManagementGroupSubscription": true,
}
