package aws

import (
	"fmt"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
)

const netBronzeAttachmentRequired = "bronze's transit gateway attachment must set " +
	"transitGatewayDefaultRouteTableAssociation and transitGatewayDefaultRouteTablePropagation to false and be " +
	"associated with the foundation's bronze route table"

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-NET-012",
		Title: "Bronze's Transit Gateway attachment avoids the default route table and is associated with Bronze's own",
		Description: "A Transit Gateway attachment that joins the default route table (by association or " +
			"propagation) shares routes with every other attachment, so Bronze could reach, and be reached by, " +
			"Gold, Platinum, the egress VPC and the PSN edge. Bronze's attachment must turn both off and be " +
			"associated with the isolated Bronze route table the foundation provides.",
		Pack:        policy.PackIsolation,
		Severity:    policy.SeverityCritical,
		Enforcement: policy.Mandatory,
		Principles:  []string{"3"},
		Tiers:       tier.IsolatedTiers(),
		ResourceTypes: []string{
			typeTGWVpcAttachment,
			typeTGWRouteTableAssociation,
		},
		Reads: netReads(policy.Reads(typeTGWVpcAttachment, "transitGatewayDefaultRouteTableAssociation", "transitGatewayDefaultRouteTablePropagation"), policy.Reads(typeTGWRouteTableAssociation, "transitGatewayAttachmentId", "transitGatewayRouteTableId")),
		Remediation: "On the Bronze stack's aws:ec2transitgateway/vpcAttachment:VpcAttachment set " +
			"`transitGatewayDefaultRouteTableAssociation: false` and `transitGatewayDefaultRouteTablePropagation: " +
			"false` explicitly, and create an aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation " +
			"with `transitGatewayAttachmentId` = the attachment's ID and `transitGatewayRouteTableId` = the " +
			"foundation's Bronze route table ID (read through a stack reference).",
		Waivable: false,
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		switch {
		case ctx.Tier == "" && netStackRole(ctx) == netRoleFoundation:
			return netEach(rs, policy.NotApplicable("foundation stack; bronze's attachment lives in the bronze tier stack"),
				typeTGWVpcAttachment)
		case !tier.IsIsolated(ctx.Tier):
			return netEach(rs, policy.Undecided("the stack's tier is not known; %s", netBronzeAttachmentRequired),
				typeTGWVpcAttachment)
		}
		var out []policy.Result
		for _, att := range netOfType(rs, typeTGWVpcAttachment) {
			out = append(out, netWithURN(netCheckBronzeAttachment(rs, att), att.URN))
		}
		return out
	},
})

func netCheckBronzeAttachment(rs []*policy.Resource, att *policy.Resource) policy.Result {
	var bad, unknown []string
	for _, f := range []string{"transitGatewayDefaultRouteTableAssociation", "transitGatewayDefaultRouteTablePropagation"} {
		on, k := policy.Bool(att.Get(f))
		switch {
		case k == policy.Unknown:
			unknown = append(unknown, f+" is computed")
		case k == policy.Absent:
			bad = append(bad, f+" is not set (AWS defaults it to true)")
		case on:
			bad = append(bad, f+" is true")
		}
	}
	assocs := policy.Referrers(rs, typeTGWRouteTableAssociation, "transitGatewayAttachmentId", att)
	var assocName string
	switch {
	case len(assocs) > 0:
		a := assocs[0]
		switch set, k := netIsSet(a, "transitGatewayRouteTableId"); {
		case k == policy.Unknown:
			unknown = append(unknown, fmt.Sprintf("the route table of association %s is computed", a.Name))
		case !set:
			bad = append(bad, fmt.Sprintf("association %s has no transitGatewayRouteTableId", a.Name))
		default:
			assocName = a.Name
		}
	case len(netUnlinked(rs, typeTGWRouteTableAssociation, "transitGatewayAttachmentId")) > 0:
		unknown = append(unknown, fmt.Sprintf("the attachment of %s is computed",
			netNames(netUnlinked(rs, typeTGWRouteTableAssociation, "transitGatewayAttachmentId"))))
	default:
		bad = append(bad, "no aws:ec2transitgateway/routeTableAssociation associates it with a route table")
	}
	switch {
	case len(bad) > 0:
		return policy.Fail("attachment %s: %s; %s", att.Name, netJoin(bad), netBronzeAttachmentRequired)
	case len(unknown) > 0:
		return policy.Undecided("attachment %s: %s; %s", att.Name, netJoin(unknown), netBronzeAttachmentRequired)
	}
	return policy.Pass("attachment %s stays off the default route table (association and propagation false) and "+
		"association %s puts it on its own route table", att.Name, assocName)
}
