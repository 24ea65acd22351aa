package awslz

import (
	"net/netip"

	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

// tierFlow is one declared flow seen from one tier: the far end's range and whether the tier starts
// the connection (outbound) or receives it.
type tierFlow struct {
	// Far is the other end's range (0.0.0.0/0 for the internet).
	Far netip.Prefix
	// FarName names the other end ("gold", "legacy-dc", "internet").
	FarName string
	// FarKind is the other end's kind.
	FarKind netplan.EndpointKind
	// ExternalKind is the far end's external kind when FarKind is external.
	ExternalKind netplan.ExternalKind
	// Outbound is true when the tier opens the connection.
	Outbound bool
	Protocol netplan.Protocol
	Ports    []netplan.PortRange
}

// flowsOf returns the declared flows that start or end in tier t, with their far ends resolved.
func flowsOf(t tier.Tier, plan netplan.Plan, externals []netplan.External, flows []netplan.Flow) []tierFlow {
	var out []tierFlow
	for _, f := range flows {
		var far netplan.Endpoint
		var outbound bool
		switch {
		case f.From.Kind == netplan.EndpointTier && f.From.Tier == t:
			far, outbound = f.To, true
		case f.To.Kind == netplan.EndpointTier && f.To.Tier == t:
			far, outbound = f.From, false
		default:
			continue
		}
		tf := tierFlow{FarKind: far.Kind, Outbound: outbound, Protocol: f.Protocol, Ports: f.Ports}
		switch far.Kind {
		case netplan.EndpointInternet:
			tf.Far, tf.FarName = netip.MustParsePrefix("0.0.0.0/0"), netplan.InternetName
		case netplan.EndpointTier:
			tf.FarName = string(far.Tier)
			if r, ok := plan.TierRange(far.Tier); ok {
				tf.Far = r.CIDR
			}
		default:
			tf.FarName = far.Name
			for _, x := range externals {
				if x.Name == far.Name {
					tf.Far, tf.ExternalKind = x.CIDR, x.Kind
				}
			}
		}
		if tf.Far.IsValid() {
			out = append(out, tf)
		}
	}
	return out
}

// portRanges returns a flow's port ranges; ICMP and port-less flows give one range covering every port.
func portRanges(f tierFlow) []netplan.PortRange {
	if f.Protocol == netplan.ProtocolICMP {
		return []netplan.PortRange{{From: 0, To: 0}}
	}
	if len(f.Ports) == 0 {
		return []netplan.PortRange{{From: 0, To: 65535}}
	}
	return f.Ports
}

// icmpAll is the from/to port value AWS uses for "all ICMP types".
const icmpAll = -1
