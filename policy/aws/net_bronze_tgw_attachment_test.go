package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AWS-NET-012",
	Context: netBronzeCtx,
	Subject: policytest.URN(typeTGWVpcAttachment, "bronze-tgw"),
	Resources: func() []*policy.Resource {
		att := policytest.AWS(typeTGWVpcAttachment, "bronze-tgw", map[string]any{
			"transitGatewayId": "tgw-hub", "vpcId": "vpc-bronze", "subnetIds": []any{"subnet-t-a", "subnet-t-b"},
			"transitGatewayDefaultRouteTableAssociation": false,
			"transitGatewayDefaultRouteTablePropagation": false,
		})
		assoc := policytest.AWS(typeTGWRouteTableAssociation, "bronze-tgw-assoc", map[string]any{
			"transitGatewayRouteTableId": "tgw-rtb-bronze",
		})
		policytest.SetComputed(assoc, "transitGatewayAttachmentId")
		policytest.Link(assoc, "transitGatewayAttachmentId", att)
		return []*policy.Resource{att, assoc}
	},
	BaselineMessage: "attachment bronze-tgw stays off the default route table (association and propagation false) and association bronze-tgw-assoc puts it on its own route table",
	Cases: []policytest.Case{
		{
			Name: "default association on",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], true, "transitGatewayDefaultRouteTableAssociation")
			},
			Want:    policy.StatusFail,
			Message: "attachment bronze-tgw: transitGatewayDefaultRouteTableAssociation is true; " + netBronzeAttachmentRequired,
		},
		{
			Name: "default propagation left to AWS's default",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "transitGatewayDefaultRouteTablePropagation")
			},
			Want:    policy.StatusFail,
			Message: "attachment bronze-tgw: transitGatewayDefaultRouteTablePropagation is not set (AWS defaults it to true); " + netBronzeAttachmentRequired,
		},
		{
			Name: "default propagation computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "transitGatewayDefaultRouteTablePropagation")
			},
			Want:    policy.StatusUnknown,
			Message: "attachment bronze-tgw: transitGatewayDefaultRouteTablePropagation is computed; " + netBronzeAttachmentRequired,
		},
		{
			Name:    "no route table association",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[1] = policytest.AWS(typeEC2Vpc, "bronze-vpc", nil) },
			Want:    policy.StatusFail,
			Message: "attachment bronze-tgw: no aws:ec2transitgateway/routeTableAssociation associates it with a route table; " + netBronzeAttachmentRequired,
		},
		{
			Name: "association without a route table ID",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], "", "transitGatewayRouteTableId")
			},
			Want:    policy.StatusFail,
			Message: "attachment bronze-tgw: association bronze-tgw-assoc has no transitGatewayRouteTableId; " + netBronzeAttachmentRequired,
		},
		{
			Name: "association route table computed with no dependency",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[1], "transitGatewayRouteTableId")
			},
			Want:    policy.StatusUnknown,
			Message: "attachment bronze-tgw: the route table of association bronze-tgw-assoc is computed; " + netBronzeAttachmentRequired,
		},
		{
			Name: "association route table from a stack reference at preview",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[1], "transitGatewayRouteTableId")
				rs[1].PropertyDependencies["transitGatewayRouteTableId"] = []string{policytest.URN("pulumi:pulumi:StackReference", "foundation")}
			},
			Want:    policy.StatusPass,
			Message: "attachment bronze-tgw stays off the default route table (association and propagation false) and association bronze-tgw-assoc puts it on its own route table",
		},
		{
			Name:    "association's attachment computed with no dependency",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[1].PropertyDependencies = nil },
			Want:    policy.StatusUnknown,
			Message: "attachment bronze-tgw: the attachment of bronze-tgw-assoc is computed; " + netBronzeAttachmentRequired,
		},
		{
			Name:    "foundation stack",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *netFoundationCtx() },
			Want:    policy.StatusNotApplicable,
			Message: "foundation stack; bronze's attachment lives in the bronze tier stack",
		},
		{
			Name:    "stack tier not known",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("unknown", "") },
			Want:    policy.StatusUnknown,
			Message: "the stack's tier is not known; " + netBronzeAttachmentRequired,
		},
	},
})
