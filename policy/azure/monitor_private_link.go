package azure

import (
	"fmt"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
)

const (
	typeDataCollectionRule     = "azure-native:insights:DataCollectionRule"
	typeDataCollectionEndpoint = "azure-native:insights:DataCollectionEndpoint"
	typeMonitorPrivateLink     = "azure-native:insights:PrivateLinkScope"
	typeMonitorScopedResource  = "azure-native:insights:PrivateLinkScopedResource"
)

// monitorPrivateLinkGroup is the private endpoint sub-resource (groupId) of an Azure Monitor private link
// scope.
const monitorPrivateLinkGroup = "azuremonitor"

// noEgressTiers are the tiers whose profile gives no route to the internet.
func noEgressTiers() []tier.Tier {
	var out []tier.Tier
	for _, p := range tier.Profiles() {
		if p.InternetEgress == tier.EgressNone {
			out = append(out, p.Tier)
		}
	}
	return out
}

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-AUD-009",
		Title: "On a tier with no internet egress, every data collection rule sends through a data collection endpoint reached over an Azure Monitor private link scope",
		Description: "The Azure Monitor agent sends what a data collection rule collects to Azure Monitor's public " +
			"ingestion endpoints unless the rule names a data collection endpoint; a tier with no internet egress " +
			"(Bronze) cannot reach them, so its machines' logs would never arrive and NCSC principle 13's audit " +
			"record would have a hole no alert shows. Every azure-native:insights:DataCollectionRule of such a " +
			"tier's stack must name (`dataCollectionEndpointId`) an azure-native:insights:DataCollectionEndpoint " +
			"of the stack with `networkAcls.publicNetworkAccess: Disabled`, held by an " +
			"azure-native:insights:PrivateLinkScopedResource (`linkedResourceId`) in an " +
			"azure-native:insights:PrivateLinkScope (`scopeName`) whose `accessModeSettings.ingestionAccessMode` " +
			"is PrivateOnly and which an azure-native:network:PrivateEndpoint of the stack reaches " +
			"(`privateLinkServiceConnections[].privateLinkServiceId`, groupId azuremonitor). A data collection " +
			"endpoint outside the stack is not known. A stack without a data collection rule is not covered. A " +
			"failure names the data collection rule.",
		Pack:        policy.PackAudit,
		Severity:    policy.SeverityHigh,
		Enforcement: policy.Mandatory,
		Principles:  []string{"13", "11"},
		Tiers:       noEgressTiers(),
		ResourceTypes: []string{typeDataCollectionRule, typeDataCollectionEndpoint, typeMonitorPrivateLink,
			typeMonitorScopedResource, typePrivateEndpoint},
		Remediation: "Create a data collection endpoint with `networkAcls.publicNetworkAccess: \"Disabled\"`, an Azure " +
			"Monitor private link scope with `accessModeSettings.ingestionAccessMode: \"PrivateOnly\"` (and " +
			"queryAccessMode PrivateOnly), scoped resources for the endpoint and the audit workspace, and a private " +
			"endpoint of the scope (groupId azuremonitor) in the tier's endpoint subnet with the privatelink.monitor, " +
			"oms, ods, agentsvc and blob DNS zones; set the data collection rule's `dataCollectionEndpointId` to the " +
			"endpoint (azurelz.NewTierEnvironment and NewWorkload do this for a tier with no internet egress).",
		References: []policy.Reference{
			{Source: "Microsoft Learn", ID: "Use Azure Private Link to connect networks to Azure Monitor"},
			{Source: "Microsoft Learn", ID: "Enable network isolation for Azure Monitor Agent by using Private Link"},
		},
		Waivable: true,
		Reads: slices.Concat(
			policy.Reads(typeDataCollectionRule, "dataCollectionEndpointId"),
			policy.Reads(typeDataCollectionEndpoint, "networkAcls.publicNetworkAccess"),
			policy.Reads(typeMonitorScopedResource, "linkedResourceId", "scopeName"),
			policy.Reads(typeMonitorPrivateLink, "scopeName", "accessModeSettings.ingestionAccessMode"),
			policy.Reads(typePrivateEndpoint, "privateLinkServiceConnections.privateLinkServiceId", "privateLinkServiceConnections.groupIds"),
		),
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		var out []policy.Result
		for _, r := range ofType(rs, typeDataCollectionRule) {
			switch {
			case !ctx.HasTier():
				out = append(out, withURN(policy.Undecided("the stack's tier is not known, so whether its machines can reach Azure Monitor's public endpoints is not known"), r))
			case ctx.Profile.InternetEgress != tier.EgressNone:
				out = append(out, withURN(policy.NotApplicable("the %s tier reaches Azure Monitor through the hub firewall", ctx.Tier.Title()), r))
			default:
				out = append(out, withURN(privatelySent(ctx, rs, r), r))
			}
		}
		if len(out) == 0 {
			return []policy.Result{policy.NotApplicable("no data collection rule in the stack")}
		}
		return out
	},
})

