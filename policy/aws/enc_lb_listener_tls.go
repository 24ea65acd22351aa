package aws

import (
	"slices"

	"github.com/policecloud/landingzones/policy"
)

// encListenerTypes, encListenerRuleTypes and encLoadBalancerTypes are the ELBv2 resources, under both of
// the module names pulumi-aws v6 registers them with.
var (
	encListenerTypes     = []string{typeLBListener, typeALBListener}
	encListenerRuleTypes = []string{typeLBListenerRule, typeALBListenerRule}
	encLoadBalancerTypes = []string{typeLBLoadBalancer, typeALBLoadBalancer}
)

// encTLSPolicies are the predefined ELB security policies whose minimum protocol is TLS 1.2.
var encTLSPolicies = []string{
	"ELBSecurityPolicy-TLS13-1-2-2021-06",
	"ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
	"ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
	"ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
	"ELBSecurityPolicy-TLS13-1-3-2021-06",
	"ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-FS-1-2-2019-08",
	"ELBSecurityPolicy-FS-1-2-Res-2019-08",
	"ELBSecurityPolicy-FS-1-2-Res-2020-10",
	"ELBSecurityPolicy-TLS-1-2-2017-01",
	"ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
}

// encTLSPolicyExample is the policy remediation text recommends.
const encTLSPolicyExample = "ELBSecurityPolicy-TLS13-1-2-2021-06"

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-ENC-015",
		Title: "Load balancer listeners accept only TLS 1.2 or later",
		Description: "Every Application or Network Load Balancer listener must terminate TLS (HTTPS or TLS) with a " +
			"predefined security policy whose minimum protocol is TLS 1.2; the provider's default " +
			"ELBSecurityPolicy-2016-08 still allows TLS 1.0. A plain HTTP listener is accepted only when its " +
			"default action and every listener rule on it redirect to HTTPS. Plain TCP, UDP and TCP_UDP listeners " +
			"carry whatever the client sends and fail (waivable where the target terminates TLS itself). A " +
			"listener with no protocol is HTTP (the ALB default) unless it belongs to a Gateway Load Balancer of " +
			"this stack, which is not checked. Judged before create by the twin PCLZ-AWS-ENC-020 (a listener's " +
			"own protocol, security policy and default actions); judged here, only after the resources exist: " +
			"a listener with no protocol (its load balancer's type decides) and the listener rules on an HTTP " +
			"listener. A listener the twin reports is not applicable here, so one fault gives one finding.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"1"},
		ResourceTypes: slices.Concat(encListenerTypes, encListenerRuleTypes, encLoadBalancerTypes),
		Remediation: "Create listeners with `protocol: \"HTTPS\"` (ALB) or `\"TLS\"` (NLB), a `certificateArn` and " +
			"`sslPolicy: \"" + encTLSPolicyExample + "\"` (or another TLS 1.2+ policy: the FS-1-2, TLS-1-2, TLS13-1-2 " +
			"and TLS13-1-3 families). Port 80 listeners may only have `defaultActions: [{type: \"redirect\", " +
			"redirect: {protocol: \"HTTPS\", port: \"443\", statusCode: \"HTTP_301\"}}]` and no forwarding listener rules.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "alb-http-to-https-redirection-check"},
			{Source: "AWS Config", ID: "elb-tls-https-listeners-only"},
			{Source: "Security Hub", ID: "ELB.1"},
			{Source: "Checkov", ID: "CKV_AWS_2"},
			{Source: "Checkov", ID: "CKV_AWS_103"},
		},
		Waivable: true,
		Reads: slices.Concat(policy.Reads(typeLBListener, "protocol", "sslPolicy", "defaultActions"),
			policy.Reads(typeALBListener, "protocol", "sslPolicy", "defaultActions"),
			policy.Reads(typeLBListenerRule, "actions"), policy.Reads(typeALBListenerRule, "actions"),
			policy.Reads(typeLBLoadBalancer, "loadBalancerType"), policy.Reads(typeALBLoadBalancer, "loadBalancerType")),
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		var out []policy.Result
		for _, l := range rs {
			if l != nil && slices.Contains(encListenerTypes, l.Type) {
				out = append(out, regWithURN(encListenerTLS(rs, l), l))
			}
		}
		return out
	},
})

