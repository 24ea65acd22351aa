package azurelz

import (
	"fmt"

	"github.com/pulumi/pulumi-azure-native-sdk/network/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/resources/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/netplan"
)

// hubResources are the hub's resources other parts of the foundation use.
type hubResources struct {
	managementSubnet *network.Subnet
	vaultZone        *network.PrivateZone
	blobZone         *network.PrivateZone
}

// hubNetwork builds the hub: network watcher, virtual network and subnets, private DNS zones, Azure
// Firewall with its policy, and the PSN edge VPN gateway.
func (c *Foundation) hubNetwork(b *builder, args *FoundationArgs, rg *resources.ResourceGroup) (*hubResources, error) {
	ctx, name, loc := b.ctx, b.name, args.Region
	n := networkPlan{args.intent()}
	hubPlan := args.Plan.Hub

	// The network watcher comes first: Azure creates one of its own with the region's first virtual
	// network otherwise, and tier stacks create their flow logs under this one.
	watcher, err := network.NewNetworkWatcher(ctx, name+"-network-watcher", &network.NetworkWatcherArgs{
		ResourceGroupName: rg.Name,
		Location:          pulumi.String(loc),
		Tags:              b.tagged(),
	}, b.opts()...)
	if err != nil {
		return nil, err
	}
	c.NetworkWatcherName, c.NetworkWatcherResourceGroupName = watcher.Name, rg.Name

	vnet, err := network.NewVirtualNetwork(ctx, name+"-hub-vnet", &network.VirtualNetworkArgs{
		ResourceGroupName:    rg.Name,
		Location:             pulumi.String(loc),
		AddressSpace:         network.AddressSpaceArgs{AddressPrefixes: pulumi.StringArray{pulumi.String(hubPlan.CIDR.String())}},
		EnableDdosProtection: pulumi.Bool(false),
		EnableVmProtection:   pulumi.Bool(false),
		Tags:                 b.tagged(),
	}, b.opts(pulumi.DependsOn([]pulumi.Resource{watcher}))...)
	if err != nil {
		return nil, err
	}
	c.HubVNetID, c.HubVNetName = vnet.ID().ToStringOutput(), vnet.Name

	// Subnets one after another: Azure refuses concurrent changes to one virtual network's subnets.
	var prev pulumi.Resource = vnet
	subnet := func(role, subnetName string, prefix string, nsg *network.NetworkSecurityGroup, rt *network.RouteTable) (*network.Subnet, error) {
		a := &network.SubnetArgs{
			ResourceGroupName:                 rg.Name,
			VirtualNetworkName:                vnet.Name,
			SubnetName:                        pulumi.String(subnetName),
			AddressPrefix:                     pulumi.String(prefix),
			PrivateEndpointNetworkPolicies:    pulumi.String("Enabled"),
			PrivateLinkServiceNetworkPolicies: pulumi.String("Enabled"),
		}
		if nsg != nil {
			a.NetworkSecurityGroup = network.NetworkSecurityGroupTypeArgs{Id: nsg.ID()}
		}
		if rt != nil {
			a.RouteTable = network.RouteTableTypeArgs{Id: rt.ID()}
		}
		s, err := network.NewSubnet(ctx, name+"-hub-"+role, a, b.opts(pulumi.DependsOn([]pulumi.Resource{prev}))...)
		if err == nil {
			prev = s
		}
		return s, err
	}

	fwSubnet, err := subnet("firewall", "AzureFirewallSubnet", hubPlan.Block(netplan.RoleFirewall).String(), nil, nil)
	if err != nil {
		return nil, err
	}
	hubRules := n.hubSecurityRules()
	out := &hubResources{}
	for _, role := range []netplan.Role{netplan.RoleManagement, netplan.RoleTransit} {
		nsg, err := network.NewNetworkSecurityGroup(ctx, name+"-hub-"+string(role)+"-nsg", &network.NetworkSecurityGroupArgs{
			ResourceGroupName: rg.Name,
			Location:          pulumi.String(loc),
			SecurityRules:     securityRuleArgs(hubRules),
			FlushConnection:   pulumi.Bool(true),
			Tags:              b.tagged(),
		}, b.opts()...)
		if err != nil {
			return nil, err
		}
		s, err := subnet(string(role), string(role), hubPlan.Block(role).String(), nsg, nil)
		if err != nil {
			return nil, err
		}
		if role == netplan.RoleManagement {
			out.managementSubnet = s
		}
	}

	// Private DNS for the private endpoints of every stack of the landing zone.
	zone := func(role, zoneName string) (*network.PrivateZone, error) {
		z, err := network.NewPrivateZone(ctx, name+"-"+role+"-dns", &network.PrivateZoneArgs{
			ResourceGroupName: rg.Name,
			PrivateZoneName:   pulumi.String(zoneName),
			Location:          pulumi.String("global"),
			Tags:              b.tagged(),
		}, b.opts()...)
		if err != nil {
			return nil, err
		}
		_, err = network.NewVirtualNetworkLink(ctx, name+"-"+role+"-dns-hub-link", &network.VirtualNetworkLinkArgs{
			ResourceGroupName:   rg.Name,
			PrivateZoneName:     z.Name,
			Location:            pulumi.String("global"),
			VirtualNetwork:      network.SubResourceArgs{Id: vnet.ID()},
			RegistrationEnabled: pulumi.Bool(false),
			Tags:                b.tagged(),
		}, b.opts()...)
		return z, err
	}
	if out.vaultZone, err = zone("vault", vaultDNSZone); err != nil {
		return nil, err
	}
	if out.blobZone, err = zone("blob", blobDNSZone); err != nil {
		return nil, err
	}
	c.VaultDNSZoneID, c.VaultDNSZoneName = out.vaultZone.ID().ToStringOutput(), out.vaultZone.Name
	c.BlobDNSZoneID, c.BlobDNSZoneName = out.blobZone.ID().ToStringOutput(), out.blobZone.Name

	if err := c.firewall(b, args, n, rg, fwSubnet); err != nil {
		return nil, err
	}
	c.FirewallPrivateIP = pulumi.String(firewallPrivateIP(hubPlan.Block(netplan.RoleFirewall))).ToStringOutput()

	c.PSNGateway = pulumi.Bool(args.PSNEdge != nil).ToBoolOutput()
	if args.PSNEdge != nil {
		gwRoutes, err := n.gatewayRoutes()
		if err != nil {
			return nil, err
		}
		rt, err := network.NewRouteTable(ctx, name+"-hub-gateway-rt", &network.RouteTableArgs{
			ResourceGroupName: rg.Name,
			Location:          pulumi.String(loc),
			// Azure requires gateway route propagation on the GatewaySubnet.
			DisableBgpRoutePropagation: pulumi.Bool(false),
			Routes:                     routeArgs(gwRoutes, pulumi.String(firewallPrivateIP(hubPlan.Block(netplan.RoleFirewall)))),
			Tags:                       b.tagged(),
		}, b.opts()...)
		if err != nil {
			return nil, err
		}
		gwSubnet, err := subnet("gateway", "GatewaySubnet", hubPlan.Block(netplan.RoleGateway).String(), nil, rt)
		if err != nil {
			return nil, err
		}
		if err := c.psnEdge(b, args, rg, gwSubnet); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// firewall builds Azure Firewall in AzureFirewallSubnet with a policy whose rules are the declared flows
// and the FQDN allow-list.
func (c *Foundation) firewall(b *builder, args *FoundationArgs, n networkPlan, rg *resources.ResourceGroup, subnet *network.Subnet) error {
	ctx, name, loc := b.ctx, b.name, args.Region
	nets, apps, err := n.firewallRules()
	if err != nil {
		return err
	}
	pip, err := b.hubPublicIP("firewall", rg, loc, args.Profile.AvailabilityZones)
	if err != nil {
		return err
	}
	pol, err := network.NewFirewallPolicy(ctx, name+"-firewall-policy", &network.FirewallPolicyArgs{
		ResourceGroupName: rg.Name,
		Location:          pulumi.String(loc),
		Sku:               network.FirewallPolicySkuArgs{Tier: pulumi.String("Premium")},
		ThreatIntelMode:   pulumi.String("Deny"),
		DnsSettings: network.DnsSettingsArgs{
			EnableProxy: pulumi.Bool(true),
		},
		IntrusionDetection: network.FirewallPolicyIntrusionDetectionArgs{Mode: pulumi.String("Deny")},
		Tags:               b.tagged(),
	}, b.opts()...)
	if err != nil {
		return err
	}
	var collections pulumi.Array
	if len(nets) > 0 {
		rules := pulumi.Array{}
		for _, r := range nets {
			rules = append(rules, network.NetworkRuleArgs{
				RuleType:             pulumi.String("NetworkRule"),
				Name:                 pulumi.String(r.Name),
				Description:          pulumi.String(r.Description),
				SourceAddresses:      pulumi.ToStringArray(r.Sources),
				DestinationAddresses: pulumi.ToStringArray(r.Destination),
				IpProtocols:          pulumi.ToStringArray(r.Protocols),
				DestinationPorts:     pulumi.ToStringArray(r.Ports),
			})
		}
		collections = append(collections, network.FirewallPolicyFilterRuleCollectionArgs{
			RuleCollectionType: pulumi.String("FirewallPolicyFilterRuleCollection"),
			Name:               pulumi.String("declared-flows"),
			Priority:           pulumi.Int(200),
			Action:             network.FirewallPolicyFilterRuleCollectionActionArgs{Type: pulumi.String("Allow")},
			Rules:              rules,
		})
	}
	if len(apps) > 0 && len(args.EgressDomains) > 0 {
		rules := pulumi.Array{}
		for _, r := range apps {
			protos := network.FirewallPolicyRuleApplicationProtocolArray{}
			for _, p := range r.Protocols {
				protos = append(protos, network.FirewallPolicyRuleApplicationProtocolArgs{ProtocolType: pulumi.String(p.Type), Port: pulumi.Int(p.Port)})
			}
			rules = append(rules, network.ApplicationRuleArgs{
				RuleType:        pulumi.String("ApplicationRule"),
				Name:            pulumi.String(r.Name),
				Description:     pulumi.String(r.Description),
				SourceAddresses: pulumi.ToStringArray(r.Sources),
				TargetFqdns:     pulumi.ToStringArray(args.EgressDomains),
				Protocols:       protos,
				TerminateTLS:    pulumi.Bool(false),
			})
		}
		collections = append(collections, network.FirewallPolicyFilterRuleCollectionArgs{
			RuleCollectionType: pulumi.String("FirewallPolicyFilterRuleCollection"),
			Name:               pulumi.String("egress-allow-list"),
			Priority:           pulumi.Int(300),
			Action:             network.FirewallPolicyFilterRuleCollectionActionArgs{Type: pulumi.String("Allow")},
			Rules:              rules,
		})
	}
	var deps []pulumi.Resource
	if len(collections) > 0 {
		rcg, err := network.NewFirewallPolicyRuleCollectionGroup(ctx, name+"-firewall-rules", &network.FirewallPolicyRuleCollectionGroupArgs{
			ResourceGroupName:       rg.Name,
			FirewallPolicyName:      pol.Name,
			RuleCollectionGroupName: pulumi.String("landing-zone"),
			Priority:                pulumi.Int(200),
			RuleCollections:         collections,
		}, b.opts()...)
		if err != nil {
			return err
		}
		deps = append(deps, rcg)
	}
	_, err = network.NewAzureFirewall(ctx, name+"-firewall", &network.AzureFirewallArgs{
		ResourceGroupName: rg.Name,
		Location:          pulumi.String(loc),
		Sku:               network.AzureFirewallSkuArgs{Name: pulumi.String("AZFW_VNet"), Tier: pulumi.String("Premium")},
		FirewallPolicy:    network.SubResourceArgs{Id: pol.ID()},
		IpConfigurations: network.AzureFirewallIPConfigurationArray{
			network.AzureFirewallIPConfigurationArgs{
				Name:            pulumi.String("firewall"),
				Subnet:          network.SubResourceArgs{Id: subnet.ID()},
				PublicIPAddress: network.SubResourceArgs{Id: pip.ID()},
			},
		},
		Zones: zones(args.Profile.AvailabilityZones),
		Tags:  b.tagged(),
	}, b.opts(pulumi.DependsOn(deps))...)
	return err
}

// hubPublicIP is a public IP address of a hub edge service, tagged Role=hub.
func (b *builder) hubPublicIP(role string, rg *resources.ResourceGroup, loc string, azs int) (*network.PublicIPAddress, error) {
	return network.NewPublicIPAddress(b.ctx, b.name+"-"+role+"-pip", &network.PublicIPAddressArgs{
		ResourceGroupName:        rg.Name,
		Location:                 pulumi.String(loc),
		Sku:                      network.PublicIPAddressSkuArgs{Name: pulumi.String("Standard"), Tier: pulumi.String("Regional")},
		PublicIPAllocationMethod: pulumi.String("Static"),
		PublicIPAddressVersion:   pulumi.String("IPv4"),
		Zones:                    zones(azs),
		Tags:                     b.tagged("Role", "hub"),
	}, b.opts()...)
}

// psnEdge builds the PSN edge: a zone-redundant route-based VPN gateway with BGP, the PSN provider's
// local network gateway, and an IKEv2 connection with a strong IPsec policy.
func (c *Foundation) psnEdge(b *builder, args *FoundationArgs, rg *resources.ResourceGroup, subnet *network.Subnet) error {
	ctx, name, loc, edge := b.ctx, b.name, args.Region, args.PSNEdge
	asn := args.GatewayASN
	if asn == 0 {
		asn = DefaultGatewayASN
	}
	pip, err := b.hubPublicIP("psn-gateway", rg, loc, args.Profile.AvailabilityZones)
	if err != nil {
		return err
	}
	gw, err := network.NewVirtualNetworkGateway(ctx, name+"-psn-gateway", &network.VirtualNetworkGatewayArgs{
		ResourceGroupName:            rg.Name,
		Location:                     pulumi.String(loc),
		GatewayType:                  pulumi.String("Vpn"),
		VpnType:                      pulumi.String("RouteBased"),
		VpnGatewayGeneration:         pulumi.String("Generation2"),
		Sku:                          network.VirtualNetworkGatewaySkuArgs{Name: pulumi.String("VpnGw2AZ"), Tier: pulumi.String("VpnGw2AZ")},
		ActiveActive:                 pulumi.Bool(false),
		EnableBgp:                    pulumi.Bool(true),
		EnablePrivateIpAddress:       pulumi.Bool(false),
		DisableIPSecReplayProtection: pulumi.Bool(false),
		BgpSettings:                  network.BgpSettingsArgs{Asn: pulumi.Float64(float64(asn))},
		IpConfigurations: network.VirtualNetworkGatewayIPConfigurationArray{
			network.VirtualNetworkGatewayIPConfigurationArgs{
				Name:                      pulumi.String("gateway"),
				PrivateIPAllocationMethod: pulumi.String("Dynamic"),
				Subnet:                    network.SubResourceArgs{Id: subnet.ID()},
				PublicIPAddress:           network.SubResourceArgs{Id: pip.ID()},
			},
		},
		Tags: b.tagged(),
	}, b.opts()...)
	if err != nil {
		return err
	}
	var psn pulumi.StringArray
	for _, e := range args.intent().ExternalsOf(netplan.ExternalPSN) {
		psn = append(psn, pulumi.String(e.CIDR.String()))
	}
	local, err := network.NewLocalNetworkGateway(ctx, name+"-psn-peer", &network.LocalNetworkGatewayArgs{
		ResourceGroupName:        rg.Name,
		Location:                 pulumi.String(loc),
		GatewayIpAddress:         pulumi.String(edge.PeerAddress),
		LocalNetworkAddressSpace: network.AddressSpaceArgs{AddressPrefixes: psn},
		BgpSettings: network.BgpSettingsArgs{
			Asn:               pulumi.Float64(float64(edge.ASN)),
			BgpPeeringAddress: pulumi.String(edge.PeerAddress),
		},
		Tags: b.tagged(),
	}, b.opts()...)
	if err != nil {
		return err
	}
	_, err = network.NewVirtualNetworkGatewayConnection(ctx, name+"-psn-connection", &network.VirtualNetworkGatewayConnectionArgs{
		ResourceGroupName:              rg.Name,
		Location:                       pulumi.String(loc),
		ConnectionType:                 pulumi.String("IPsec"),
		ConnectionProtocol:             pulumi.String("IKEv2"),
		VirtualNetworkGateway1:         network.VirtualNetworkGatewayTypeArgs{Id: gw.ID()},
		LocalNetworkGateway2:           network.LocalNetworkGatewayTypeArgs{Id: local.ID()},
		SharedKey:                      pulumi.ToSecret(edge.SharedKey).(pulumi.StringOutput),
		EnableBgp:                      pulumi.Bool(true),
		UsePolicyBasedTrafficSelectors: pulumi.Bool(false),
		UseLocalAzureIpAddress:         pulumi.Bool(false),
		IpsecPolicies: network.IpsecPolicyArray{
			network.IpsecPolicyArgs{
				IkeEncryption:       pulumi.String("GCMAES256"),
				IkeIntegrity:        pulumi.String("SHA384"),
				DhGroup:             pulumi.String("ECP384"),
				IpsecEncryption:     pulumi.String("GCMAES256"),
				IpsecIntegrity:      pulumi.String("GCMAES256"),
				PfsGroup:            pulumi.String("ECP384"),
				SaLifeTimeSeconds:   pulumi.Int(27000),
				SaDataSizeKilobytes: pulumi.Int(102400000),
			},
		},
		Tags: b.tagged(),
	}, b.opts()...)
	if err != nil {
		return fmt.Errorf("PSN edge connection: %w", err)
	}
	return nil
}

// securityRuleArgs converts rules to NSG inline security rules.
func securityRuleArgs(rules []secRule) network.SecurityRuleTypeArray {
	out := network.SecurityRuleTypeArray{}
	for _, r := range rules {
		dir, access := "Outbound", "Deny"
		if r.Inbound {
			dir = "Inbound"
		}
		if r.Allow {
			access = "Allow"
		}
		a := network.SecurityRuleTypeArgs{
			Name:        pulumi.String(r.Name),
			Priority:    pulumi.Int(r.Priority),
			Direction:   pulumi.String(dir),
			Access:      pulumi.String(access),
			Protocol:    pulumi.String(r.Protocol),
			Description: pulumi.String(r.Description),
		}
		if len(r.Sources) == 1 {
			a.SourceAddressPrefix = pulumi.String(r.Sources[0])
		} else {
			a.SourceAddressPrefixes = pulumi.ToStringArray(r.Sources)
		}
		if len(r.Destination) == 1 {
			a.DestinationAddressPrefix = pulumi.String(r.Destination[0])
		} else {
			a.DestinationAddressPrefixes = pulumi.ToStringArray(r.Destination)
		}
		a.SourcePortRange = pulumi.String("*")
		if len(r.Ports) == 1 {
			a.DestinationPortRange = pulumi.String(r.Ports[0])
		} else {
			a.DestinationPortRanges = pulumi.ToStringArray(r.Ports)
		}
		out = append(out, a)
	}
	return out
}

// routeArgs converts routes to inline route table routes; VirtualAppliance routes go to nextHop.
func routeArgs(routes []route, nextHop pulumi.StringInput) network.RouteTypeArray {
	out := network.RouteTypeArray{}
	for _, r := range routes {
		a := network.RouteTypeArgs{
			Name:          pulumi.String(r.Name),
			AddressPrefix: pulumi.String(r.AddressPrefix),
			NextHopType:   pulumi.String(r.NextHop),
		}
		if r.NextHop == "VirtualAppliance" {
			a.NextHopIpAddress = nextHop
		}
		out = append(out, a)
	}
	return out
}
