package config

import "github.com/policecloud/landingzones/components/netplan"

// Intent returns the stack's network intent: its address plan, external ranges and flows, as the
// components, the rules (through internal/stackctx) and Load's own checks read them.
func (s *Stack) Intent() netplan.Intent {
	return netplan.Intent{Plan: s.Plan, Externals: s.ExternalRanges, Flows: s.Flows}
}
