package azure

import (
	"slices"
	"strconv"

	"github.com/policecloud/landingzones/policy"
)

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-AUD-004",
		Title: "Every tier virtual network and NSG is covered by a flow log",
		Description: "Flow logs record who talked to whom across the tiers, the evidence that only declared " +
			"flows happen. In tier stacks every virtual network needs an azure-native:network:FlowLog whose " +
			"`targetResourceId` is the virtual network, and every NSG needs one on itself or on the virtual " +
			"network its subnet belongs to (NSG flow logs are being retired in favour of virtual network flow " +
			"logs). Each flow log must be `enabled: true` and either send traffic analytics to the Log Analytics " +
			"workspace (`flowAnalyticsConfiguration.networkWatcherFlowAnalyticsConfiguration: {enabled: true, " +
			"workspaceResourceId}`) or keep logs for the tier's LogRetentionDays (`retentionPolicy: {enabled: " +
			"true, days}`; Azure caps this at 365 days, so use traffic analytics where the tier needs 400).",
		Pack:          policy.PackAudit,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"13", "5.3"},
		ResourceTypes: []string{typeVNet, typeNSG, typeFlowLog},
		Remediation: "For each spoke virtual network add a FlowLog with `targetResourceId: vnet.id`, `enabled: true`, " +
			"`storageId: <audit archive account ID>` and `flowAnalyticsConfiguration: {networkWatcherFlowAnalyticsConfiguration: " +
			"{enabled: true, workspaceResourceId: <workspace ID>, trafficAnalyticsInterval: 10}}`.",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Flow logs should be configured for every network security group (c251913d-7d24-4958-af87-478ed3b9ba41)"},
			{Source: "Checkov", ID: "CKV_AZURE_12"},
		},
		Waivable: true,
		Reads: sortedReads(slices.Concat(policy.Reads(typeFlowLog, "targetResourceId", "enabled", "retentionPolicy.enabled", "retentionPolicy.days",
			"flowAnalyticsConfiguration.networkWatcherFlowAnalyticsConfiguration"), policy.Reads(typeVNet, "subnets.networkSecurityGroup.id"))),
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		subjects := ofType(rs, typeVNet, typeNSG)
		if len(subjects) == 0 {
			return []policy.Result{policy.NotApplicable("no virtual networks or NSGs in this stack")}
		}
		var out []policy.Result
		for _, s := range subjects {
			out = append(out, withURN(flowLogged(ctx, rs, s), s))
		}
		return out
	},
})

// flowLogged decides one virtual network or NSG.
func flowLogged(ctx *policy.Context, rs []*policy.Resource, s *policy.Resource) policy.Result {
	what := "virtual network"
	if s.Type == typeNSG {
		what = "network security group"
	}
	switch ctx.Role {
	case "tier":
	case "foundation":
		return policy.NotApplicable("flow logs are required of tier stacks; the hub's are advisable but not checked")
	default:
		return policy.Undecided("the stack's role is not known; in a tier stack every %s needs a flow log", what)
	}
	if !ctx.HasTier() {
		return policy.Undecided("the stack's tier is not known, so the required log retention is not known")
	}
	var results []policy.Result
	for _, fl := range ofType(rs, typeFlowLog) {
		if refersAt(fl, s, false, "targetResourceId") {
			res := flowLogVerdict(ctx, fl)
			if res.Status == policy.StatusPass {
				return res
			}
			results = append(results, res)
		}
	}
	if s.Type == typeNSG {
		for _, v := range ofType(rs, typeVNet) {
			if !nsgInVNet(rs, s, v) {
				continue
			}
			for _, fl := range ofType(rs, typeFlowLog) {
				if refersAt(fl, v, false, "targetResourceId") {
					res := flowLogVerdict(ctx, fl)
					if res.Status == policy.StatusPass {
						return policy.Pass("covered by virtual network %s: %s", nameOf(v), res.Message)
					}
					results = append(results, res)
				}
			}
		}
	}
	if len(results) == 0 {
		return policy.Fail("no flow log records this %s; add an azure-native:network:FlowLog with targetResourceId set to it (or to its virtual network), enabled, with traffic analytics to Log Analytics", what)
	}
	return decide(policy.Result{}, results...)
}

// nsgInVNet reports whether the NSG protects a subnet of the virtual network (inline or Subnet resource).
func nsgInVNet(rs []*policy.Resource, nsg, v *policy.Resource) bool {
	if dependsOn(v, "subnets", nsg) {
		return true
	}
	subnets, _ := policy.List(v.Get("subnets"))
	for i := range subnets {
		if id, k := policy.Str(v.Get("subnets", i, "networkSecurityGroup", "id")); k == policy.Present && idEqual(id, nsg.ID) {
			return true
		}
	}
	for _, sb := range ofType(rs, typeSubnet) {
		if refersAt(sb, nsg, false, "networkSecurityGroup", "id") && refersByName(sb, "virtualNetworkName", v, "virtualNetworkName") {
			return true
		}
	}
	return false
}

// flowLogVerdict decides whether one flow log is enabled and kept long enough.
func flowLogVerdict(ctx *policy.Context, fl *policy.Resource) policy.Result {
	name := displayName(fl, "flowLogName")
	want := ctx.Profile.LogRetentionDays
	on, k := policy.Bool(fl.Get("enabled"))
	switch {
	case k == policy.Unknown:
		return policy.Undecided("flow log %q's enabled flag is computed; it must be true", name)
	case k == policy.Absent || !on:
		return policy.Fail("flow log %q is not enabled; set enabled: true", name)
	}
	ta := fl.Get("flowAnalyticsConfiguration", "networkWatcherFlowAnalyticsConfiguration")
	taOn, tk := policy.Bool(at(ta, "enabled"))
	ws := at(ta, "workspaceResourceId")
	if tk == policy.Unknown {
		return policy.Undecided("flow log %q's traffic analytics setting is computed; it must send to Log Analytics", name)
	}
	if taOn && (ws.IsComputed() || strOr(ws) != "") {
		return policy.Pass("flow log %q sends traffic analytics to Log Analytics", name)
	}
	keep, rk := policy.Bool(fl.Get("retentionPolicy", "enabled"))
	days, dk := policy.Int(fl.Get("retentionPolicy", "days"))
	if rk == policy.Unknown || dk == policy.Unknown {
		return policy.Undecided("flow log %q's retention policy is computed; it must keep logs %d days", name, want)
	}
	if keep && days >= want {
		return policy.Pass("flow log %q keeps logs %d days", name, days)
	}
	kept := "retention off"
	if keep {
		kept = "kept " + strconv.Itoa(days) + " days"
	}
	return policy.Fail("flow log %q neither sends traffic analytics to Log Analytics nor keeps logs %d days (%s)", name, want, kept)
}
