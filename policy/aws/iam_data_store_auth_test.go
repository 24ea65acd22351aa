package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// dsAuthCases holds at least one failing case per type PCLZ-AWS-IAM-050 decides, with exact messages.
var dsAuthCases = []encStoreCase{
	{"replication group without auth", typeElastiCacheReplicationGroup, map[string]any{"engine": "redis"}, policy.StatusFail,
		"neither authToken nor userGroupIds is set, so any client that reaches the cache can use it; attach a user group (RBAC) or an AUTH token"},
	{"replication group with an AUTH token", typeElastiCacheReplicationGroup, map[string]any{"authToken": policy.UnknownSentinel}, policy.StatusPass,
		"authToken is set (a secret, computed)"},
	{"memcached", typeElastiCacheReplicationGroup, map[string]any{"engine": "memcached"}, policy.StatusNotApplicable,
		"memcached has no client authentication"},
	{"serverless cache without users", typeElastiCacheServerlessCache, map[string]any{"engine": "valkey"}, policy.StatusFail,
		"userGroupId is not set, so the default user with no password can use the cache; attach a user group"},
	{"MemoryDB open access", typeMemoryDBCluster, map[string]any{"aclName": "open-access"}, policy.StatusFail,
		`aclName is "open-access", so any client that reaches the cluster can use it; attach an ACL with users`},
	{"MSK unauthenticated", typeMSKCluster, map[string]any{"clientAuthentication": map[string]any{"unauthenticated": true,
		"sasl": map[string]any{"iam": true}}}, policy.StatusFail,
		"clientAuthentication.unauthenticated is true, so any client that reaches the brokers can use them; set it to false and use IAM, SASL/SCRAM or mutual TLS"},
	{"MSK without client authentication", typeMSKCluster, map[string]any{}, policy.StatusFail,
		"clientAuthentication names neither sasl nor tls, so clients connect unauthenticated; use IAM, SASL/SCRAM or mutual TLS"},
	{"instance on IMDSv1", typeEC2Instance, map[string]any{"instanceType": "t3.micro"}, policy.StatusFail,
		"metadataOptions.httpTokens is not set (default optional); instances must require IMDSv2 session tokens, so that a " +
			`server-side request forgery cannot read their credentials: set it to "required"`},
	{"launch template on IMDSv1", typeEC2LaunchTemplate, map[string]any{"metadataOptions": map[string]any{"httpTokens": "optional"}}, policy.StatusFail,
		`metadataOptions.httpTokens is "optional"; instances must require IMDSv2 session tokens, so that a server-side request ` +
			`forgery cannot read their credentials: set it to "required"`},
	{"metadata service disabled", typeEC2Instance, map[string]any{"metadataOptions": map[string]any{"httpEndpoint": "disabled"}}, policy.StatusPass,
		"the instance metadata service is disabled"},
}

var _ = fixtures.Add(func() policytest.Fixture {
	base := func() []*policy.Resource {
		return []*policy.Resource{policytest.AWS(typeElastiCacheReplicationGroup, "sessions", map[string]any{
			"engine": "valkey", "userGroupIds": []any{"pos-users"}})}
	}
	cases := []policytest.Case{{
		Name:    "user groups computed",
		Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "userGroupIds") },
		Want:    policy.StatusUnknown,
		Message: "userGroupIds is computed; caches must authenticate every client",
	}}
	for _, c := range dsAuthCases {
		cases = append(cases, policytest.Case{
			Name:    c.name,
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[0] = policytest.AWS(c.typ, "sessions", c.inputs) },
			Want:    c.want,
			Message: c.message,
		})
	}
	return policytest.Fixture{
		RuleID:          "PCLZ-AWS-IAM-050",
		Resources:       base,
		BaselineMessage: "clients authenticate as users of pos-users",
		Cases:           cases,
	}
}())
