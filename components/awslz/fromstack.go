package awslz

import (
	"github.com/policecloud/landingzones/components/config"
)

// FoundationArgsFromStack returns the foundation arguments a validated foundation stack configuration
// describes.
func FoundationArgsFromStack(st *config.Stack) *FoundationArgs {
	args := &FoundationArgs{
		Region:        st.Region,
		Profile:       st.Profile,
		Plan:          st.Plan,
		Externals:     st.ExternalRanges,
		Flows:         st.Flows,
		EgressDomains: st.EgressDomains,
		Tags:          st.Tags(),
	}
	if st.PSNEdge != nil {
		args.PSNEdge = &PSNEdge{PeerAddress: st.PSNEdge.PeerAddress.String(), ASN: int(st.PSNEdge.ASN)}
	}
	return args
}

// TierEnvironmentArgsFromStack returns the tier environment arguments a validated tier stack
// configuration describes, with the hub read from the foundation's outputs.
func TierEnvironmentArgsFromStack(st *config.Stack, hub Hub) *TierEnvironmentArgs {
	return &TierEnvironmentArgs{
		Region:    st.Region,
		Tier:      st.Tier,
		Profile:   st.Profile,
		Plan:      st.Plan,
		Externals: st.ExternalRanges,
		Flows:     st.Flows,
		Hub:       hub,
		Tags:      st.Tags(),
	}
}
