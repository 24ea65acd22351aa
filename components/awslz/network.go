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
	intent := args.intent()
	flows := intent.FlowsOf(args.Profile.Tier)
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
	// isolated tier routes only the far ends of its declared flows (vpcRoutes).
	var routes ec2.RouteTableRouteArray
	for _, cidr := range vpcRoutes(intent, args.Profile) {
		routes = append(routes, &ec2.RouteTableRouteArgs{CidrBlock: pulumi.String(cidr), TransitGatewayId: args.Foundation.TransitGatewayID})
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
		if err := newIsolationACL(ctx, c, name, args, rng.CIDR, intent, n.vpc, ids(all)); err != nil {
			return nil, err
		}
	}
	if n.workloadSG, err = newWorkloadSG(ctx, c, name, args, rng.CIDR, flows, n.vpc); err != nil {
		return nil, err
	}
	if n.endpoints, err = newEndpoints(ctx, c, name, a, rng.CIDR, n.vpc, ids(subnets[netplan.RoleEndpoints])); err != nil {
		return nil, err
	}
	return n, nil
}

// newWorkloadSG creates the workload security group workloadRules decides: the declared flows only.
func newWorkloadSG(ctx *pulumi.Context, c child, name string, args *TierEnvironmentArgs, own netip.Prefix, flows []netplan.TierFlow, vpc *ec2.Vpc) (*ec2.SecurityGroup, error) {
	in, out := workloadRules(own, flows, args.AllowPublicIngress)
	var ingress ec2.SecurityGroupIngressArray
	for _, r := range in {
		ingress = append(ingress, &ec2.SecurityGroupIngressArgs{Description: pulumi.String(r.Description), Protocol: pulumi.String(r.Protocol),
			FromPort: pulumi.Int(r.From), ToPort: pulumi.Int(r.To), CidrBlocks: cidrs(r.CIDR), Self: selfOnly(r.Self)})
	}
	var egress ec2.SecurityGroupEgressArray
	for _, r := range out {
		egress = append(egress, &ec2.SecurityGroupEgressArgs{Description: pulumi.String(r.Description), Protocol: pulumi.String(r.Protocol),
			FromPort: pulumi.Int(r.From), ToPort: pulumi.Int(r.To), CidrBlocks: cidrs(r.CIDR), Self: selfOnly(r.Self)})
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

// cidrs is a security group rule's CidrBlocks: the one range, or none for a rule on the group's members.
func cidrs(cidr string) pulumi.StringArrayInput {
	if cidr == "" {
		return nil
	}
	return pulumi.ToStringArray([]string{cidr})
}

// selfOnly is a security group rule's Self: set only for a rule on the group's members.
func selfOnly(self bool) pulumi.BoolPtrInput {
	if !self {
		return nil
	}
	return pulumi.Bool(true)
}

// newIsolationACL gives an isolated tier the network ACL isolationACL decides.
func newIsolationACL(ctx *pulumi.Context, c child, name string, args *TierEnvironmentArgs, own netip.Prefix, intent netplan.Intent, vpc *ec2.Vpc, subnetIDs pulumi.StringArray) error {
	in, out := isolationACL(intent, args.Profile.Tier, own)
	var ingress ec2.NetworkAclIngressArray
	for _, e := range in {
		ingress = append(ingress, &ec2.NetworkAclIngressArgs{RuleNo: pulumi.Int(e.RuleNo), Action: pulumi.String(e.Action),
			Protocol: pulumi.String(e.Protocol), CidrBlock: pulumi.String(e.CIDR), FromPort: pulumi.Int(e.From), ToPort: pulumi.Int(e.To),
			IcmpType: icmpField(e.Protocol), IcmpCode: icmpField(e.Protocol)})
	}
	var egress ec2.NetworkAclEgressArray
	for _, e := range out {
		egress = append(egress, &ec2.NetworkAclEgressArgs{RuleNo: pulumi.Int(e.RuleNo), Action: pulumi.String(e.Action),
			Protocol: pulumi.String(e.Protocol), CidrBlock: pulumi.String(e.CIDR), FromPort: pulumi.Int(e.From), ToPort: pulumi.Int(e.To),
			IcmpType: icmpField(e.Protocol), IcmpCode: icmpField(e.Protocol)})
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
// usable only by principals of the landing zone's account, and returns them by service. S3's endpoint
// answers S3's regional name inside the VPC (private DNS, for requests from the VPC too) on a tier that
// patches from its internal repository, which has no other way to reach S3; elsewhere S3 is reached by
// the endpoint's own names.
func newEndpoints(ctx *pulumi.Context, c child, name string, a account, own netip.Prefix, vpc *ec2.Vpc, subnetIDs pulumi.StringArray) (map[string]*ec2.VpcEndpoint, error) {
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
		return nil, err
	}
	policy := policyJSON(map[string]any{
		"Sid": "AccountPrincipalsOnly", "Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*",
		"Condition": map[string]any{"StringEquals": map[string]any{"aws:PrincipalAccount": a.id}},
	})
	out := map[string]*ec2.VpcEndpoint{}
	for _, svc := range endpointServices {
		s3PrivateDNS := svc == "s3" && c.profile.Patching.InternalSource
		args := &ec2.VpcEndpointArgs{
			VpcId:             vpc.ID(),
			ServiceName:       pulumi.String("com.amazonaws." + a.region + "." + svc),
			VpcEndpointType:   pulumi.String("Interface"),
			SubnetIds:         subnetIDs,
			SecurityGroupIds:  pulumi.StringArray{sg.ID()},
			PrivateDnsEnabled: pulumi.Bool(svc != "s3" || s3PrivateDNS),
			Policy:            pulumi.String(policy),
			Tags:              c.tagged(name + "-endpoint-" + svc),
		}
		if s3PrivateDNS {
			args.DnsOptions = &ec2.VpcEndpointDnsOptionsArgs{PrivateDnsOnlyForInboundResolverEndpoint: pulumi.Bool(false)}
		}
		ep, err := ec2.NewVpcEndpoint(ctx, name+"-endpoint-"+svc, args, c.opts()...)
		if err != nil {
			return nil, err
		}
		out[svc] = ep
	}
	return out, nil
}
