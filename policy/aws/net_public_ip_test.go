package aws

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AWS-NET-004",
	Context: func() *policy.Context { return netTierCtx(tier.Gold) },
	Resources: func() []*policy.Resource {
		return []*policy.Resource{policytest.AWS(typeEC2Subnet, "gold-workload-a", map[string]any{
			"vpcId": "vpc-1", "cidrBlock": "10.128.0.0/24", "availabilityZone": "eu-west-2a",
			"mapPublicIpOnLaunch": false,
		})}
	},
	BaselineMessage: "neither mapPublicIpOnLaunch nor assignIpv6AddressOnCreation is true",
	Cases: []policytest.Case{
		{
			Name:    "subnet maps public IPs",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], true, "mapPublicIpOnLaunch") },
			Want:    policy.StatusFail,
			Message: "mapPublicIpOnLaunch is true; subnets must not give instances public IP addresses (only the foundation's hub egress subnets, tagged Role=hub-egress, may)",
		},
		{
			Name:    "subnet flag computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "mapPublicIpOnLaunch") },
			Want:    policy.StatusUnknown,
			Message: "mapPublicIpOnLaunch is computed; subnets must not give instances public IP addresses (only the foundation's hub egress subnets, tagged Role=hub-egress, may)",
		},
		{
			Name: "subnet assigns IPv6 addresses",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], true, "assignIpv6AddressOnCreation")
			},
			Want:    policy.StatusFail,
			Message: "assignIpv6AddressOnCreation is true; subnets must not give instances public IP addresses (only the foundation's hub egress subnets, tagged Role=hub-egress, may)",
		},
		{
			Name: "subnet IPv6 flag computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "assignIpv6AddressOnCreation")
			},
			Want:    policy.StatusUnknown,
			Message: "assignIpv6AddressOnCreation is computed; subnets must not give instances public IP addresses (only the foundation's hub egress subnets, tagged Role=hub-egress, may)",
		},
		{
			Name:    "subnet flag absent",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "mapPublicIpOnLaunch") },
			Want:    policy.StatusPass,
			Message: "neither mapPublicIpOnLaunch nor assignIpv6AddressOnCreation is true",
		},
		{
			Name: "hub egress subnet in the foundation",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *netFoundationCtx()
				policytest.Set(rs[0], true, "mapPublicIpOnLaunch")
				policytest.Set(rs[0], "hub-egress", "tags", "Role")
			},
			Want:    policy.StatusPass,
			Message: "mapPublicIpOnLaunch is true on the foundation's hub egress subnet (Role=hub-egress)",
		},
		{
			Name: "untagged public subnet in the foundation",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *netFoundationCtx()
				policytest.Set(rs[0], true, "mapPublicIpOnLaunch")
			},
			Want:    policy.StatusFail,
			Message: "mapPublicIpOnLaunch is true; subnets must not give instances public IP addresses (only the foundation's hub egress subnets, tagged Role=hub-egress, may)",
		},
		{
			Name: "public subnet in the foundation, Role tag computed",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *netFoundationCtx()
				policytest.Set(rs[0], true, "mapPublicIpOnLaunch")
				policytest.SetComputed(rs[0], "tags", "Role")
			},
			Want:    policy.StatusUnknown,
			Message: "mapPublicIpOnLaunch is true and the Role tag is computed; subnets must not give instances public IP addresses (only the foundation's hub egress subnets, tagged Role=hub-egress, may)",
		},
		{
			Name: "public subnet, stack role unknown",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *policy.NewContext("unknown", "")
				policytest.Set(rs[0], true, "mapPublicIpOnLaunch")
			},
			Want:    policy.StatusUnknown,
			Message: "mapPublicIpOnLaunch is true and the stack's role is not known; subnets must not give instances public IP addresses (only the foundation's hub egress subnets, tagged Role=hub-egress, may)",
		},
		{
			Name: "instance with a public IP",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeEC2Instance, "app", map[string]any{"ami": "ami-1", "associatePublicIpAddress": true})
			},
			Want:    policy.StatusFail,
			Message: "associatePublicIpAddress is true; instances must not have public IP addresses",
		},
		{
			Name: "instance public IP computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeEC2Instance, "app", map[string]any{"ami": "ami-1"})
				policytest.SetComputed(rs[0], "associatePublicIpAddress")
			},
			Want:    policy.StatusUnknown,
			Message: "associatePublicIpAddress is computed; instances must not have public IP addresses",
		},
		{
			Name: "private instance",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeEC2Instance, "app", map[string]any{"ami": "ami-1", "associatePublicIpAddress": false})
			},
			Want:    policy.StatusPass,
			Message: "associatePublicIpAddress is not true",
		},
		{
			Name: "launch template asking for a public IP",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeEC2LaunchTemplate, "lt", map[string]any{
					"networkInterfaces": []any{
						map[string]any{"deviceIndex": 0, "associatePublicIpAddress": "false"},
						map[string]any{"deviceIndex": 1, "associatePublicIpAddress": "true"},
					},
				})
			},
			Want:    policy.StatusFail,
			Message: "networkInterfaces[1].associatePublicIpAddress is true; launch templates must not give instances public IP addresses",
		},
		{
			Name: "launch template without public IPs",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeEC2LaunchTemplate, "lt", map[string]any{
					"networkInterfaces": []any{map[string]any{"deviceIndex": 0, "associatePublicIpAddress": "false"}},
				})
			},
			Want:    policy.StatusPass,
			Message: "no network interface asks for a public IP address (1 network interface checked)",
		},
		{
			Name: "launch template flag computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeEC2LaunchTemplate, "lt", map[string]any{
					"networkInterfaces": []any{map[string]any{"deviceIndex": 0}},
				})
				policytest.SetComputed(rs[0], "networkInterfaces", 0, "associatePublicIpAddress")
			},
			Want:    policy.StatusUnknown,
			Message: "networkInterfaces[0].associatePublicIpAddress is computed; launch templates must not give instances public IP addresses",
		},
		{
			Name: "launch template interfaces computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeEC2LaunchTemplate, "lt", map[string]any{})
				policytest.SetComputed(rs[0], "networkInterfaces")
			},
			Want:    policy.StatusUnknown,
			Message: "networkInterfaces is computed; launch templates must not give instances public IP addresses",
		},
		{
			Name: "publicly accessible database",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeRDSInstance, "db", map[string]any{"engine": "postgres", "publiclyAccessible": true})
			},
			Want:    policy.StatusFail,
			Message: "publiclyAccessible is true; databases must not be publicly accessible",
		},
		{
			Name: "private database",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeRDSInstance, "db", map[string]any{"engine": "postgres"})
			},
			Want:    policy.StatusPass,
			Message: "publiclyAccessible is not true",
		},
	},
})
