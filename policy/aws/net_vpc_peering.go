package aws

import (
	"github.com/policecloud/landingzones/policy"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-NET-008",
		Title: "Tier stacks create no VPC peering: tiers meet only through the Transit Gateway",
		Description: "A VPC peering connection joins two VPCs directly, bypassing the Transit Gateway route tables " +
			"and the hub inspection that enforce the declared flows between tiers. Tier stacks therefore create " +
			"no peering connections and accept none.",
		Pack:        policy.PackIsolation,
		Severity:    policy.SeverityCritical,
		Enforcement: policy.Mandatory,
		Principles:  []string{"3"},
		ResourceTypes: []string{
			typeEC2VpcPeeringConnection,
			typeEC2VpcPeeringConnectionAccepter,
		},
		Remediation: "Remove aws:ec2/vpcPeeringConnection:VpcPeeringConnection and " +
			"aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter from tier stacks; declare the " +
			"connection as a flow so that the Transit Gateway routes it through the hub.",
		Waivable: true,
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		what := "VPC peering connection"
		if r.Type == typeEC2VpcPeeringConnectionAccepter {
			what = "VPC peering accepter"
		}
		switch netStackRole(ctx) {
		case netRoleTier:
			return policy.Fail("%s in a tier stack; tiers may meet only through the Transit Gateway, along declared flows", what)
		case netRoleFoundation:
			return policy.Pass("%s in the foundation, not in a tier stack (PCLZ-AWS-NET-014 checks Bronze's "+
				"paths through the hub)", what)
		default:
			return policy.Undecided("the stack's role (foundation or tier) is not known; a tier stack may hold no %s", what)
		}
	},
})
