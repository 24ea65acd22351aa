package aws

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

const encTypeListener, encTypeListenerRule, encTypeLB = "aws:lb/listener:Listener", "aws:lb/listenerRule:ListenerRule", "aws:lb/loadBalancer:LoadBalancer"

// encRedirectHTTPS is the only action a plain HTTP listener may take.
func encRedirectHTTPS() []any {
	return []any{map[string]any{"type": "redirect", "redirect": map[string]any{"protocol": "HTTPS", "port": "443", "statusCode": "HTTP_301"}}}
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AWS-ENC-015",
	Resources: func() []*policy.Resource {
		lb := policytest.AWS(encTypeLB, "portal-alb", map[string]any{"loadBalancerType": "application", "internal": true})
		https := policytest.AWS(encTypeListener, "portal-https", map[string]any{
			"loadBalancerArn": policy.UnknownSentinel, "port": 443, "protocol": "HTTPS",
			"sslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06", "certificateArn": policy.UnknownSentinel,
			"defaultActions": []any{map[string]any{"type": "forward", "targetGroupArn": policy.UnknownSentinel}},
		})
		http := policytest.AWS(encTypeListener, "portal-http", map[string]any{
			"loadBalancerArn": policy.UnknownSentinel, "port": 80, "protocol": "HTTP", "defaultActions": encRedirectHTTPS(),
		})
		rule := policytest.AWS(encTypeListenerRule, "portal-api", map[string]any{
			"listenerArn": policy.UnknownSentinel, "priority": 10,
			"actions": []any{map[string]any{"type": "forward", "targetGroupArn": policy.UnknownSentinel}},
		})
		policytest.Link(https, "loadBalancerArn", lb)
		policytest.Link(http, "loadBalancerArn", lb)
		policytest.Link(rule, "listenerArn", https)
		return []*policy.Resource{lb, https, http, rule}
	},
	Subject:         policytest.URN(encTypeListener, "portal-https"),
	BaselineMessage: "HTTPS listener with TLS 1.2+ policy ELBSecurityPolicy-TLS13-1-2-2021-06",
	Cases: []policytest.Case{
		{
			Name: "TLS 1.0 policy",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], "ELBSecurityPolicy-2016-08", "sslPolicy")
			},
			Want:    policy.StatusNotApplicable,
			Message: "listener portal-https is judged before create by PCLZ-AWS-ENC-020, which names it",
		},
		{
			Name:    "no sslPolicy",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[1], "sslPolicy") },
			Want:    policy.StatusNotApplicable,
			Message: "listener portal-https is judged before create by PCLZ-AWS-ENC-020, which names it",
		},
		{
			Name:    "sslPolicy computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[1], "sslPolicy") },
			Want:    policy.StatusNotApplicable,
			Message: "listener portal-https is judged before create by PCLZ-AWS-ENC-020, which names it",
		},
		{
			Name:    "protocol computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[1], "protocol") },
			Want:    policy.StatusNotApplicable,
			Message: "listener portal-https is judged before create by PCLZ-AWS-ENC-020, which names it",
		},
		{
			Name:    "plain HTTP forwarding",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[1], "HTTP", "protocol") },
			Want:    policy.StatusNotApplicable,
			Message: "listener portal-https is judged before create by PCLZ-AWS-ENC-020, which names it",
		},
		{
			Name:    "protocol omitted on an ALB (HTTP default)",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[1], "protocol") },
			Want:    policy.StatusFail,
			Message: "HTTP listener's default action is forward, not a redirect to HTTPS; serve HTTPS or TLS with a TLS 1.2+ policy",
		},
		{
			Name: "protocol omitted, load balancer type computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[1], "protocol")
				policytest.SetComputed(rs[0], "loadBalancerType")
			},
			Want:    policy.StatusUnknown,
			Message: "protocol is not set and the load balancer's type is computed; listeners must use HTTPS or TLS",
		},
		{
			Name: "Gateway Load Balancer listener",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[1], "protocol")
				policytest.Set(rs[0], "gateway", "loadBalancerType")
			},
			Want:    policy.StatusNotApplicable,
			Message: "listener of a Gateway Load Balancer forwards GENEVE traffic to appliances and terminates no TLS",
		},
		{
			Name:    "NLB plain TCP",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[1], "TCP", "protocol") },
			Want:    policy.StatusNotApplicable,
			Message: "listener portal-https is judged before create by PCLZ-AWS-ENC-020, which names it",
		},
		{
			Name: "NLB TLS with a FIPS policy",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], "TLS", "protocol")
				policytest.Set(rs[1], "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04", "sslPolicy")
			},
			Want:    policy.StatusPass,
			Message: "TLS listener with TLS 1.2+ policy ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
		},
		{
			Name:    "aws:alb module name",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[1].Type = "aws:alb/listener:Listener" },
			Want:    policy.StatusPass,
			Message: "HTTPS listener with TLS 1.2+ policy ELBSecurityPolicy-TLS13-1-2-2021-06",
		},
	},
})

