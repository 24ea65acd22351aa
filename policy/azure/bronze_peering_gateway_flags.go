package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-NET-009",
		Title: "Bronze peerings neither use nor offer gateways",
		Description: "The hub's VPN gateway is the PSN edge. A Bronze peering with `useRemoteGateways: true` " +
			"would let the gateway's routes (PSN) reach Bronze, and `allowGatewayTransit: true` would offer a " +
			"Bronze gateway to the hub. Both must be false (an absent flag is false in Azure).",
		Pack:          policy.PackIsolation,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"3", "11"},
		Tiers:         tier.IsolatedTiers(),
		ResourceTypes: []string{typePeering},
		Reads:         policy.Reads(typePeering, "useRemoteGateways", "allowGatewayTransit"),
		Remediation:   "Set `useRemoteGateways: false` and `allowGatewayTransit: false` on every Bronze peering.",
		Waivable:      false,
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		if res, stop := bronzeUnknown(ctx, r); stop {
			return res
		}
		flag := func(name, why string) policy.Result {
			b, k := policy.Bool(r.Get(name))
			switch {
			case k == policy.Unknown:
				return policy.Undecided("%s is computed; it must be false on a Bronze peering", name)
			case b:
				return policy.Fail("%s is true; %s", name, why)
			}
			return ok
		}
		return decide(policy.Pass("the peering neither uses nor offers gateways"),
			flag("useRemoteGateways", "Bronze must not use the hub's gateway, the PSN edge"),
			flag("allowGatewayTransit", "Bronze offers no gateway transit"))
	},
})
