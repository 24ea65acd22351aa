package aws

import (
	"strings"

	"github.com/policecloud/landingzones/policy"
)

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-NET-007",
		Title: "Every VPC's default security group is adopted and closed (no ingress, no egress)",
		Description: "AWS gives every VPC a default security group that lets its members talk to each other and " +
			"reach anywhere. Anything launched without an explicit group lands in it. Adopting it with Pulumi " +
			"and removing every rule means a forgotten security group fails closed.",
		Pack:          policy.PackIsolation,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"3", "11"},
		ResourceTypes: []string{typeEC2Vpc, typeEC2DefaultSecurityGroup},
		Reads:         policy.Reads(typeEC2DefaultSecurityGroup, "vpcId", "ingress", "egress"),
		Remediation: "For every aws:ec2/vpc:Vpc create an aws:ec2/defaultSecurityGroup:DefaultSecurityGroup whose `vpcId` " +
			"is the VPC's ID (`vpc.ID()`), with no `ingress` and no `egress` entries (leave both unset or empty), " +
			"so that Pulumi removes AWS's default rules.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "vpc-default-security-group-closed"},
			{Source: "Security Hub", ID: "EC2.2"},
			{Source: "Checkov", ID: "CKV2_AWS_12"},
		},
		Waivable: true,
	},
	Check: func(_ *policy.Context, rs []*policy.Resource) []policy.Result {
		var out []policy.Result
		for _, vpc := range netOfType(rs, typeEC2Vpc) {
			res := netCheckDefaultSG(rs, vpc)
			out = append(out, netWithURN(res, vpc.URN))
			// A default security group that keeps rules is the resource to change: name it too.
			if sgs := policy.Referrers(rs, typeEC2DefaultSecurityGroup, "vpcId", vpc); res.Status == policy.StatusFail && len(sgs) > 0 {
				out = append(out, netWithURN(res, sgs[0].URN))
			}
		}
		return out
	},
})

func netCheckDefaultSG(rs []*policy.Resource, vpc *policy.Resource) policy.Result {
	const required = "the VPC's default security group must be adopted with an aws:ec2/defaultSecurityGroup " +
		"that has no ingress and no egress rules"
	sgs := policy.Referrers(rs, typeEC2DefaultSecurityGroup, "vpcId", vpc)
	if len(sgs) == 0 {
		if unlinked := netUnlinked(rs, typeEC2DefaultSecurityGroup, "vpcId"); len(unlinked) > 0 {
			return policy.Undecided("no default security group is linked to this VPC and the vpcId of %s is "+
				"computed; %s", netNames(unlinked), required)
		}
		return policy.Fail("no aws:ec2/defaultSecurityGroup adopts this VPC's default security group, which "+
			"AWS leaves open; %s", required)
	}
	sg := sgs[0]
	var open, unknown []string
	for _, dir := range []string{"ingress", "egress"} {
		items, k := policy.List(sg.Get(dir))
		switch {
		case k == policy.Unknown:
			unknown = append(unknown, dir)
		case len(items) > 0:
			open = append(open, netPlural(len(items), dir+" rule", dir+" rules"))
		}
	}
	switch {
	case len(open) > 0:
		return policy.Fail("default security group %s has %s; %s", sg.Name, strings.Join(open, " and "), required)
	case len(unknown) > 0:
		return policy.Undecided("default security group %s has %s computed; %s", sg.Name, strings.Join(unknown, " and "), required)
	default:
		return policy.Pass("default security group %s has no ingress and no egress rules", sg.Name)
	}
}
