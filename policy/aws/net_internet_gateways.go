package aws

import (
	"github.com/policecloud/landingzones/policy"
)

// netGatewayNames names the internet-facing resource types in messages.
var netGatewayNames = map[string]string{
	typeEC2InternetGateway:           "internet gateway",
	typeEC2EgressOnlyInternetGateway: "egress-only internet gateway",
	typeEC2NatGateway:                "NAT gateway",
	typeEC2Eip:                       "elastic IP",
}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-NET-003",
		Title: "Internet gateways, NAT gateways and elastic IPs exist only in the foundation's hub egress VPC",
		Description: "Tiers reach the internet (where their profile allows it at all) only through the hub's " +
			"egress VPC and its Network Firewall, so that every outbound connection is inspected and " +
			"allow-listed. An internet gateway, egress-only internet gateway, NAT gateway or elastic IP in a " +
			"tier stack would bypass the firewall; in the foundation they belong only to the egress VPC.",
		Pack:        policy.PackIsolation,
		Severity:    policy.SeverityCritical,
		Enforcement: policy.Mandatory,
		Principles:  []string{"11", "3"},
		ResourceTypes: []string{
			typeEC2InternetGateway,
			typeEC2EgressOnlyInternetGateway,
			typeEC2NatGateway,
			typeEC2Eip,
		},
		Reads: netReads(policy.Reads(typeEC2InternetGateway, "tags"), policy.Reads(typeEC2EgressOnlyInternetGateway, "tags"), policy.Reads(typeEC2NatGateway, "tags"), policy.Reads(typeEC2Eip, "tags")),
		Remediation: "Do not create aws:ec2/internetGateway:InternetGateway, " +
			"aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway, aws:ec2/natGateway:NatGateway or " +
			"aws:ec2/eip:Eip in a tier stack: route the tier's permitted egress to the Transit Gateway instead. " +
			"In the foundation stack, create them only for the hub egress VPC and tag each one `Role=hub-egress` " +
			"in its own `tags`.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "internet-gateway-authorized-vpc-only"},
		},
		Waivable: true,
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		what := netGatewayNames[r.Type]
		switch netStackRole(ctx) {
		case netRoleTier:
			return policy.Fail("%s in a tier stack; tiers reach the internet only through the foundation's hub "+
				"egress VPC (resources tagged Role=hub-egress)", what)
		case netRoleFoundation:
			hub, k := netTagIs(r, netTagRole, netHubEgress)
			switch {
			case k == policy.Unknown:
				return policy.Undecided("the Role tag of this %s is computed; in the foundation an internet-facing "+
					"resource must be tagged Role=hub-egress", what)
			case !hub:
				return policy.Fail("%s in the foundation is not tagged Role=hub-egress; only the hub egress VPC may "+
					"hold internet-facing gateways and addresses", what)
			default:
				return policy.Pass("%s belongs to the foundation's hub egress VPC (Role=hub-egress)", what)
			}
		default:
			return policy.Undecided("the stack's role (foundation or tier) is not known; this %s is allowed only in "+
				"the foundation's hub egress VPC", what)
		}
	},
})
