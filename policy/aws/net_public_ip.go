package aws

import (
	"fmt"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-NET-004",
		Title: "Nothing gets a public IP address at launch (subnets, instances, launch templates, databases)",
		Description: "A public IP address makes an instance or database addressable from the internet as soon " +
			"as any route to an internet gateway exists. Police workloads are private: subnets do not assign " +
			"public addresses, instances and launch templates do not ask for one and RDS instances are not " +
			"publicly accessible. Only the foundation's hub egress subnets (tagged Role=hub-egress) are exempt.",
		Pack:        policy.PackIsolation,
		Severity:    policy.SeverityHigh,
		Enforcement: policy.Mandatory,
		Principles:  []string{"11", "3"},
		ResourceTypes: []string{
			typeEC2Subnet,
			typeEC2Instance,
			typeEC2LaunchTemplate,
			typeRDSInstance,
		},
		Reads: netReads(policy.Reads(typeEC2Subnet, "mapPublicIpOnLaunch", "assignIpv6AddressOnCreation", "tags"), policy.Reads(typeEC2Instance, "associatePublicIpAddress"), policy.Reads(typeEC2LaunchTemplate, "networkInterfaces", "networkInterfaces.associatePublicIpAddress"), policy.Reads(typeRDSInstance, "publiclyAccessible")),
		Remediation: "Leave `mapPublicIpOnLaunch` and `assignIpv6AddressOnCreation` unset or false on aws:ec2/subnet:Subnet " +
			"(the foundation's hub egress subnets tagged `Role=hub-egress` excepted; AWS IPv6 addresses are public), `associatePublicIpAddress` unset or false on " +
			"aws:ec2/instance:Instance, `networkInterfaces[].associatePublicIpAddress` unset or \"false\" on " +
			"aws:ec2/launchTemplate:LaunchTemplate, and `publiclyAccessible` unset or false on " +
			"aws:rds/instance:Instance.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "subnet-auto-assign-public-ip-disabled"},
			{Source: "AWS Config", ID: "ec2-instance-no-public-ip"},
			{Source: "AWS Config", ID: "rds-instance-public-access-check"},
			{Source: "Security Hub", ID: "EC2.9"},
			{Source: "Security Hub", ID: "EC2.15"},
			{Source: "Security Hub", ID: "RDS.2"},
			{Source: "Checkov", ID: "CKV_AWS_17"},
			{Source: "Checkov", ID: "CKV_AWS_88"},
			{Source: "Checkov", ID: "CKV_AWS_130"},
		},
		Waivable: true,
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		switch r.Type {
		case typeEC2Subnet:
			return netCheckSubnetPublicIP(ctx, r)
		case typeEC2Instance:
			return netCheckPublicFlag(r.Get("associatePublicIpAddress"), "associatePublicIpAddress",
				"instances must not have public IP addresses")
		case typeRDSInstance:
			return netCheckPublicFlag(r.Get("publiclyAccessible"), "publiclyAccessible",
				"databases must not be publicly accessible")
		default:
			return netCheckLaunchTemplatePublicIP(r)
		}
	},
})

// netCheckPublicFlag fails when a boolean that grants public exposure is true.
func netCheckPublicFlag(v policy.Value, name, required string) policy.Result {
	on, k := netBoolish(v)
	switch {
	case k == policy.Unknown:
		return policy.Undecided("%s is computed; %s", name, required)
	case on:
		return policy.Fail("%s is true; %s", name, required)
	default:
		return policy.Pass("%s is not true", name)
	}
}

// netBoolish reads a boolean that may arrive as a string ("true"), as launch template fields do.
func netBoolish(v policy.Value) (bool, policy.Known) {
	if b, k := policy.Bool(v); k != policy.Absent {
		return b, k
	}
	s, k := policy.Str(v)
	if k != policy.Present {
		return false, k
	}
	return strings.EqualFold(strings.TrimSpace(s), "true"), policy.Present
}

func netCheckSubnetPublicIP(ctx *policy.Context, r *policy.Resource) policy.Result {
	const required = "subnets must not give instances public IP addresses (only the foundation's hub egress " +
		"subnets, tagged Role=hub-egress, may)"
	// An IPv6 address AWS assigns is a global unicast address: public, whatever the subnet's routes.
	var on []string
	for _, f := range []string{"mapPublicIpOnLaunch", "assignIpv6AddressOnCreation"} {
		b, k := policy.Bool(r.Get(f))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("%s is computed; %s", f, required)
		case b:
			on = append(on, f)
		}
	}
	if len(on) == 0 {
		return policy.Pass("neither mapPublicIpOnLaunch nor assignIpv6AddressOnCreation is true")
	}
	what := on[0] + " is true"
	if len(on) > 1 {
		what = strings.Join(on, " and ") + " are true"
	}
	if netStackRole(ctx) != netRoleFoundation {
		if netStackRole(ctx) == "" {
			return policy.Undecided("%s and the stack's role is not known; %s", what, required)
		}
		return policy.Fail("%s; %s", what, required)
	}
	hub, tk := netTagIs(r, netTagRole, netHubEgress)
	switch {
	case tk == policy.Unknown:
		return policy.Undecided("%s and the Role tag is computed; %s", what, required)
	case !hub:
		return policy.Fail("%s; %s", what, required)
	default:
		return policy.Pass("%s on the foundation's hub egress subnet (Role=hub-egress)", what)
	}
}

func netCheckLaunchTemplatePublicIP(r *policy.Resource) policy.Result {
	const required = "launch templates must not give instances public IP addresses"
	nics, k := policy.List(r.Get("networkInterfaces"))
	if k == policy.Unknown {
		return policy.Undecided("networkInterfaces is computed; %s", required)
	}
	var public, unknown []string
	for i := range nics {
		name := fmt.Sprintf("networkInterfaces[%d].associatePublicIpAddress", i)
		on, k := netBoolish(r.Get("networkInterfaces", i, "associatePublicIpAddress"))
		switch {
		case k == policy.Unknown:
			unknown = append(unknown, name)
		case on:
			public = append(public, name)
		}
	}
	switch {
	case len(public) > 0:
		return policy.Fail("%s is true; %s", strings.Join(public, ", "), required)
	case len(unknown) > 0:
		return policy.Undecided("%s is computed; %s", strings.Join(unknown, ", "), required)
	default:
		return policy.Pass("no network interface asks for a public IP address (%s checked)",
			netPlural(len(nics), "network interface", "network interfaces"))
	}
}