// encListenerTwin is the ID of PCLZ-AWS-ENC-015's resource-level twin.
const encListenerTwin = "PCLZ-AWS-ENC-020"

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    encListenerTwin,
		Title: "A load balancer listener's own protocol, TLS policy and default action carry only TLS 1.2 or later",
		Description: "The resource-level half of PCLZ-AWS-ENC-015, judged on each listener alone so that `pulumi up` " +
			"refuses it before it is created (the engine runs stack rules only after every step): an HTTPS or TLS " +
			"listener with no sslPolicy or one below TLS 1.2, a plain TCP, UDP or TCP_UDP listener, and an HTTP " +
			"listener whose default action does not redirect to HTTPS. A listener with no protocol (HTTP on an " +
			"ALB, not checked on a Gateway Load Balancer) and the listener rules on an HTTP listener are left to " +
			"PCLZ-AWS-ENC-015, which sees the load balancer and the rules.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"1"},
		ResourceTypes: encListenerTypes,
		Remediation: "Set `protocol: \"HTTPS\"` (ALB) or `\"TLS\"` (NLB) with `sslPolicy: \"" + encTLSPolicyExample + "\"` " +
			"(or another TLS 1.2+ policy); a port 80 listener may only have `defaultActions: [{type: \"redirect\", " +
			"redirect: {protocol: \"HTTPS\", port: \"443\", statusCode: \"HTTP_301\"}}]`.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "elb-tls-https-listeners-only"},
			{Source: "Security Hub", ID: "ELB.1"},
			{Source: "Checkov", ID: "CKV_AWS_2"},
			{Source: "Checkov", ID: "CKV_AWS_103"},
		},
		Waivable: true,
		Reads: policy.Reads(typeLBListener, "protocol", "sslPolicy", "defaultActions.type",
			"defaultActions.redirect.protocol"),
	},
	Check: func(_ *policy.Context, l *policy.Resource) policy.Result { return encListenerOwn(l) },
})

// encListenerOwn judges one listener on its own settings (PCLZ-AWS-ENC-020).
func encListenerOwn(l *policy.Resource) policy.Result {
	proto, k := policy.Str(l.Get("protocol"))
	switch {
	case k == policy.Unknown:
		return policy.Undecided("protocol is computed; listeners must use HTTPS or TLS with a TLS 1.2+ policy")
	case k == policy.Absent:
		return policy.NotApplicable("protocol is not set: HTTP on an Application Load Balancer, not checked on a Gateway " +
			"Load Balancer; PCLZ-AWS-ENC-015 decides it with the load balancer")
	}
	switch proto {
	case "HTTPS", "TLS":
		pol, pk := policy.Str(l.Get("sslPolicy"))
		switch {
		case pk == policy.Unknown:
			return policy.Undecided("sslPolicy is computed; it must be a TLS 1.2+ policy such as %s", encTLSPolicyExample)
		case pk == policy.Absent || pol == "":
			return policy.Fail("%s listener has no sslPolicy, so ELBSecurityPolicy-2016-08 (TLS 1.0) applies; set a TLS 1.2+ "+
				"policy such as %s", proto, encTLSPolicyExample)
		case !slices.Contains(encTLSPolicies, pol):
			return policy.Fail("sslPolicy %q is not on the TLS 1.2+ allow-list; use a policy such as %s", pol, encTLSPolicyExample)
		}
		return policy.Pass("%s listener with TLS 1.2+ policy %s", proto, pol)
	case "HTTP":
		if res, ok := encRedirectsOnly(l, "defaultActions", "HTTP listener's default action"); !ok {
			return res
		}
		return policy.NotApplicable("HTTP listener's default action redirects to HTTPS; PCLZ-AWS-ENC-015 judges the listener " +
			"rules on it")
	case "TCP", "UDP", "TCP_UDP":
		return policy.Fail("%s listener does not encrypt in transit; use TLS (NLB) or HTTPS (ALB) with a TLS 1.2+ policy", proto)
	default:
		return policy.NotApplicable("listener protocol %s terminates no client TLS", proto)
	}
}

