package awslz

import (
	"fmt"
	"net/netip"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2transitgateway"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/netplan"
)

// ephemeralFrom and ephemeralTo bound the ports return traffic uses.
const ephemeralFrom, ephemeralTo = 1024, 65535

func newTierNetwork(ctx *pulumi.Context, c child, name string, a account, args *TierEnvironmentArgs, logsKey pulumi.StringInput) (*tierNetwork, error) {
	rng, _ := args.Plan.TierRange(args.Profile.Tier)
	azs := azNames(args.Region, args.Profile.AvailabilityZones)
	flows := flowsOf(args.Profile.Tier, args.Plan, args.Externals, args.Flows)
	n := &tierNetwork{}
	var err error
	if n.vpc, err = ec2.NewVpc(ctx, name+"-vpc", &ec2.VpcArgs{
		CidrBlock:          pulumi.String(rng.CIDR.String()),
		EnableDnsSupport:   pulumi.Bool(true),
		EnableDnsHostnames: pulumi.Bool(true),
		InstanceTenancy:    pulumi.String("default"),
		Tags:               c.tagged(name + "-vpc"),
	}, c.opts()...); err != nil {
		return nil, err
	}
	if err := closeDefaultSecurityGroup(ctx, c, name, n.vpc); err != nil {
		return nil, err
	}
	if err := newFlowLog(ctx, c, name, n.vpc, logsKey); err != nil {
		return nil, err
	}
	subnets := map[netplan.Role][]*ec2.Subnet{}
	var all []*ec2.Subnet
	var allNames []string
	for _, role := range []netplan.Role{netplan.RoleWorkload, netplan.RoleEndpoints, netplan.RoleTransit} {
		for _, s := range rng.SubnetsFor(role) {
			if s.AZ >= len(azs) {
				continue
			}
			sname := fmt.Sprintf("%s-%s-%s", name, role, azs[s.AZ])
			sub, err := ec2.NewSubnet(ctx, sname, &ec2.SubnetArgs{
				VpcId:               n.vpc.ID(),
				CidrBlock:           pulumi.String(s.CIDR.String()),
				AvailabilityZone:    pulumi.String(azs[s.AZ]),
				MapPublicIpOnLaunch: pulumi.Bool(false),
				Tags:                c.tagged(sname, "SubnetRole", string(role)),
			}, c.opts()...)
			if err != nil {
				return nil, err
			}
			subnets[role] = append(subnets[role], sub)
			all = append(all, sub)
			allNames = append(allNames, fmt.Sprintf("%s-%s", role, azs[s.AZ]))
		}
	}
	ids := func(ss []*ec2.Subnet) pulumi.StringArray {
		var out pulumi.StringArray
		for _, s := range ss {
			out = append(out, s.ID())
		}
		return out
	}
	n.workloadSubnets = ids(subnets[netplan.RoleWorkload]).ToStringArrayOutput()

	// The Transit Gateway attachment is associated with the tier's own route table, never the default.
	if n.attachment, err = ec2transitgateway.NewVpcAttachment(ctx, name+"-tgw-attachment", &ec2transitgateway.VpcAttachmentArgs{
		TransitGatewayId: args.Foundation.TransitGatewayID,
		VpcId:            n.vpc.ID(),
		SubnetIds:        ids(subnets[netplan.RoleTransit]),
		DnsSupport:       pulumi.String("enable"),
		TransitGatewayDefaultRouteTableAssociation: pulumi.Bool(false),
		TransitGatewayDefaultRouteTablePropagation: pulumi.Bool(false),
		Tags: c.tagged(name + "-tgw-attachment"),
	}, c.opts()...); err != nil {
		return nil, err
	}
	if _, err := ec2transitgateway.NewRouteTableAssociation(ctx, name+"-tgw-assoc", &ec2transitgateway.RouteTableAssociationArgs{
		TransitGatewayAttachmentId: n.attachment.ID(),
		TransitGatewayRouteTableId: args.Foundation.RouteTableID,
	}, c.opts()...); err != nil {
		return nil, err
	}
	// Return path: inspected traffic for this tier's range comes back through this attachment.
	if _, err := ec2transitgateway.NewRoute(ctx, name+"-tgw-return", &ec2transitgateway.RouteArgs{
		TransitGatewayRouteTableId: args.Foundation.InspectionRouteTableID,
		DestinationCidrBlock:       pulumi.String(rng.CIDR.String()),
		TransitGatewayAttachmentId: n.attachment.ID(),
		Blackhole:                  pulumi.Bool(false),
	}, c.opts()...); err != nil {
		return nil, err
	}

	// VPC routes: a tier with internet egress sends everything beyond its range to the hub; an
	// isolated tier routes only the far ends of its declared flows.
	var routes ec2.RouteTableRouteArray
	if !args.Profile.Isolated {
		routes = append(routes, &ec2.RouteTableRouteArgs{CidrBlock: pulumi.String(anywhere), TransitGatewayId: args.Foundation.TransitGatewayID})
	} else {
		seen := map[netip.Prefix]bool{}
		for _, f := range flows {
			if f.FarKind == netplan.EndpointInternet || f.ExternalKind == netplan.ExternalPSN || seen[f.Far] {
				continue
			}
			seen[f.Far] = true
			routes = append(routes, &ec2.RouteTableRouteArgs{CidrBlock: pulumi.String(f.Far.String()), TransitGatewayId: args.Foundation.TransitGatewayID})
		}
	}
	table, err := ec2.NewRouteTable(ctx, name+"-rt", &ec2.RouteTableArgs{
		VpcId:  n.vpc.ID(),
		Routes: routes,
		Tags:   c.tagged(name + "-rt"),
	}, c.opts(pulumi.DependsOn([]pulumi.Resource{n.attachment}))...)
	if err != nil {
		return nil, err
	}
	for i, s := range all {
		if _, err := ec2.NewRouteTableAssociation(ctx, fmt.Sprintf("%s-rt-assoc-%s", name, allNames[i]), &ec2.RouteTableAssociationArgs{
			SubnetId: s.ID(), RouteTableId: table.ID(),
		}, c.opts()...); err != nil {
			return nil, err
		}
	}
	if args.Profile.Isolated {
		if err := newIsolationACL(ctx, c, name, args, rng.CIDR, flows, n.vpc, ids(all)); err != nil {
			return nil, err
		}
	}
	if n.workloadSG, err = newWorkloadSG(ctx, c, name, args, rng.CIDR, flows, n.vpc); err != nil {
		return nil, err
	}
	if err := newEndpoints(ctx, c, name, a, rng.CIDR, n.vpc, ids(subnets[netplan.RoleEndpoints])); err != nil {
		return nil, err
	}
	return n, nil
}