// encHTTPListenerCases check the HTTP listener of the same baseline, which may only redirect to HTTPS
// (the fixture asserts one subject, the HTTPS listener).
var encHTTPListenerCases = []struct {
	name    string
	mutate  func(rs []*policy.Resource)
	want    policy.Status
	message string
}{
	{"redirect to HTTPS", func([]*policy.Resource) {}, policy.StatusPass, "HTTP listener only redirects to HTTPS"},
	{
		"redirect keeps the protocol",
		func(rs []*policy.Resource) {
			policytest.Set(rs[2], "#{protocol}", "defaultActions", 0, "redirect", "protocol")
		},
		policy.StatusNotApplicable,
		"listener portal-http is judged before create by PCLZ-AWS-ENC-020, which names it",
	},
	{
		"no default actions",
		func(rs []*policy.Resource) { policytest.Delete(rs[2], "defaultActions") },
		policy.StatusNotApplicable,
		"listener portal-http is judged before create by PCLZ-AWS-ENC-020, which names it",
	},
	{
		"default actions computed",
		func(rs []*policy.Resource) { policytest.SetComputed(rs[2], "defaultActions") },
		policy.StatusNotApplicable,
		"listener portal-http is judged before create by PCLZ-AWS-ENC-020, which names it",
	},
	{
		"listener rule forwards plain HTTP",
		func(rs []*policy.Resource) { rs[3].PropertyDependencies["listenerArn"] = []string{rs[2].URN} },
		policy.StatusFail,
		"listener rule portal-api on this HTTP listener is forward, not a redirect to HTTPS; serve HTTPS or TLS with a TLS 1.2+ policy",
	},
	{
		"listener rule redirects to HTTPS",
		func(rs []*policy.Resource) {
			rs[3].PropertyDependencies["listenerArn"] = []string{rs[2].URN}
			policytest.Set(rs[3], encRedirectHTTPS(), "actions")
		},
		policy.StatusPass,
		"HTTP listener only redirects to HTTPS",
	},
	{
		"listener rule cannot be linked",
		func(rs []*policy.Resource) { rs[3].PropertyDependencies = nil },
		policy.StatusUnknown,
		"a listener rule's listenerArn is computed with no dependency, so it may forward plain HTTP on this listener; HTTP listeners may only redirect to HTTPS",
	},
	{
		"listener rule in exported state, linked by ID",
		func(rs []*policy.Resource) {
			rs[2].ID = "arn:aws:elasticloadbalancing:eu-west-2:111122223333:listener/app/portal/abc/def"
			rs[3].PropertyDependencies = nil
			policytest.Set(rs[3], rs[2].ID, "listenerArn")
		},
		policy.StatusFail,
		"listener rule portal-api on this HTTP listener is forward, not a redirect to HTTPS; serve HTTPS or TLS with a TLS 1.2+ policy",
	},
}

func TestEncHTTPListenerRedirectOnly(t *testing.T) {
	t.Parallel()
	rule := StackRules()[slices.IndexFunc(StackRules(), func(r policy.StackRule) bool { return r.ID == "PCLZ-AWS-ENC-015" })]
	for _, c := range encHTTPListenerCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var f policytest.Fixture
			for _, fx := range fixtures.Fixtures() {
				if fx.RuleID == rule.ID {
					f = fx
				}
			}
			rs := f.Resources()
			c.mutate(rs)
			ev := policy.Evaluate(policy.NewContext("fixture", tier.Gold), rs, policy.Options{StackRules: []policy.StackRule{rule}})
			i := slices.IndexFunc(ev.Findings, func(fd policy.Finding) bool { return fd.URN == rs[2].URN })
			require.GreaterOrEqual(t, i, 0)
			assert.Equal(t, c.want, ev.Findings[i].Status)
			assert.Equal(t, c.message, ev.Findings[i].Message)
		})
	}
}