// encListenerTLS decides one listener: what the twin leaves to the stack (no protocol, the listener
// rules on an HTTP listener).
func encListenerTLS(rs []*policy.Resource, l *policy.Resource) policy.Result {
	own := encListenerOwn(l)
	switch own.Status {
	case policy.StatusPass:
		return own
	case policy.StatusFail, policy.StatusUnknown, policy.StatusError:
		return policy.JudgedByTwin("listener", encListenerTwin, []*policy.Resource{l})
	}
	proto, k := policy.Str(l.Get("protocol"))
	if k == policy.Absent {
		switch lb := encListenerLBType(rs, l); lb {
		case "gateway":
			return policy.NotApplicable("listener of a Gateway Load Balancer forwards GENEVE traffic to appliances and terminates no TLS")
		case "computed":
			return policy.Undecided("protocol is not set and the load balancer's type is computed; listeners must use HTTPS or TLS")
		}
		proto = "HTTP"
	}
	if proto == "HTTP" {
		return encHTTPRedirectOnly(rs, l)
	}
	return own
}

// encListenerLBType returns the type of the load balancer of this stack a listener belongs to
// ("application" when not set), "computed" when that is computed, or "" when the load balancer is not
// found.
func encListenerLBType(rs []*policy.Resource, l *policy.Resource) string {
	for _, lb := range rs {
		if lb == nil || !slices.Contains(encLoadBalancerTypes, lb.Type) || !l.Refers("loadBalancerArn", lb) {
			continue
		}
		t, k := policy.Str(lb.Get("loadBalancerType"))
		switch k {
		case policy.Unknown:
			return "computed"
		case policy.Absent:
			return "application"
		}
		return t
	}
	return ""
}

// encHTTPRedirectOnly decides a plain HTTP listener: its default actions and the actions of every
// listener rule on it must all redirect to HTTPS.
func encHTTPRedirectOnly(rs []*policy.Resource, l *policy.Resource) policy.Result {
	if res, ok := encRedirectsOnly(l, "defaultActions", "HTTP listener's default action"); !ok {
		return res
	}
	unlinked := false
	for _, rule := range rs {
		if rule == nil || !slices.Contains(encListenerRuleTypes, rule.Type) {
			continue
		}
		if !rule.Refers("listenerArn", l) {
			if rule.Get("listenerArn").IsComputed() && len(rule.PropertyDependencies["listenerArn"]) == 0 {
				unlinked = true
			}
			continue
		}
		if res, ok := encRedirectsOnly(rule, "actions", "listener rule "+rule.Name+" on this HTTP listener"); !ok {
			return res
		}
	}
	if unlinked {
		return policy.Undecided("a listener rule's listenerArn is computed with no dependency, so it may forward plain HTTP " +
			"on this listener; HTTP listeners may only redirect to HTTPS")
	}
	return policy.Pass("HTTP listener only redirects to HTTPS")
}

// encRedirectsOnly reports whether every action in the list at prop redirects to HTTPS; when not, res
// says why (what names the actions' owner).
func encRedirectsOnly(r *policy.Resource, prop, what string) (res policy.Result, ok bool) {
	actions, k := policy.List(r.Get(prop))
	switch {
	case k == policy.Unknown:
		return policy.Undecided("%s is computed; HTTP listeners may only redirect to HTTPS", what), false
	case len(actions) == 0:
		return policy.Fail("%s is not set; HTTP listeners may only redirect to HTTPS", what), false
	}
	for i := range actions {
		typ, tk := policy.Str(r.Get(prop, i, "type"))
		proto, pk := policy.Str(r.Get(prop, i, "redirect", "protocol"))
		switch {
		case tk == policy.Unknown || pk == policy.Unknown:
			return policy.Undecided("%s is computed; HTTP listeners may only redirect to HTTPS", what), false
		case typ != "redirect":
			return policy.Fail("%s is %s, not a redirect to HTTPS; serve HTTPS or TLS with a TLS 1.2+ policy", what, typ), false
		case proto != "HTTPS":
			return policy.Fail("%s redirects to protocol %q, not HTTPS; set redirect.protocol HTTPS", what, proto), false
		}
	}
	return policy.Result{}, true
}