// privatelySent decides one data collection rule of a tier with no internet egress.
func privatelySent(ctx *policy.Context, rs []*policy.Resource, r *policy.Resource) policy.Result {
	why := fmt.Sprintf("the %s tier has no internet egress, so its machines' agents reach Azure Monitor only over a private link scope", ctx.Tier.Title())
	l := resolve(r, rs, typeDataCollectionEndpoint, "dataCollectionEndpointId")
	switch {
	case l.Absent:
		return policy.Fail("dataCollectionEndpointId is not set, so the machines send to Azure Monitor's public ingestion endpoints, which they cannot reach; %s", why)
	case l.Computed:
		return policy.Undecided("dataCollectionEndpointId is computed and names no data collection endpoint of the stack, so the path of the machines' logs is not known")
	case l.External != "":
		return policy.Undecided("dataCollectionEndpointId names %q, which is not in the stack, so the private link scope it is reached over is not known", l.External)
	}
	var fails, unknown []string
	for _, dce := range l.Targets {
		res := endpointPrivate(rs, dce)
		switch res.Status {
		case policy.StatusPass:
			return policy.Pass("sends through %s", res.Message)
		case policy.StatusUnknown:
			unknown = append(unknown, res.Message)
		default:
			fails = append(fails, res.Message)
		}
	}
	if len(fails) > 0 {
		return policy.Fail("%s; %s", strings.Join(fails, "; "), why)
	}
	return policy.Undecided("%s", strings.Join(unknown, "; "))
}

// endpointPrivate decides whether a data collection endpoint is reached only over a private link scope
// with ingestion PrivateOnly and a private endpoint; a pass's message describes the path.
func endpointPrivate(rs []*policy.Resource, dce *policy.Resource) policy.Result {
	switch pna, k := policy.Str(dce.Get("networkAcls", "publicNetworkAccess")); {
	case k == policy.Unknown:
		return policy.Undecided("data collection endpoint %s networkAcls.publicNetworkAccess is computed", dce.Name)
	case !strings.EqualFold(pna, "Disabled"):
		if k != policy.Present {
			pna = "not set (default Enabled)"
		}
		return policy.Fail("data collection endpoint %s networkAcls.publicNetworkAccess is %s, so it accepts data from the internet; set it to Disabled", dce.Name, pna)
	}
	var scoped []*policy.Resource
	for _, s := range ofType(rs, typeMonitorScopedResource) {
		if refersAt(s, dce, false, "linkedResourceId") {
			scoped = append(scoped, s)
		}
	}
	if len(scoped) == 0 {
		return policy.Fail("data collection endpoint %s is in no Azure Monitor private link scope of the stack (no PrivateLinkScopedResource links it)", dce.Name)
	}
	var fails, unknown []string
	for _, s := range scoped {
		var scope *policy.Resource
		for _, p := range ofType(rs, typeMonitorPrivateLink) {
			if refersByName(s, "scopeName", p, "scopeName") {
				scope = p
				break
			}
		}
		if scope == nil {
			n, _ := policy.Str(s.Get("scopeName"))
			unknown = append(unknown, fmt.Sprintf("scoped resource %s names private link scope %q, which is not in the stack", s.Name, n))
			continue
		}
		switch mode, k := policy.Str(scope.Get("accessModeSettings", "ingestionAccessMode")); {
		case k == policy.Unknown:
			unknown = append(unknown, fmt.Sprintf("private link scope %s accessModeSettings.ingestionAccessMode is computed", scope.Name))
			continue
		case mode != "PrivateOnly":
			if k != policy.Present {
				mode = "not set"
			}
			fails = append(fails, fmt.Sprintf("private link scope %s accessModeSettings.ingestionAccessMode is %s, not PrivateOnly, so the tier's agents may still be sent to public endpoints", scope.Name, mode))
			continue
		}
		pe := scopeEndpoint(rs, scope)
		if pe == nil {
			fails = append(fails, fmt.Sprintf("private link scope %s has no private endpoint (groupId %s) in the stack, so nothing in the tier's network reaches it", scope.Name, monitorPrivateLinkGroup))
			continue
		}
		return policy.Pass("data collection endpoint %s (public network access Disabled), in private link scope %s (ingestion PrivateOnly), reached by private endpoint %s", dce.Name, scope.Name, pe.Name)
	}
	if len(fails) > 0 {
		return policy.Fail("%s", strings.Join(fails, "; "))
	}
	return policy.Undecided("%s", strings.Join(unknown, "; "))
}

// scopeEndpoint is a private endpoint of the stack connected to the private link scope's azuremonitor
// sub-resource, or nil.
func scopeEndpoint(rs []*policy.Resource, scope *policy.Resource) *policy.Resource {
	for _, pe := range ofType(rs, typePrivateEndpoint) {
		conns, _ := policy.List(pe.Get("privateLinkServiceConnections"))
		for i := range conns {
			groups, _ := policy.Strings(pe.Get("privateLinkServiceConnections", i, "groupIds"))
			if !slices.ContainsFunc(groups, func(g string) bool { return strings.EqualFold(g, monitorPrivateLinkGroup) }) {
				continue
			}
			if refersAt(pe, scope, false, "privateLinkServiceConnections", i, "privateLinkServiceId") {
				return pe
			}
		}
	}
	return nil
}
