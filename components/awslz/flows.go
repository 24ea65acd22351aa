package awslz

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/policecloud/landingzones/components/netplan"
)

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

// icmpPorts are the from/to port values AWS uses for "all ICMP types".
const icmpAll = -1

// sgPorts returns the security group from/to ports of a range.
func sgPorts(f netplan.Flow, r netplan.PortRange) (int, int) {
	if f.Protocol == netplan.ProtocolICMP {
		return icmpAll, icmpAll
	}
	return int(r.From), int(r.To)
}

// suricataPorts renders a flow's ports for a Suricata rule ("443", "[8000:8080,9000]", "any").
func suricataPorts(f netplan.Flow) string {
	if f.Protocol == netplan.ProtocolICMP || len(f.Ports) == 0 {
		return "any"
	}
	parts := make([]string, len(f.Ports))
	for i, r := range f.Ports {
		if r.From == r.To {
			parts[i] = strconv.Itoa(int(r.From))
		} else {
			parts[i] = fmt.Sprintf("%d:%d", r.From, r.To)
		}
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return "[" + strings.Join(parts, ",") + "]"
}
