package aws

import (
	"maps"
	"slices"

	"github.com/policecloud/landingzones/policy"
)

// dsAuthChecks lists every type PCLZ-AWS-IAM-050 decides, with the inputs each check reads.
var dsAuthChecks = map[string]perTypeCheck{
	typeElastiCacheReplicationGroup: {[]string{"authToken", "userGroupIds", "engine"}, dsAuthElastiCacheGroup},
	typeElastiCacheServerlessCache:  {[]string{"userGroupId"}, dsAuthServerlessCache},
	typeMemoryDBCluster:             {[]string{"aclName"}, dsAuthMemoryDB},
	typeMSKCluster:                  {[]string{"clientAuthentication.unauthenticated", "clientAuthentication.sasl", "clientAuthentication.tls"}, dsAuthMSK},
	typeEC2Instance:                 {[]string{"metadataOptions.httpTokens", "metadataOptions.httpEndpoint"}, dsAuthIMDS},
	typeEC2LaunchTemplate:           {[]string{"metadataOptions.httpTokens", "metadataOptions.httpEndpoint"}, dsAuthIMDS},
}

func dsAuthElastiCacheGroup(r *policy.Resource) policy.Result {
	const req = "caches must authenticate every client"
	if engine, _ := policy.Str(r.Get("engine")); engine == "memcached" {
		return policy.NotApplicable("memcached has no client authentication")
	}
	tok, users := r.Get("authToken"), r.Get("userGroupIds")
	if tok.IsComputed() || users.IsComputed() {
		if tok.IsComputed() {
			return policy.Pass("authToken is set (a secret, computed)")
		}
		return policy.Undecided("userGroupIds is computed; %s", req)
	}
	if s, k := policy.Str(tok); k == policy.Present && s != "" {
		return policy.Pass("clients authenticate with the AUTH token")
	}
	if ids, _ := policy.Strings(users); len(ids) > 0 {
		return policy.Pass("clients authenticate as users of %s", ids[0])
	}
	return policy.Fail("neither authToken nor userGroupIds is set, so any client that reaches the cache can use it; " +
		"attach a user group (RBAC) or an AUTH token")
}

func dsAuthServerlessCache(r *policy.Resource) policy.Result {
	v := r.Get("userGroupId")
	s, k := policy.Str(v)
	switch {
	case k == policy.Unknown:
		return policy.Pass("userGroupId is set (computed)")
	case k == policy.Absent || s == "":
		return policy.Fail("userGroupId is not set, so the default user with no password can use the cache; attach a user group")
	}
	return policy.Pass("clients authenticate as users of %s", s)
}

func dsAuthMemoryDB(r *policy.Resource) policy.Result {
	s, k := policy.Str(r.Get("aclName"))
	switch {
	case k == policy.Unknown:
		return policy.Undecided("aclName is computed; MemoryDB clusters must authenticate every client")
	case s == "open-access":
		return policy.Fail("aclName is \"open-access\", so any client that reaches the cluster can use it; attach an ACL with users")
	}
	return policy.Pass("clients authenticate through ACL %s", s)
}

func dsAuthMSK(r *policy.Resource) policy.Result {
	const req = "Kafka clusters must authenticate every client"
	ca := r.Get("clientAuthentication")
	if ca.IsComputed() {
		return policy.Undecided("clientAuthentication is computed; %s", req)
	}
	unauth, uk := policy.Bool(r.Get("clientAuthentication", "unauthenticated"))
	switch {
	case uk == policy.Unknown:
		return policy.Undecided("clientAuthentication.unauthenticated is computed; %s", req)
	case unauth:
		return policy.Fail("clientAuthentication.unauthenticated is true, so any client that reaches the brokers can use them; " +
			"set it to false and use IAM, SASL/SCRAM or mutual TLS")
	case r.Get("clientAuthentication", "sasl").IsNull() && r.Get("clientAuthentication", "tls").IsNull():
		return policy.Fail("clientAuthentication names neither sasl nor tls, so clients connect unauthenticated; use IAM, " +
			"SASL/SCRAM or mutual TLS")
	}
	return policy.Pass("clients authenticate with SASL or mutual TLS")
}

func dsAuthIMDS(r *policy.Resource) policy.Result {
	const req = "instances must require IMDSv2 session tokens, so that a server-side request forgery cannot read their credentials"
	ep, ek := policy.Str(r.Get("metadataOptions", "httpEndpoint"))
	tok, tk := policy.Str(r.Get("metadataOptions", "httpTokens"))
	switch {
	case ek == policy.Unknown || tk == policy.Unknown:
		return policy.Undecided("metadataOptions is computed; %s", req)
	case ep == "disabled":
		return policy.Pass("the instance metadata service is disabled")
	case tok != "required":
		return policy.Fail("metadataOptions.httpTokens is %s; %s: set it to \"required\"", encOr(tok, "not set (default optional)"), req)
	}
	return policy.Pass("IMDSv2 session tokens are required")
}

// dsAuthReads is what PCLZ-AWS-IAM-050 reads, for Meta.Reads.
func dsAuthReads() []policy.PropertyRef {
	var out []policy.PropertyRef
	for _, typ := range slices.Sorted(maps.Keys(dsAuthChecks)) {
		out = append(out, policy.Reads(typ, dsAuthChecks[typ].Reads...)...)
	}
	return out
}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-IAM-050",
		Title: "Caches, Kafka clusters and instances authenticate every caller (AUTH or RBAC, no open access, IMDSv2)",
		Description: "Network reachability is not identity. ElastiCache Redis and Valkey accept any client unless an AUTH " +
			"token or a user group is attached; serverless caches admit the default user; a MemoryDB cluster on the " +
			"open-access ACL authenticates no one; MSK accepts unauthenticated clients unless SASL or mutual TLS is " +
			"configured; and EC2 instances and launch templates answer IMDSv1 requests, which let a server-side " +
			"request forgery read the instance role's credentials, unless httpTokens is required.",
		Pack:          policy.PackIdentity,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"9", "10"},
		ResourceTypes: slices.Sorted(maps.Keys(dsAuthChecks)),
		Remediation: "Attach `userGroupIds` (or an `authToken`) to ElastiCache replication groups and `userGroupId` to " +
			"serverless caches; give MemoryDB an ACL other than open-access; set MSK `clientAuthentication` with " +
			"`sasl` (IAM or SCRAM) or `tls` and `unauthenticated: false`; set `metadataOptions.httpTokens: \"required\"` " +
			"on instances and launch templates.",
		References: []policy.Reference{
			{Source: "Security Hub", ID: "ElastiCache.6"},
			{Source: "Security Hub", ID: "MSK.6"},
			{Source: "Security Hub", ID: "EC2.8"},
			{Source: "Security Hub", ID: "EC2.170"},
			{Source: "Checkov", ID: "CKV_AWS_31"},
			{Source: "Checkov", ID: "CKV_AWS_79"},
		},
		Waivable: true,
		Reads:    dsAuthReads(),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		c, ok := dsAuthChecks[r.Type]
		if !ok {
			return policy.NotApplicable("not a resource this rule covers")
		}
		return c.Check(r)
	},
})
