package aws

import (
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-RES-001",
		Title: "Tier VPC subnets span the tier's availability zones",
		Description: "A tier's workloads survive the loss of an availability zone only if its VPC has subnets " +
			"in as many availability zones as the tier profile requires (Platinum 3, Gold and Bronze 2). " +
			"Subnets are counted per VPC by their availabilityZone or availabilityZoneId input; when a VPC " +
			"mixes the two forms, each form is counted on its own and the larger count is used, so that a " +
			"zone named both ways is never counted twice. Foundation stacks are not covered.",
		Pack:          policy.PackResilience,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.6"},
		ResourceTypes: []string{typeEC2Vpc, typeEC2Subnet},
		Remediation: "Create at least profile.AvailabilityZones subnets in each tier VPC " +
			"(aws:ec2/subnet:Subnet with vpcId set to the VPC's id), each with an explicit, different " +
			"availabilityZone (eu-west-2a, eu-west-2b, eu-west-2c) or availabilityZoneId.",
		Waivable: true,
		Reads:    policy.Reads(typeEC2Subnet, "availabilityZone", "availabilityZoneId"),
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		var out []policy.Result
		for _, vpc := range resOfType(rs, typeEC2Vpc) {
			res := resCheckVpcAZs(ctx, rs, vpc)
			res.URN = vpc.URN
			out = append(out, res)
		}
		return out
	},
})

func resCheckVpcAZs(ctx *policy.Context, rs []*policy.Resource, vpc *policy.Resource) policy.Result {
	if resIsFoundation(ctx) {
		return policy.NotApplicable("VPC is in a foundation stack; the rule covers tier VPCs")
	}
	if !ctx.HasTier() {
		return resTierUnknown("the number of availability zones its subnets must span")
	}
	need := ctx.Profile.AvailabilityZones
	subnets := policy.Referrers(rs, typeEC2Subnet, "vpcId", vpc)
	if len(subnets) == 0 {
		// Nothing can run in a VPC with no subnets; once a subnet is added the rule judges the spread.
		return policy.NotApplicable("VPC has no subnets, so nothing runs in it; %s requires subnets in %s once it has any",
			resProfileName(ctx), resPlural(need, "availability zone"))
	}
	var names, ids []string
	var computed []string
	unset := 0
	for _, s := range subnets {
		name, nk := policy.Str(s.Get("availabilityZone"))
		id, ik := policy.Str(s.Get("availabilityZoneId"))
		switch {
		case nk == policy.Present && name != "":
			names = append(names, name)
		case ik == policy.Present && id != "":
			ids = append(ids, id)
		case nk == policy.Unknown || ik == policy.Unknown:
			computed = append(computed, s.Name)
		default:
			unset++
		}
	}
	slices.Sort(names)
	slices.Sort(ids)
	names, ids = slices.Compact(names), slices.Compact(ids)
	zones := names
	if len(ids) > len(names) {
		zones = ids
	}
	found := resPlural(len(zones), "availability zone")
	if len(zones) > 0 {
		found += " (" + strings.Join(zones, ", ") + ")"
	}
	if len(zones) >= need {
		return policy.Pass("VPC subnets span %s; %s requires %s", found, resProfileName(ctx), resPlural(need, "availability zone"))
	}
	if len(computed) > 0 {
		return policy.Undecided("VPC subnets span %s so far; the availability zone of subnet %s is computed; %s requires %s",
			found, strings.Join(computed, ", "), resProfileName(ctx), resPlural(need, "availability zone"))
	}
	msg := "VPC subnets span " + found + "; " + resProfileName(ctx) + " requires " + resPlural(need, "availability zone")
	if unset > 0 {
		msg += " (" + resPlural(unset, "subnet") + " without availabilityZone or availabilityZoneId not counted)"
	}
	return policy.Fail("%s", msg)
}
