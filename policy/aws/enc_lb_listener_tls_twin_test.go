package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

const encTLSPolicyMsg = "; use a policy such as ELBSecurityPolicy-TLS13-1-2-2021-06"

// encListenerAlone is the HTTPS listener of PCLZ-AWS-ENC-015's baseline as the engine sends it before
// creating it: alone.
func encListenerAlone() []*policy.Resource {
	return []*policy.Resource{policytest.AWS(encTypeListener, "portal-https", map[string]any{
		"loadBalancerArn": policy.UnknownSentinel, "port": 443, "protocol": "HTTPS",
		"sslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06", "certificateArn": policy.UnknownSentinel,
		"defaultActions": []any{map[string]any{"type": "forward", "targetGroupArn": policy.UnknownSentinel}},
	})}
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          encListenerTwin,
	Resources:       encListenerAlone,
	BaselineMessage: "HTTPS listener with TLS 1.2+ policy ELBSecurityPolicy-TLS13-1-2-2021-06",
	Cases: []policytest.Case{
		{
			Name: "TLS 1.0 policy",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "ELBSecurityPolicy-2016-08", "sslPolicy")
			},
			Want:    policy.StatusFail,
			Message: `sslPolicy "ELBSecurityPolicy-2016-08" is not on the TLS 1.2+ allow-list` + encTLSPolicyMsg,
		},
		{
			Name:    "no sslPolicy",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "sslPolicy") },
			Want:    policy.StatusFail,
			Message: "HTTPS listener has no sslPolicy, so ELBSecurityPolicy-2016-08 (TLS 1.0) applies; set a TLS 1.2+ policy such as ELBSecurityPolicy-TLS13-1-2-2021-06",
		},
		{
			Name:    "sslPolicy computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "sslPolicy") },
			Want:    policy.StatusUnknown,
			Message: "sslPolicy is computed; it must be a TLS 1.2+ policy such as ELBSecurityPolicy-TLS13-1-2-2021-06",
		},
		{
			Name:    "protocol computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "protocol") },
			Want:    policy.StatusUnknown,
			Message: "protocol is computed; listeners must use HTTPS or TLS with a TLS 1.2+ policy",
		},
		{
			Name:    "plain HTTP forwarding",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "HTTP", "protocol") },
			Want:    policy.StatusFail,
			Message: "HTTP listener's default action is forward, not a redirect to HTTPS; serve HTTPS or TLS with a TLS 1.2+ policy",
		},
		{
			Name: "HTTP redirecting to HTTP",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "HTTP", "protocol")
				policytest.Set(rs[0], []any{map[string]any{"type": "redirect", "redirect": map[string]any{"protocol": "HTTP"}}}, "defaultActions")
			},
			Want:    policy.StatusFail,
			Message: `HTTP listener's default action redirects to protocol "HTTP", not HTTPS; set redirect.protocol HTTPS`,
		},
		{
			Name: "HTTP default actions computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "HTTP", "protocol")
				policytest.SetComputed(rs[0], "defaultActions")
			},
			Want:    policy.StatusUnknown,
			Message: "HTTP listener's default action is computed; HTTP listeners may only redirect to HTTPS",
		},
		{
			Name: "HTTP redirecting to HTTPS: the listener rules are the stack rule's",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "HTTP", "protocol")
				policytest.Set(rs[0], encRedirectHTTPS(), "defaultActions")
			},
			Want:    policy.StatusNotApplicable,
			Message: "HTTP listener's default action redirects to HTTPS; PCLZ-AWS-ENC-015 judges the listener rules on it",
		},
		{
			Name:    "protocol omitted: the load balancer decides",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "protocol") },
			Want:    policy.StatusNotApplicable,
			Message: "protocol is not set: HTTP on an Application Load Balancer, not checked on a Gateway Load Balancer; PCLZ-AWS-ENC-015 decides it with the load balancer",
		},
		{
			Name:    "NLB plain TCP",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "TCP", "protocol") },
			Want:    policy.StatusFail,
			Message: "TCP listener does not encrypt in transit; use TLS (NLB) or HTTPS (ALB) with a TLS 1.2+ policy",
		},
		{
			Name:    "GENEVE",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "GENEVE", "protocol") },
			Want:    policy.StatusNotApplicable,
			Message: "listener protocol GENEVE terminates no client TLS",
		},
		{
			Name: "NLB TLS with a FIPS policy",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "TLS", "protocol")
				policytest.Set(rs[0], "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04", "sslPolicy")
			},
			Want:    policy.StatusPass,
			Message: "TLS listener with TLS 1.2+ policy ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
		},
	},
})
