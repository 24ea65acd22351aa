package config

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

// RoleOrganization is a landing zone's organisation stack, deployed first and one per landing zone: on
// AWS, from the organisation's management account, the organisational units, accounts, SCPs, the
// organisation trail, the security services and Identity Center (stack pos-org, org.go); on Azure the
// management groups, Azure Policy and privileged access (stack met-org).
const RoleOrganization Role = "organization"

// The keys of an Azure organization stack (cloud azure, role organization), without the namespace.
const (
	// KeyTenantID is the Entra tenant's ID: the tenant root management group.
	KeyTenantID = "tenantId"
	// KeySubscriptions maps each tier and platform management group to its subscription ID.
	KeySubscriptions = "subscriptions"
	// KeyAuditWorkspaceID is the foundation's audit Log Analytics workspace.
	KeyAuditWorkspaceID = "auditWorkspaceId"
	// KeyBreakGlassObjectIDs are the Entra object IDs of the two break-glass accounts.
	KeyBreakGlassObjectIDs = "breakGlassObjectIds"
	// KeySubscriptionID is the subscription an Azure foundation or tier stack deploys into: its entry in
	// the organization stack's subscriptions map.
	KeySubscriptionID = "subscriptionId"
)

// azureOrgKeys are the keys only an Azure organization stack sets.
var azureOrgKeys = []string{KeyTenantID, KeySubscriptions, KeyAuditWorkspaceID, KeyBreakGlassObjectIDs}

// AzurePlatformGroups are the platform management groups (under <root>-platform) a subscription may be
// placed in besides the tier groups, as azurelz.PlatformGroups names them.
var AzurePlatformGroups = []string{"management", "connectivity", "security"}

// BreakGlassAccounts is how many break-glass accounts an Azure organization stack names: two, as
// Microsoft's emergency access guidance asks, so that one lost credential does not lock the tenant out.
const BreakGlassAccounts = 2

const (
	allowGUID          = "a GUID such as 00000000-0000-0000-0000-000000000000"
	allowSubscriptions = "a map of tier or platform group (platinum, gold, bronze, management, connectivity, security) to subscription ID"
	allowWorkspace     = "/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>"
	allowBreakGlass    = "a list of the two break-glass accounts' Entra object IDs (GUIDs)"
	allowSubscription  = "a subscription ID (GUID) such as 00000000-0000-0000-0000-000000000000: the organization stack's subscriptions entry for the stack (management for the foundation, the tier's for a tier)"
)

// subscriptionID reads landingzone:subscriptionId: optional on an Azure foundation or tier stack.
func (l *loader) subscriptionID(s *Stack) {
	v, ok := l.get(KeySubscriptionID)
	switch {
	case !ok:
	case s.Role == RoleOrganization:
		l.bad(KeySubscriptionID, v, "is set on an organization stack", "only on role foundation or tier (the organization stack places subscriptions with "+qualify(KeySubscriptions)+")")
	case s.Cloud == CloudAWS:
		l.bad(KeySubscriptionID, v, "is set on an aws stack", "only on cloud azure (an AWS stack deploys into its account with "+qualify(KeyDeployRoleARN)+")")
	case !netplan.IsGUID(v):
		l.bad(KeySubscriptionID, v, "is not a subscription ID", allowSubscription)
	default:
		s.SubscriptionID = strings.ToLower(v)
	}
}

// AzureOrg is the configuration of an Azure organization stack.
type AzureOrg struct {
	// TenantID is the Entra tenant's ID, which is also the tenant root management group's.
	TenantID string
	// Subscriptions maps each tier name and, optionally, each platform group (AzurePlatformGroups) to
	// the subscription placed in its management group.
	Subscriptions map[string]string
	// AuditWorkspaceID is the audit Log Analytics workspace's resource ID (the foundation's): the
	// diagnostics policies deploy to it and the break-glass sign-in alert queries it.
	AuditWorkspaceID string
	// BreakGlassObjectIDs are the Entra object IDs of the break-glass accounts.
	BreakGlassObjectIDs []string
}