// newWorkloadSG creates the workload security group: ingress and egress exactly as the declared flows
// say, HTTPS to the tier's own endpoints, and anything between members of the group.
func newWorkloadSG(ctx *pulumi.Context, c child, name string, args *TierEnvironmentArgs, own netip.Prefix, flows []tierFlow, vpc *ec2.Vpc) (*ec2.SecurityGroup, error) {
	var ingress ec2.SecurityGroupIngressArray
	egress := ec2.SecurityGroupEgressArray{&ec2.SecurityGroupEgressArgs{
		Description: pulumi.String("HTTPS to the tier's private endpoints"),
		Protocol:    pulumi.String("tcp"), FromPort: pulumi.Int(443), ToPort: pulumi.Int(443),
		CidrBlocks: pulumi.ToStringArray([]string{own.String()}),
	}}
	for _, f := range flows {
		for _, r := range portRanges(f) {
			from, to := sgPorts(f.Far, f, r)
			desc := pulumi.String(fmt.Sprintf("declared flow %s %s", map[bool]string{true: "to", false: "from"}[f.Outbound], f.FarName))
			if f.Outbound {
				egress = append(egress, &ec2.SecurityGroupEgressArgs{Description: desc, Protocol: pulumi.String(string(f.Protocol)),
					FromPort: pulumi.Int(from), ToPort: pulumi.Int(to), CidrBlocks: pulumi.ToStringArray([]string{f.Far.String()})})
			} else {
				ingress = append(ingress, &ec2.SecurityGroupIngressArgs{Description: desc, Protocol: pulumi.String(string(f.Protocol)),
					FromPort: pulumi.Int(from), ToPort: pulumi.Int(to), CidrBlocks: pulumi.ToStringArray([]string{f.Far.String()})})
			}
		}
	}
	ingress = append(ingress, &ec2.SecurityGroupIngressArgs{Description: pulumi.String("members of this group"),
		Protocol: pulumi.String("-1"), FromPort: pulumi.Int(0), ToPort: pulumi.Int(0), Self: pulumi.Bool(true)})
	if args.AllowPublicIngress {
		ingress = append(ingress, &ec2.SecurityGroupIngressArgs{Description: pulumi.String("public HTTPS (AllowPublicIngress)"),
			Protocol: pulumi.String("tcp"), FromPort: pulumi.Int(443), ToPort: pulumi.Int(443), CidrBlocks: pulumi.ToStringArray([]string{anywhere})})
	}
	return ec2.NewSecurityGroup(ctx, name+"-workload-sg", &ec2.SecurityGroupArgs{
		VpcId:               vpc.ID(),
		Description:         pulumi.String("Workloads of the " + args.Profile.Tier.Title() + " tier: declared flows only"),
		Ingress:             ingress,
		Egress:              egress,
		RevokeRulesOnDelete: pulumi.Bool(true),
		Tags:                c.tagged(name + "-workload-sg"),
	}, c.opts()...)
}

