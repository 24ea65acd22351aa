package azure

import (
	"regexp"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// statefulTypes are the Azure resources whose loss loses police data or evidence, with their ARM
// provider namespace and resource type.
var statefulTypes = map[string]struct{ What, Namespace, ResourceType string }{
	typeStorageAccount: {"storage account", "Microsoft.Storage", "storageAccounts"},
	typeKeyVault:       {"key vault", "Microsoft.KeyVault", "vaults"},
	typeRecoveryVault:  {"Recovery Services vault", "Microsoft.RecoveryServices", "vaults"},
	typeWorkspace:      {"Log Analytics workspace", "Microsoft.OperationalInsights", "workspaces"},
}

var resourceGroupScope = regexp.MustCompile(`(?i)^/subscriptions/[^/]+/resourceGroups/([^/]+)/?$`)

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-RES-004",
		Title: "Stateful resources carry a CanNotDelete lock where the tier requires it",
		Description: "Where the tier profile sets DeleteLocks, every storage account, Key Vault, Recovery " +
			"Services vault and Log Analytics workspace must be covered by a management lock with `level: " +
			"CanNotDelete`: an azure-native:authorization:ManagementLockByScope whose `scope` is the resource, its " +
			"resource group or the subscription; a ManagementLockAtResourceLevel naming it (`resourceName`, " +
			"`resourceGroupName`, `resourceProviderNamespace`, `resourceType`); a ManagementLockAtResourceGroupLevel " +
			"on its resource group; or a ManagementLockAtSubscriptionLevel.",
		Pack:          policy.PackResilience,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.6"},
		ResourceTypes: []string{typeStorageAccount, typeKeyVault, typeRecoveryVault, typeWorkspace, typeLockByScope, typeLockResource, typeLockGroup, typeLockSubscription},
		Remediation: "Add `azure-native:authorization:ManagementLockByScope` with `scope: <resource ID>` (or its " +
			"resource group's ID) and `level: \"CanNotDelete\"` for each stateful resource.",
		Waivable: true,
		Reads: sortedReads(slices.Concat(policy.Reads(typeLockByScope, "scope", "level"),
			policy.Reads(typeLockResource, "level", "resourceName", "resourceGroupName", "resourceProviderNamespace", "resourceType"),
			policy.Reads(typeLockGroup, "level", "resourceGroupName"), policy.Reads(typeLockSubscription, "level"))),
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		var out []policy.Result
		locks := ofType(rs, typeLockByScope, typeLockResource, typeLockGroup, typeLockSubscription)
		for _, t := range rs {
			if _, stateful := statefulTypes[t.Type]; stateful {
				out = append(out, withURN(lockedAgainstDelete(ctx, rs, locks, t), t))
			}
		}
		if len(out) == 0 {
			return []policy.Result{policy.NotApplicable("no stateful resources in this stack")}
		}
		return out
	},
})

// lockedAgainstDelete judges stateful resource t against the stack's locks (every lock of rs, in order).
func lockedAgainstDelete(ctx *policy.Context, rs, locks []*policy.Resource, t *policy.Resource) policy.Result {
	what := statefulTypes[t.Type].What
	if !ctx.HasTier() {
		return policy.Undecided("the stack's tier is not known, so whether delete locks are required is not known")
	}
	if !ctx.Profile.DeleteLocks {
		return policy.NotApplicable("the %s tier does not require delete locks", ctx.Tier.Title())
	}
	var results []policy.Result
	for _, l := range locks {
		where, covers := lockCovers(rs, l, t)
		if !covers {
			continue
		}
		name := displayName(l, "lockName")
		level, k := policy.Str(l.Get("level"))
		switch {
		case k == policy.Unknown:
			results = append(results, policy.Undecided("lock %q on %s has a computed level; it must be CanNotDelete", name, where))
		case eqFold(level, "CanNotDelete"):
			return policy.Pass("CanNotDelete lock %q on %s", name, where)
		default:
			results = append(results, policy.Fail("lock %q on %s has level %q; the %s needs a CanNotDelete lock", name, where, level, what))
		}
	}
	if len(results) == 0 {
		return policy.Fail("no CanNotDelete management lock covers this %s, its resource group or the subscription; add a ManagementLockByScope with scope set to its ID and level CanNotDelete", what)
	}
	return decide(policy.Result{}, results...)
}

// lockCovers reports whether lock l covers target t, and where the lock sits.
func lockCovers(rs []*policy.Resource, l, t *policy.Resource) (string, bool) {
	switch l.Type {
	case typeLockSubscription:
		return "the subscription", true
	case typeLockGroup:
		return "its resource group", sameName(l, t, "resourceGroupName")
	case typeLockResource:
		st := statefulTypes[t.Type]
		for _, f := range []struct{ prop, want string }{{"resourceProviderNamespace", st.Namespace}, {"resourceType", st.ResourceType}} {
			if v, k := policy.Str(l.Get(f.prop)); k == policy.Present && !strings.EqualFold(v, f.want) {
				return "", false
			}
		}
		named := dependsOn(l, "resourceName", t)
		if n, k := policy.Str(l.Get("resourceName")); k == policy.Present && strings.EqualFold(n, nameOf(t)) {
			named = true
		}
		return "the resource", named && sameName(l, t, "resourceGroupName")
	}
	// ManagementLockByScope.
	if refersAt(l, t, false, "scope") {
		return "the resource", true
	}
	for _, g := range ofType(rs, typeResourceGroup) {
		if refersAt(l, g, false, "scope") && refersByName(t, "resourceGroupName", g, "resourceGroupName") {
			return "its resource group", true
		}
	}
	scope, k := policy.Str(l.Get("scope"))
	if k != policy.Present {
		return "", false
	}
	if subscriptionScope.MatchString(scope) {
		return "the subscription", true
	}
	if m := resourceGroupScope.FindStringSubmatch(scope); m != nil {
		rg, rk := policy.Str(t.Get("resourceGroupName"))
		return "its resource group", rk == policy.Present && strings.EqualFold(rg, m[1])
	}
	return "", false
}
