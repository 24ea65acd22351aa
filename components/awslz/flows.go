package awslz

import "github.com/policecloud/landingzones/components/netplan"

// intent is the network intent the tier environment's arguments declare.
func (a *TierEnvironmentArgs) intent() netplan.Intent {
	return netplan.Intent{Plan: a.Plan, Externals: a.Externals, Flows: a.Flows}
}

// intent is the network intent the foundation's arguments declare.
func (a *FoundationArgs) intent() netplan.Intent {
	return netplan.Intent{Plan: a.Plan, Externals: a.Externals, Flows: a.Flows}
}

// intentErrors returns the intent's problems as errors whose Path is the argument's field path
// ("Flows[2]", "Externals[0].CIDR").
func intentErrors(in netplan.Intent) []error { return netplan.Errs(in.Validate()) }

// portRanges returns a flow's port ranges; ICMP and port-less flows give one range covering every port.
func portRanges(f netplan.Flow) []netplan.PortRange {
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
