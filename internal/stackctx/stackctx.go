// Package stackctx builds the rules' view of a stack (policy.Context) from the stack's typed config. The
// policy pack and cmd/lz both call it, so the rules decide alike inside the Pulumi engine and offline
// (docs/adr/0001).
package stackctx

import (
	"net/netip"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/policy"
)

// internet is the range a flow to the internet resolves to.
var internet = netip.MustParsePrefix("0.0.0.0/0")

// FromStack returns the policy context of a validated stack.
func FromStack(s *config.Stack) *policy.Context {
	ctx := policy.NewContext(s.Name, s.Tier)
	ctx.Cloud = string(s.Cloud)
	ctx.Role = string(s.Role)
	ctx.Network = network(s)
	return ctx
}

func network(s *config.Stack) *policy.Network {
	n := &policy.Network{Supernet: s.Plan.Supernet, Ranges: map[string]netip.Prefix{}}
	n.Ranges[s.Plan.Hub.Name] = s.Plan.Hub.CIDR
	for _, r := range s.Plan.Tiers {
		n.Ranges[r.Name] = r.CIDR
	}
	for _, e := range s.ExternalRanges {
		n.Externals = append(n.Externals, policy.External{Name: e.Name, Kind: string(e.Kind), CIDR: e.CIDR})
	}
	for _, f := range s.Flows {
		pf := policy.Flow{
			From:     endpointName(f.From),
			To:       endpointName(f.To),
			FromCIDR: resolve(s, f.From),
			ToCIDR:   resolve(s, f.To),
			Protocol: string(f.Protocol),
			Reason:   f.Reason,
		}
		for _, p := range f.Ports {
			pf.Ports = append(pf.Ports, policy.PortRange{From: int(p.From), To: int(p.To)})
		}
		n.Flows = append(n.Flows, pf)
	}
	return n
}

func endpointName(e netplan.Endpoint) string {
	switch e.Kind {
	case netplan.EndpointTier:
		return string(e.Tier)
	case netplan.EndpointInternet:
		return "internet"
	default:
		return e.Name
	}
}

func resolve(s *config.Stack, e netplan.Endpoint) netip.Prefix {
	switch e.Kind {
	case netplan.EndpointTier:
		if r, ok := s.Plan.TierRange(e.Tier); ok {
			return r.CIDR
		}
	case netplan.EndpointInternet:
		return internet
	case netplan.EndpointExternal:
		for _, x := range s.ExternalRanges {
			if x.Name == e.Name {
				return x.CIDR
			}
		}
	}
	return netip.Prefix{}
}

// Raw reads every landing-zone key from a Pulumi program's (or policy pack's) config into the raw map
// config.Load takes. Absent and empty keys are left out. A program can only ask for keys it knows, so
// misspelt keys are caught by `lz validate`, which reads the stack file itself.
func Raw(ctx *pulumi.Context) map[string]string {
	raw := map[string]string{}
	for _, k := range config.KnownKeys() {
		if v, ok := ctx.GetConfig(config.Namespace + ":" + k); ok && v != "" {
			raw[k] = v
		}
	}
	return raw
}

// Load reads and validates the stack's config from a Pulumi context.
func Load(ctx *pulumi.Context) (*config.Stack, error) {
	return config.Load(ctx.Stack(), Raw(ctx))
}
