package aws

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// resVpcFixture is a Platinum tier VPC with one subnet in each of the three London zones. rs[0] is the
// VPC, rs[1..3] its subnets.
func resVpcFixture() []*policy.Resource {
	vpc := policytest.AWS(typeEC2Vpc, "platinum-vpc", map[string]any{"cidrBlock": "10.10.0.0/16"})
	rs := []*policy.Resource{vpc}
	for i, az := range []string{"eu-west-2a", "eu-west-2b", "eu-west-2c"} {
		s := policytest.AWS(typeEC2Subnet, "app-"+az[len(az)-1:], map[string]any{
			"vpcId":            policy.UnknownSentinel,
			"cidrBlock":        []string{"10.10.0.0/24", "10.10.1.0/24", "10.10.2.0/24"}[i],
			"availabilityZone": az,
		})
		policytest.Link(s, "vpcId", vpc)
		rs = append(rs, s)
	}
	return rs
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-RES-001",
	Resources:       resVpcFixture,
	Subject:         policytest.URN(typeEC2Vpc, "platinum-vpc"),
	BaselineMessage: "VPC subnets span 3 availability zones (eu-west-2a, eu-west-2b, eu-west-2c); the platinum profile requires 3 availability zones",
	Cases: []policytest.Case{
		{
			Name: "third subnet in eu-west-2a",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[3], "eu-west-2a", "availabilityZone")
			},
			Want:    policy.StatusFail,
			Message: "VPC subnets span 2 availability zones (eu-west-2a, eu-west-2b); the platinum profile requires 3 availability zones",
		},
		{
			Name:    "third subnet without a zone",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[3], "availabilityZone") },
			Want:    policy.StatusFail,
			Message: "VPC subnets span 2 availability zones (eu-west-2a, eu-west-2b); the platinum profile requires 3 availability zones (1 subnet without availabilityZone or availabilityZoneId not counted)",
		},
		{
			Name:    "third subnet in another VPC",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[3].PropertyDependencies = nil },
			Want:    policy.StatusFail,
			Message: "VPC subnets span 2 availability zones (eu-west-2a, eu-west-2b); the platinum profile requires 3 availability zones",
		},
		{
			Name: "no subnets",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				for _, s := range rs[1:] {
					s.PropertyDependencies = nil
				}
			},
			Want:    policy.StatusNotApplicable,
			Message: "VPC has no subnets, so nothing runs in it; the platinum profile requires subnets in 3 availability zones once it has any",
		},
		{
			Name:    "third subnet's zone computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[3], "availabilityZone") },
			Want:    policy.StatusUnknown,
			Message: "VPC subnets span 2 availability zones (eu-west-2a, eu-west-2b) so far; the availability zone of subnet app-c is computed; the platinum profile requires 3 availability zones",
		},
		{
			Name: "zone IDs instead of names",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				for i, s := range rs[1:] {
					policytest.Delete(s, "availabilityZone")
					policytest.Set(s, []string{"euw2-az2", "euw2-az3", "euw2-az1"}[i], "availabilityZoneId")
				}
			},
			Want:    policy.StatusPass,
			Message: "VPC subnets span 3 availability zones (euw2-az1, euw2-az2, euw2-az3); the platinum profile requires 3 availability zones",
		},
		{
			Name: "gold needs two zones",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *policy.NewContext("fixture", tier.Gold)
				policytest.Set(rs[3], "eu-west-2a", "availabilityZone")
			},
			Want:    policy.StatusPass,
			Message: "VPC subnets span 2 availability zones (eu-west-2a, eu-west-2b); the gold profile requires 2 availability zones",
		},
		{
			Name:    "foundation stack",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Role = "foundation" },
			Want:    policy.StatusNotApplicable,
			Message: "VPC is in a foundation stack; the rule covers tier VPCs",
		},
		{
			Name:    "tier unknown",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("fixture", "") },
			Want:    policy.StatusUnknown,
			Message: "the stack's tier is not known, so the number of availability zones its subnets must span is not known",
		},
	},
})