// newIsolationACL gives an isolated tier a network ACL that allows its own range and its declared
// flows (with their return traffic) and then denies every other tier's range outright.
func newIsolationACL(ctx *pulumi.Context, c child, name string, args *TierEnvironmentArgs, own netip.Prefix, flows []tierFlow, vpc *ec2.Vpc, subnetIDs pulumi.StringArray) error {
	type entry struct {
		proto    string
		cidr     string
		from, to int
	}
	var in, out []entry
	in = append(in, entry{"-1", own.String(), 0, 0})
	out = append(out, entry{"-1", own.String(), 0, 0})
	for _, f := range flows {
		if f.FarKind == netplan.EndpointInternet || f.ExternalKind == netplan.ExternalPSN {
			continue
		}
		proto := string(f.Protocol)
		for _, r := range portRanges(f) {
			from, to := int(r.From), int(r.To)
			if f.Protocol == netplan.ProtocolICMP {
				from, to = -1, -1
			}
			service := entry{proto, f.Far.String(), from, to}
			ret := entry{proto, f.Far.String(), ephemeralFrom, ephemeralTo}
			if f.Protocol == netplan.ProtocolICMP {
				ret = service
			}
			if f.Outbound {
				out, in = append(out, service), append(in, ret)
			} else {
				in, out = append(in, service), append(out, ret)
			}
		}
	}
	var denied []string
	for _, r := range args.Plan.Tiers {
		if r.Tier != args.Profile.Tier {
			denied = append(denied, r.CIDR.String())
		}
	}
	ingress := ec2.NetworkAclIngressArray{}
	for i, e := range in {
		ingress = append(ingress, &ec2.NetworkAclIngressArgs{RuleNo: pulumi.Int(100 + 10*i), Action: pulumi.String("allow"),
			Protocol: pulumi.String(e.proto), CidrBlock: pulumi.String(e.cidr), FromPort: pulumi.Int(e.from), ToPort: pulumi.Int(e.to),
			IcmpType: icmpField(e.proto), IcmpCode: icmpField(e.proto)})
	}
	egress := ec2.NetworkAclEgressArray{}
	for i, e := range out {
		egress = append(egress, &ec2.NetworkAclEgressArgs{RuleNo: pulumi.Int(100 + 10*i), Action: pulumi.String("allow"),
			Protocol: pulumi.String(e.proto), CidrBlock: pulumi.String(e.cidr), FromPort: pulumi.Int(e.from), ToPort: pulumi.Int(e.to),
			IcmpType: icmpField(e.proto), IcmpCode: icmpField(e.proto)})
	}
	for i, cidr := range denied {
		rule := pulumi.Int(30000 + 10*i)
		ingress = append(ingress, &ec2.NetworkAclIngressArgs{RuleNo: rule, Action: pulumi.String("deny"), Protocol: pulumi.String("-1"),
			CidrBlock: pulumi.String(cidr), FromPort: pulumi.Int(0), ToPort: pulumi.Int(0)})
		egress = append(egress, &ec2.NetworkAclEgressArgs{RuleNo: rule, Action: pulumi.String("deny"), Protocol: pulumi.String("-1"),
			CidrBlock: pulumi.String(cidr), FromPort: pulumi.Int(0), ToPort: pulumi.Int(0)})
	}
	_, err := ec2.NewNetworkAcl(ctx, name+"-isolation-acl", &ec2.NetworkAclArgs{
		VpcId:     vpc.ID(),
		SubnetIds: subnetIDs,
		Ingress:   ingress,
		Egress:    egress,
		Tags:      c.tagged(name + "-isolation-acl"),
	}, c.opts()...)
	return err
}

