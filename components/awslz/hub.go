package awslz

import (
	"fmt"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2transitgateway"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/networkfirewall"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

const anywhere = "0.0.0.0/0"

// hub is the foundation's network: the Transit Gateway with one route table per tier plus inspection
// and PSN, the inspection/egress VPC (Network Firewall, NAT, internet gateway) and the PSN VPN.
type hub struct {
	tgw             *ec2transitgateway.TransitGateway
	tierTables      pulumi.StringMapOutput
	inspectionTable *ec2transitgateway.RouteTable
	vpc             *ec2.Vpc
	firewall        *networkfirewall.Firewall
	psnVPN          pulumi.StringOutput
}

func newHub(ctx *pulumi.Context, c child, name string, a account, args *FoundationArgs, keys *foundationKeys) (*hub, error) {
	h := &hub{}
	var err error
	if h.tgw, err = ec2transitgateway.NewTransitGateway(ctx, name+"-tgw", &ec2transitgateway.TransitGatewayArgs{
		Description:                  pulumi.String(name + " hub: tiers meet only through inspection"),
		AmazonSideAsn:                pulumi.Int(int(args.gatewayASN())),
		DefaultRouteTableAssociation: pulumi.String("disable"),
		DefaultRouteTablePropagation: pulumi.String("disable"),
		AutoAcceptSharedAttachments:  pulumi.String("disable"),
		DnsSupport:                   pulumi.String("enable"),
		VpnEcmpSupport:               pulumi.String("enable"),
		Tags:                         c.tagged(name + "-tgw"),
	}, c.opts()...); err != nil {
		return nil, err
	}
	table := func(role string) (*ec2transitgateway.RouteTable, error) {
		return ec2transitgateway.NewRouteTable(ctx, name+"-tgw-"+role, &ec2transitgateway.RouteTableArgs{
			TransitGatewayId: h.tgw.ID(),
			Tags:             c.tagged(name+"-tgw-"+role, "RouteTableFor", role),
		}, c.opts()...)
	}
	tierTables := map[tier.Tier]*ec2transitgateway.RouteTable{}
	ids := pulumi.StringMap{}
	for _, r := range args.Plan.Tiers {
		t, err := table(string(r.Tier))
		if err != nil {
			return nil, err
		}
		tierTables[r.Tier] = t
		ids[string(r.Tier)] = t.ID().ToStringOutput()
	}
	h.tierTables = ids.ToStringMapOutput()
	if h.inspectionTable, err = table("inspection"); err != nil {
		return nil, err
	}

	inspection, err := newInspectionVPC(ctx, c, name, a, args, keys, h)
	if err != nil {
		return nil, err
	}
	tables := map[string]*ec2transitgateway.RouteTable{"inspection": h.inspectionTable}
	for t, rt := range tierTables {
		tables[string(t)] = rt
	}
	targets := map[string]pulumi.StringInput{viaInspection: inspection.attachment.ID()}
	// route creates the routes tierTransitRoutes and psnTransitRoutes decide.
	route := func(routes []tgwRoute) error {
		for _, r := range routes {
			ra := &ec2transitgateway.RouteArgs{
				TransitGatewayRouteTableId: tables[r.Table].ID(),
				DestinationCidrBlock:       pulumi.String(r.CIDR),
				Blackhole:                  pulumi.Bool(r.Via == blackhole),
			}
			if r.Via != blackhole {
				ra.TransitGatewayAttachmentId = targets[r.Via]
			}
			if _, err := ec2transitgateway.NewRoute(ctx, name+"-"+r.Name, ra, c.opts()...); err != nil {
				return err
			}
		}
		return nil
	}
	tierRoutes, err := tierTransitRoutes(args.intent())
	if err != nil {
		return nil, err
	}
	if err := route(tierRoutes); err != nil {
		return nil, err
	}
	if _, err := ec2transitgateway.NewRouteTableAssociation(ctx, name+"-tgw-inspection-assoc", &ec2transitgateway.RouteTableAssociationArgs{
		TransitGatewayAttachmentId: inspection.attachment.ID(),
		TransitGatewayRouteTableId: h.inspectionTable.ID(),
	}, c.opts()...); err != nil {
		return nil, err
	}
	h.psnVPN = pulumi.String("").ToStringOutput()
	if args.PSNEdge != nil {
		vpn, err := newPSNEdge(ctx, c, name, args, h, tables)
		if err != nil {
			return nil, err
		}
		targets[viaPSN] = vpn
		psnRoutes, err := psnTransitRoutes(args.intent())
		if err != nil {
			return nil, err
		}
		if err := route(psnRoutes); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// newPSNEdge builds the site-to-site VPN to PSN on the Transit Gateway, with its own route table
// (tables["psn"]; psnTransitRoutes decides its routes). It returns the VPN's Transit Gateway attachment.
func newPSNEdge(ctx *pulumi.Context, c child, name string, args *FoundationArgs, h *hub, tables map[string]*ec2transitgateway.RouteTable) (pulumi.StringInput, error) {
	cgw, err := ec2.NewCustomerGateway(ctx, name+"-psn-cgw", &ec2.CustomerGatewayArgs{
		BgpAsn:    pulumi.String(fmt.Sprint(args.PSNEdge.ASN)),
		IpAddress: pulumi.String(args.PSNEdge.PeerAddress),
		Type:      pulumi.String("ipsec.1"),
		Tags:      c.tagged(name+"-psn-cgw", "Role", "psn-edge"),
	}, c.opts()...)
	if err != nil {
		return nil, err
	}
	vpn, err := ec2.NewVpnConnection(ctx, name+"-psn-vpn", &ec2.VpnConnectionArgs{
		CustomerGatewayId: cgw.ID(),
		TransitGatewayId:  h.tgw.ID(),
		Type:              pulumi.String("ipsec.1"),
		StaticRoutesOnly:  pulumi.Bool(false),
		Tags:              c.tagged(name+"-psn-vpn", "Role", "psn-edge"),
	}, c.opts()...)
	if err != nil {
		return nil, err
	}
	h.psnVPN = vpn.ID().ToStringOutput()
	psnTable, err := ec2transitgateway.NewRouteTable(ctx, name+"-tgw-psn", &ec2transitgateway.RouteTableArgs{
		TransitGatewayId: h.tgw.ID(),
		Tags:             c.tagged(name+"-tgw-psn", "RouteTableFor", "psn"),
	}, c.opts()...)
	if err != nil {
		return nil, err
	}
	if _, err := ec2transitgateway.NewRouteTableAssociation(ctx, name+"-tgw-psn-assoc", &ec2transitgateway.RouteTableAssociationArgs{
		TransitGatewayAttachmentId: vpn.TransitGatewayAttachmentId,
		TransitGatewayRouteTableId: psnTable.ID(),
	}, c.opts()...); err != nil {
		return nil, err
	}
	tables["psn"] = psnTable
	return vpn.TransitGatewayAttachmentId, nil
}

// inspectionVPC is the hub VPC: Transit Gateway subnets, Network Firewall subnets and public egress
// subnets with NAT gateways, in every availability zone of the profile.
type inspectionVPC struct {
	attachment *ec2transitgateway.VpcAttachment
}

func newInspectionVPC(ctx *pulumi.Context, c child, name string, a account, args *FoundationArgs, keys *foundationKeys, h *hub) (*inspectionVPC, error) {
	hubRange := args.Plan.Hub
	azs := azNames(args.Region, args.Profile.AvailabilityZones)
	vpc, err := ec2.NewVpc(ctx, name+"-hub-vpc", &ec2.VpcArgs{
		CidrBlock:          pulumi.String(hubRange.CIDR.String()),
		EnableDnsSupport:   pulumi.Bool(true),
		EnableDnsHostnames: pulumi.Bool(true),
		InstanceTenancy:    pulumi.String("default"),
		Tags:               c.tagged(name + "-hub-vpc"),
	}, c.opts()...)
	if err != nil {
		return nil, err
	}
	h.vpc = vpc
	if err := closeDefaultSecurityGroup(ctx, c, name+"-hub", vpc); err != nil {
		return nil, err
	}
	if err := newFlowLog(ctx, c, name+"-hub", vpc, keys.logs.Arn); err != nil {
		return nil, err
	}
	subnets := map[netplan.Role][]*ec2.Subnet{}
	for _, role := range []netplan.Role{netplan.RoleTransit, netplan.RoleFirewall, netplan.RoleEgress} {
		for _, s := range hubRange.SubnetsFor(role) {
			if s.AZ >= len(azs) {
				continue
			}
			sname := fmt.Sprintf("%s-hub-%s-%s", name, role, azs[s.AZ])
			kv := []string{"SubnetRole", string(role)}
			public := role == netplan.RoleEgress
			if public {
				kv = append(kv, "Role", "hub-egress")
			}
			sub, err := ec2.NewSubnet(ctx, sname, &ec2.SubnetArgs{
				VpcId:               vpc.ID(),
				CidrBlock:           pulumi.String(s.CIDR.String()),
				AvailabilityZone:    pulumi.String(azs[s.AZ]),
				MapPublicIpOnLaunch: pulumi.Bool(public),
				Tags:                c.tagged(sname, kv...),
			}, c.opts()...)
			if err != nil {
				return nil, err
			}
			subnets[role] = append(subnets[role], sub)
		}
	}
	igw, err := ec2.NewInternetGateway(ctx, name+"-hub-igw", &ec2.InternetGatewayArgs{
		VpcId: vpc.ID(),
		Tags:  c.tagged(name+"-hub-igw", "Role", "hub-egress"),
	}, c.opts()...)
	if err != nil {
		return nil, err
	}
	var egressIDs pulumi.StringArray
	for _, s := range subnets[netplan.RoleEgress] {
		egressIDs = append(egressIDs, s.ID())
	}
	// Public subnets admit return traffic from the internet; everything else is the firewall's to judge.
	if _, err := ec2.NewNetworkAcl(ctx, name+"-hub-egress-acl", &ec2.NetworkAclArgs{
		VpcId:     vpc.ID(),
		SubnetIds: egressIDs,
		Ingress: ec2.NetworkAclIngressArray{
			&ec2.NetworkAclIngressArgs{RuleNo: pulumi.Int(100), Action: pulumi.String("allow"), Protocol: pulumi.String("-1"),
				CidrBlock: pulumi.String(args.Plan.Supernet.String()), FromPort: pulumi.Int(0), ToPort: pulumi.Int(0)},
			&ec2.NetworkAclIngressArgs{RuleNo: pulumi.Int(200), Action: pulumi.String("allow"), Protocol: pulumi.String("tcp"),
				CidrBlock: pulumi.String(anywhere), FromPort: pulumi.Int(1024), ToPort: pulumi.Int(65535)},
			&ec2.NetworkAclIngressArgs{RuleNo: pulumi.Int(210), Action: pulumi.String("allow"), Protocol: pulumi.String("udp"),
				CidrBlock: pulumi.String(anywhere), FromPort: pulumi.Int(1024), ToPort: pulumi.Int(65535)},
		},
		Egress: ec2.NetworkAclEgressArray{
			&ec2.NetworkAclEgressArgs{RuleNo: pulumi.Int(100), Action: pulumi.String("allow"), Protocol: pulumi.String("-1"),
				CidrBlock: pulumi.String(anywhere), FromPort: pulumi.Int(0), ToPort: pulumi.Int(0)},
		},
		Tags: c.tagged(name+"-hub-egress-acl", "Role", "hub-egress"),
	}, c.opts()...); err != nil {
		return nil, err
	}
	var nats []*ec2.NatGateway
	for i, s := range subnets[netplan.RoleEgress] {
		eip, err := ec2.NewEip(ctx, fmt.Sprintf("%s-hub-nat-eip-%s", name, azs[i]), &ec2.EipArgs{
			Domain: pulumi.String("vpc"),
			Tags:   c.tagged(fmt.Sprintf("%s-hub-nat-eip-%s", name, azs[i]), "Role", "hub-egress"),
		}, c.opts()...)
		if err != nil {
			return nil, err
		}
		nat, err := ec2.NewNatGateway(ctx, fmt.Sprintf("%s-hub-nat-%s", name, azs[i]), &ec2.NatGatewayArgs{
			SubnetId:         s.ID(),
			AllocationId:     eip.ID(),
			ConnectivityType: pulumi.String("public"),
			Tags:             c.tagged(fmt.Sprintf("%s-hub-nat-%s", name, azs[i]), "Role", "hub-egress"),
		}, c.opts(pulumi.DependsOn([]pulumi.Resource{igw}))...)
		if err != nil {
			return nil, err
		}
		nats = append(nats, nat)
	}
	fw, err := newFirewall(ctx, c, name, args, keys, vpc, subnets[netplan.RoleFirewall])
	if err != nil {
		return nil, err
	}
	h.firewall = fw
	var transitIDs pulumi.StringArray
	for _, s := range subnets[netplan.RoleTransit] {
		transitIDs = append(transitIDs, s.ID())
	}
	attachment, err := ec2transitgateway.NewVpcAttachment(ctx, name+"-hub-tgw-attachment", &ec2transitgateway.VpcAttachmentArgs{
		TransitGatewayId:     h.tgw.ID(),
		VpcId:                vpc.ID(),
		SubnetIds:            transitIDs,
		ApplianceModeSupport: pulumi.String("enable"),
		DnsSupport:           pulumi.String("enable"),
		TransitGatewayDefaultRouteTableAssociation: pulumi.Bool(false),
		TransitGatewayDefaultRouteTablePropagation: pulumi.Bool(false),
		Tags: c.tagged(name + "-hub-tgw-attachment"),
	}, c.opts()...)
	if err != nil {
		return nil, err
	}
	// Routing, per availability zone: Transit Gateway subnets -> firewall; firewall subnets -> NAT for
	// the internet and -> Transit Gateway for the supernet and the external ranges; egress subnets ->
	// internet gateway, and back through the firewall for the supernet.
	internal := []string{args.Plan.Supernet.String()}
	for _, x := range args.Externals {
		internal = append(internal, x.CIDR.String())
	}
	for i, az := range azs {
		endpoint := firewallEndpoint(fw, az)
		if err := routeTable(ctx, c, fmt.Sprintf("%s-hub-transit-%s", name, az), vpc, subnets[netplan.RoleTransit][i],
			[]rt{{cidr: anywhere, endpoint: endpoint}}); err != nil {
			return nil, err
		}
		routes := []rt{{cidr: anywhere, nat: nats[i].ID()}}
		for _, cidr := range internal {
			routes = append(routes, rt{cidr: cidr, tgw: h.tgw.ID()})
		}
		if err := routeTable(ctx, c, fmt.Sprintf("%s-hub-firewall-%s", name, az), vpc, subnets[netplan.RoleFirewall][i], routes,
			pulumi.DependsOn([]pulumi.Resource{attachment})); err != nil {
			return nil, err
		}
		if err := routeTable(ctx, c, fmt.Sprintf("%s-hub-egress-%s", name, az), vpc, subnets[netplan.RoleEgress][i],
			[]rt{{cidr: anywhere, igw: igw.ID()}, {cidr: args.Plan.Supernet.String(), endpoint: endpoint}}); err != nil {
			return nil, err
		}
	}
	_ = a
	return &inspectionVPC{attachment: attachment}, nil
}

// rt is one route of a VPC route table: exactly one target is set.
type rt struct {
	cidr     string
	endpoint pulumi.StringInput
	nat      pulumi.StringInput
	igw      pulumi.StringInput
	tgw      pulumi.StringInput
}

// routeTable creates a route table with inline routes and associates it with one subnet.
func routeTable(ctx *pulumi.Context, c child, name string, vpc *ec2.Vpc, subnet *ec2.Subnet, routes []rt, extra ...pulumi.ResourceOption) error {
	var rs ec2.RouteTableRouteArray
	for _, r := range routes {
		a := &ec2.RouteTableRouteArgs{CidrBlock: pulumi.String(r.cidr)}
		switch {
		case r.endpoint != nil:
			a.VpcEndpointId = r.endpoint
		case r.nat != nil:
			a.NatGatewayId = r.nat
		case r.igw != nil:
			a.GatewayId = r.igw
		case r.tgw != nil:
			a.TransitGatewayId = r.tgw
		}
		rs = append(rs, a)
	}
	table, err := ec2.NewRouteTable(ctx, name+"-rt", &ec2.RouteTableArgs{
		VpcId:  vpc.ID(),
		Routes: rs,
		Tags:   c.tagged(name + "-rt"),
	}, c.opts(extra...)...)
	if err != nil {
		return err
	}
	_, err = ec2.NewRouteTableAssociation(ctx, name+"-rt-assoc", &ec2.RouteTableAssociationArgs{
		SubnetId:     subnet.ID(),
		RouteTableId: table.ID(),
	}, c.opts()...)
	return err
}

// firewallEndpoint is the firewall's VPC endpoint in an availability zone.
func firewallEndpoint(fw *networkfirewall.Firewall, az string) pulumi.StringOutput {
	return fw.FirewallStatuses.ApplyT(func(ss []networkfirewall.FirewallFirewallStatus) string {
		for _, s := range ss {
			for _, st := range s.SyncStates {
				if st.AvailabilityZone != nil && *st.AvailabilityZone == az {
					for _, at := range st.Attachments {
						if at.EndpointId != nil {
							return *at.EndpointId
						}
					}
				}
			}
		}
		return ""
	}).(pulumi.StringOutput)
}

// newFirewall creates the hub's AWS Network Firewall: stateful, strict order, dropping everything but
// the declared flows and HTTP/TLS to the egress allow-list; alerts to encrypted CloudWatch Logs.
func newFirewall(ctx *pulumi.Context, c child, name string, args *FoundationArgs, keys *foundationKeys, vpc *ec2.Vpc, subnets []*ec2.Subnet) (*networkfirewall.Firewall, error) {
	plan := firewallPlanFor(args.intent(), args.EgressDomains)
	encryption := &networkfirewall.RuleGroupEncryptionConfigurationArgs{KeyId: keys.data.Arn, Type: pulumi.String("CUSTOMER_KMS")}
	var refs networkfirewall.FirewallPolicyFirewallPolicyStatefulRuleGroupReferenceArray
	var rules networkfirewall.RuleGroupRuleGroupRulesSourceStatefulRuleArray
	for _, r := range plan.Flows {
		options := networkfirewall.RuleGroupRuleGroupRulesSourceStatefulRuleRuleOptionArray{
			ruleOption("msg", strconv.Quote(r.Msg)),
		}
		if r.ToServer {
			options = append(options, ruleOption("flow", "to_server"))
		}
		options = append(options, ruleOption("sid", strconv.Itoa(r.SID)), ruleOption("rev", "1"))
		rules = append(rules, &networkfirewall.RuleGroupRuleGroupRulesSourceStatefulRuleArgs{
			Action: pulumi.String(r.Action),
			Header: &networkfirewall.RuleGroupRuleGroupRulesSourceStatefulRuleHeaderArgs{
				Protocol: pulumi.String(r.Protocol), Direction: pulumi.String("FORWARD"),
				Source: pulumi.String(r.Source), SourcePort: pulumi.String(r.SourcePort),
				Destination: pulumi.String(r.Destination), DestinationPort: pulumi.String(r.DestinationPort),
			},
			RuleOptions: options,
		})
	}
	flows, err := networkfirewall.NewRuleGroup(ctx, name+"-fw-flows", &networkfirewall.RuleGroupArgs{
		Type:                    pulumi.String("STATEFUL"),
		Capacity:                pulumi.Int(1000),
		Description:             pulumi.String("Pass the landing zone's declared flows"),
		EncryptionConfiguration: encryption,
		RuleGroup: &networkfirewall.RuleGroupRuleGroupArgs{
			RulesSource:         &networkfirewall.RuleGroupRuleGroupRulesSourceArgs{StatefulRules: rules},
			StatefulRuleOptions: &networkfirewall.RuleGroupRuleGroupStatefulRuleOptionsArgs{RuleOrder: pulumi.String("STRICT_ORDER")},
		},
		Tags: c.tagged(name + "-fw-flows"),
	}, c.opts()...)
	if err != nil {
		return nil, err
	}
	refs = append(refs, &networkfirewall.FirewallPolicyFirewallPolicyStatefulRuleGroupReferenceArgs{
		ResourceArn: flows.Arn, Priority: pulumi.Int(100),
	})
	if len(plan.EgressDomains) > 0 {
		domains, err := networkfirewall.NewRuleGroup(ctx, name+"-fw-egress-domains", &networkfirewall.RuleGroupArgs{
			Type:                    pulumi.String("STATEFUL"),
			Capacity:                pulumi.Int(100),
			Description:             pulumi.String("Allow-listed internet domains for tiers with egress"),
			EncryptionConfiguration: encryption,
			RuleGroup: &networkfirewall.RuleGroupRuleGroupArgs{
				RuleVariables: &networkfirewall.RuleGroupRuleGroupRuleVariablesArgs{
					IpSets: networkfirewall.RuleGroupRuleGroupRuleVariablesIpSetArray{&networkfirewall.RuleGroupRuleGroupRuleVariablesIpSetArgs{
						Key:   pulumi.String("HOME_NET"),
						IpSet: &networkfirewall.RuleGroupRuleGroupRuleVariablesIpSetIpSetArgs{Definitions: pulumi.ToStringArray(plan.HomeNet)},
					}},
				},
				RulesSource: &networkfirewall.RuleGroupRuleGroupRulesSourceArgs{
					RulesSourceList: &networkfirewall.RuleGroupRuleGroupRulesSourceRulesSourceListArgs{
						GeneratedRulesType: pulumi.String("ALLOWLIST"),
						TargetTypes:        pulumi.ToStringArray([]string{"TLS_SNI", "HTTP_HOST"}),
						Targets:            pulumi.ToStringArray(plan.EgressDomains),
					},
				},
				StatefulRuleOptions: &networkfirewall.RuleGroupRuleGroupStatefulRuleOptionsArgs{RuleOrder: pulumi.String("STRICT_ORDER")},
			},
			Tags: c.tagged(name + "-fw-egress-domains"),
		}, c.opts()...)
		if err != nil {
			return nil, err
		}
		refs = append(refs, &networkfirewall.FirewallPolicyFirewallPolicyStatefulRuleGroupReferenceArgs{
			ResourceArn: domains.Arn, Priority: pulumi.Int(200),
		})
	}
	policy, err := networkfirewall.NewFirewallPolicy(ctx, name+"-fw-policy", &networkfirewall.FirewallPolicyArgs{
		EncryptionConfiguration: &networkfirewall.FirewallPolicyEncryptionConfigurationArgs{KeyId: keys.data.Arn, Type: pulumi.String("CUSTOMER_KMS")},
		FirewallPolicy: &networkfirewall.FirewallPolicyFirewallPolicyArgs{
			StatelessDefaultActions:         pulumi.ToStringArray([]string{"aws:forward_to_sfe"}),
			StatelessFragmentDefaultActions: pulumi.ToStringArray([]string{"aws:forward_to_sfe"}),
			StatefulEngineOptions:           &networkfirewall.FirewallPolicyFirewallPolicyStatefulEngineOptionsArgs{RuleOrder: pulumi.String("STRICT_ORDER")},
			StatefulDefaultActions:          pulumi.ToStringArray([]string{"aws:drop_established", "aws:alert_established"}),
			StatefulRuleGroupReferences:     refs,
		},
		Tags: c.tagged(name + "-fw-policy"),
	}, c.opts()...)
	if err != nil {
		return nil, err
	}
	var mappings networkfirewall.FirewallSubnetMappingArray
	for _, s := range subnets {
		mappings = append(mappings, &networkfirewall.FirewallSubnetMappingArgs{SubnetId: s.ID()})
	}
	fw, err := networkfirewall.NewFirewall(ctx, name+"-fw", &networkfirewall.FirewallArgs{
		VpcId:                          vpc.ID(),
		FirewallPolicyArn:              policy.Arn,
		SubnetMappings:                 mappings,
		DeleteProtection:               pulumi.Bool(true),
		FirewallPolicyChangeProtection: pulumi.Bool(false),
		SubnetChangeProtection:         pulumi.Bool(true),
		EncryptionConfiguration:        &networkfirewall.FirewallEncryptionConfigurationArgs{KeyId: keys.data.Arn, Type: pulumi.String("CUSTOMER_KMS")},
		Tags:                           c.tagged(name + "-fw"),
	}, c.opts()...)
	if err != nil {
		return nil, err
	}
	logs, err := cloudwatch.NewLogGroup(ctx, name+"-fw-logs", &cloudwatch.LogGroupArgs{
		RetentionInDays: pulumi.Int(c.logRetentionDays()),
		KmsKeyId:        keys.logs.Arn,
		Tags:            c.tagged(name + "-fw-logs"),
	}, c.stateful()...)
	if err != nil {
		return nil, err
	}
	if _, err := networkfirewall.NewLoggingConfiguration(ctx, name+"-fw-logging", &networkfirewall.LoggingConfigurationArgs{
		FirewallArn: fw.Arn,
		LoggingConfiguration: &networkfirewall.LoggingConfigurationLoggingConfigurationArgs{
			LogDestinationConfigs: networkfirewall.LoggingConfigurationLoggingConfigurationLogDestinationConfigArray{
				&networkfirewall.LoggingConfigurationLoggingConfigurationLogDestinationConfigArgs{
					LogDestination:     pulumi.StringMap{"logGroup": logs.Name},
					LogDestinationType: pulumi.String("CloudWatchLogs"),
					LogType:            pulumi.String("ALERT"),
				},
			},
		},
	}, c.opts()...); err != nil {
		return nil, err
	}
	return fw, nil
}

// ruleOption is a stateful rule's Suricata option keyword:setting.
func ruleOption(keyword, setting string) *networkfirewall.RuleGroupRuleGroupRulesSourceStatefulRuleRuleOptionArgs {
	return &networkfirewall.RuleGroupRuleGroupRulesSourceStatefulRuleRuleOptionArgs{Keyword: pulumi.String(keyword), Settings: pulumi.ToStringArray([]string{setting})}
}

// closeDefaultSecurityGroup adopts the VPC's default security group and removes every rule from it.
func closeDefaultSecurityGroup(ctx *pulumi.Context, c child, name string, vpc *ec2.Vpc) error {
	_, err := ec2.NewDefaultSecurityGroup(ctx, name+"-default-sg", &ec2.DefaultSecurityGroupArgs{
		VpcId: vpc.ID(),
		Tags:  c.tagged(name + "-default-sg"),
	}, c.opts()...)
	return err
}

// newFlowLog records all of the VPC's traffic to an encrypted log group kept for the profile's log
// retention.
func newFlowLog(ctx *pulumi.Context, c child, name string, vpc *ec2.Vpc, logsKey pulumi.StringInput) error {
	group, err := cloudwatch.NewLogGroup(ctx, name+"-flow-logs", &cloudwatch.LogGroupArgs{
		RetentionInDays: pulumi.Int(c.logRetentionDays()),
		KmsKeyId:        logsKey,
		Tags:            c.tagged(name + "-flow-logs"),
	}, c.stateful()...)
	if err != nil {
		return err
	}
	role, err := newServiceRole(ctx, c, name+"-flow-logs-role", "vpc-flow-logs.amazonaws.com")
	if err != nil {
		return err
	}
	if _, err := newRolePolicy(ctx, c, name+"-flow-logs-role-write", role, func(v []any) []map[string]any {
		return []map[string]any{{"Effect": "Allow",
			"Action":   []string{"logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"},
			"Resource": []string{v[0].(string), v[0].(string) + ":log-stream:*"}}}
	}, group.Arn); err != nil {
		return err
	}
	_, err = ec2.NewFlowLog(ctx, name+"-flow-log", &ec2.FlowLogArgs{
		VpcId:                  vpc.ID(),
		TrafficType:            pulumi.String("ALL"),
		LogDestinationType:     pulumi.String("cloud-watch-logs"),
		LogDestination:         group.Arn,
		IamRoleArn:             role.Arn,
		MaxAggregationInterval: pulumi.Int(60),
		Tags:                   c.tagged(name + "-flow-log"),
	}, c.opts()...)
	return err
}
