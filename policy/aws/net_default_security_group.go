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
			"and removing every rule means a forgotten security group fails closed. Judged before create by the " +
			"twin PCLZ-AWS-NET-016 (the rules the adopted group keeps, on the group itself); judged here, only " +
			"after the resources exist: whether each VPC's default group is adopted. A VPC whose group the twin " +
			"reports is not applicable here, so one fault gives one finding.",
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
			out = append(out, netWithURN(netCheckDefaultSG(rs, vpc), vpc.URN))
		}
		return out
	},
})

// netDefaultSGRequired completes PCLZ-AWS-NET-007's and PCLZ-AWS-NET-016's messages.
const netDefaultSGRequired = "the VPC's default security group must be adopted with an aws:ec2/defaultSecurityGroup " +
	"that has no ingress and no egress rules"

// netDefaultSGTwin is the ID of PCLZ-AWS-NET-007's resource-level twin.
const netDefaultSGTwin = "PCLZ-AWS-NET-016"

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    netDefaultSGTwin,
		Title: "An adopted default security group keeps no ingress and no egress rules",
		Description: "The resource-level half of PCLZ-AWS-NET-007, judged on each aws:ec2/defaultSecurityGroup alone " +
			"so that `pulumi up` refuses one that keeps rules before it is applied (the engine runs stack rules " +
			"only after every step). Whether every VPC's default group is adopted at all stays with " +
			"PCLZ-AWS-NET-007, judged after the resources exist.",
		Pack:          policy.PackIsolation,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"11", "3"},
		ResourceTypes: []string{typeEC2DefaultSecurityGroup},
		Reads:         policy.Reads(typeEC2DefaultSecurityGroup, "ingress", "egress"),
		Remediation:   "Set `ingress: []` and `egress: []` on the aws:ec2/defaultSecurityGroup:DefaultSecurityGroup.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "vpc-default-security-group-closed"},
			{Source: "Security Hub", ID: "EC2.2"},
			{Source: "Checkov", ID: "CKV2_AWS_12"},
		},
		Waivable: true,
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result { return netDefaultSGOwn(r) },
})

// netDefaultSGOwn judges one adopted default security group on its own rules (PCLZ-AWS-NET-016).
func netDefaultSGOwn(sg *policy.Resource) policy.Result {
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
		return policy.Fail("default security group %s has %s; %s", sg.Name, strings.Join(open, " and "), netDefaultSGRequired)
	case len(unknown) > 0:
		return policy.Undecided("default security group %s has %s computed; %s", sg.Name, strings.Join(unknown, " and "), netDefaultSGRequired)
	default:
		return policy.Pass("default security group %s has no ingress and no egress rules", sg.Name)
	}
}

// netCheckDefaultSG decides whether vpc's default security group is adopted; what the adopted group keeps
// is PCLZ-AWS-NET-016's, so a group the twin reports is not applicable here (one fault, one finding).
func netCheckDefaultSG(rs []*policy.Resource, vpc *policy.Resource) policy.Result {
	sgs := policy.Referrers(rs, typeEC2DefaultSecurityGroup, "vpcId", vpc)
	if len(sgs) == 0 {
		if unlinked := netUnlinked(rs, typeEC2DefaultSecurityGroup, "vpcId"); len(unlinked) > 0 {
			return policy.Undecided("no default security group is linked to this VPC and the vpcId of %s is "+
				"computed; %s", netNames(unlinked), netDefaultSGRequired)
		}
		return policy.Fail("no aws:ec2/defaultSecurityGroup adopts this VPC's default security group, which "+
			"AWS leaves open; %s", netDefaultSGRequired)
	}
	res := netDefaultSGOwn(sgs[0])
	if res.Status != policy.StatusPass {
		return policy.JudgedByTwin("default security group", netDefaultSGTwin, sgs[:1])
	}
	return res
}