// icmpField sets ICMP type and code to "all" for ICMP entries.
func icmpField(proto string) pulumi.IntPtrInput {
	if proto == "icmp" {
		return pulumi.IntPtr(-1)
	}
	return nil
}

// newEndpoints creates the tier's interface endpoints, reachable over HTTPS from the tier's range and
// usable only by principals of the landing zone's account.
func newEndpoints(ctx *pulumi.Context, c child, name string, a account, own netip.Prefix, vpc *ec2.Vpc, subnetIDs pulumi.StringArray) error {
	sg, err := ec2.NewSecurityGroup(ctx, name+"-endpoints-sg", &ec2.SecurityGroupArgs{
		VpcId:       vpc.ID(),
		Description: pulumi.String("Private endpoints: HTTPS from the tier"),
		Ingress: ec2.SecurityGroupIngressArray{&ec2.SecurityGroupIngressArgs{
			Description: pulumi.String("HTTPS from the tier"), Protocol: pulumi.String("tcp"),
			FromPort: pulumi.Int(443), ToPort: pulumi.Int(443), CidrBlocks: pulumi.ToStringArray([]string{own.String()}),
		}},
		Egress:              ec2.SecurityGroupEgressArray{},
		RevokeRulesOnDelete: pulumi.Bool(true),
		Tags:                c.tagged(name + "-endpoints-sg"),
	}, c.opts()...)
	if err != nil {
		return err
	}
	policy := policyJSON(map[string]any{
		"Sid": "AccountPrincipalsOnly", "Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*",
		"Condition": map[string]any{"StringEquals": map[string]any{"aws:PrincipalAccount": a.id}},
	})
	for _, svc := range endpointServices {
		if _, err := ec2.NewVpcEndpoint(ctx, name+"-endpoint-"+svc, &ec2.VpcEndpointArgs{
			VpcId:             vpc.ID(),
			ServiceName:       pulumi.String("com.amazonaws." + a.region + "." + svc),
			VpcEndpointType:   pulumi.String("Interface"),
			SubnetIds:         subnetIDs,
			SecurityGroupIds:  pulumi.StringArray{sg.ID()},
			PrivateDnsEnabled: pulumi.Bool(svc != "s3"),
			Policy:            pulumi.String(policy),
			Tags:              c.tagged(name + "-endpoint-" + svc),
		}, c.opts()...); err != nil {
			return err
		}
	}
	return nil
}