// azureOrg reads the keys of an Azure organization stack: required there, refused on every other
// stack; and refuses the foundation-only keys on an organization stack.
func (l *loader) azureOrg(s *Stack) {
	if s.Role != RoleOrganization || s.Cloud != CloudAzure {
		if s.Role == "" || s.Cloud == "" {
			return // the role or cloud is reported on its own line
		}
		for _, k := range azureOrgKeys {
			if _, ok := l.get(k); ok {
				l.add(k, "", "is set on a stack of cloud "+string(s.Cloud)+", role "+string(s.Role)+": allowed only on an azure organization stack")
			}
		}
		return
	}
	org := &AzureOrg{Subscriptions: map[string]string{}}
	if v, ok := l.required(KeyTenantID, allowGUID); ok {
		if netplan.IsGUID(v) {
			org.TenantID = v
		} else {
			l.bad(KeyTenantID, v, "is not a tenant ID", allowGUID)
		}
	}
	if v, ok := l.required(KeyAuditWorkspaceID, allowWorkspace); ok {
		if netplan.IsWorkspaceID(v) {
			org.AuditWorkspaceID = v
		} else {
			l.bad(KeyAuditWorkspaceID, v, "is not a Log Analytics workspace ID", allowWorkspace)
		}
	}
	l.subscriptions(org)
	l.breakGlass(org)
	s.AzureOrg = org
}

func (l *loader) subscriptions(org *AzureOrg) {
	v, ok := l.required(KeySubscriptions, allowSubscriptions)
	if !ok {
		return
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(v), &m); err != nil {
		l.add(KeySubscriptions, "", "is not a map: allowed "+allowSubscriptions)
		return
	}
	groups := slices.Concat(tier.Names(), AzurePlatformGroups)
	seen := map[string]string{}
	for _, k := range sortedMapKeys(m) {
		key := KeySubscriptions + "." + k
		id, isString := m[k].(string)
		switch {
		case !slices.Contains(groups, k):
			l.add(key, "", "unknown management group"+didYouMean(k, groups)+": allowed "+strings.Join(groups, ", "))
		case !isString || !netplan.IsGUID(id):
			l.bad(key, jsonText(m[k]), "is not a subscription ID", allowGUID)
		case seen[strings.ToLower(id)] != "":
			l.bad(key, id, "is also "+qualify(KeySubscriptions+"."+seen[strings.ToLower(id)]), "a different subscription per management group (a subscription sits in one group)")
		default:
			seen[strings.ToLower(id)] = k
			org.Subscriptions[k] = id
		}
	}
	for _, t := range tier.Names() {
		if _, ok := m[t]; !ok {
			l.missing(KeySubscriptions+"."+t, "for an azure organization stack", allowGUID+" (every tier has its own subscription)")
		}
	}
}

func (l *loader) breakGlass(org *AzureOrg) {
	list, ok := l.jsonList(KeyBreakGlassObjectIDs, allowBreakGlass)
	if !ok {
		return
	}
	if len(list) != BreakGlassAccounts {
		l.add(KeyBreakGlassObjectIDs, "", "lists "+jsonText(len(list))+" accounts: allowed "+allowBreakGlass)
	}
	seen := map[string]bool{}
	for i, x := range list {
		key := KeyBreakGlassObjectIDs + "[" + jsonText(i) + "]"
		id, isString := x.(string)
		switch {
		case !isString || !netplan.IsGUID(id):
			l.bad(key, jsonText(x), "is not an object ID", allowGUID)
		case seen[strings.ToLower(id)]:
			l.bad(key, id, "is repeated", "two different accounts")
		default:
			seen[strings.ToLower(id)] = true
			org.BreakGlassObjectIDs = append(org.BreakGlassObjectIDs, id)
		}
	}
}

func sortedMapKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// jsonText is v as its JSON text (a string without quotes).
func jsonText(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}
