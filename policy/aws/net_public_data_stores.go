package aws

import (
	"maps"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// perTypeCheck is the check of one resource type by a data-driven rule, and the inputs it reads.
type perTypeCheck struct {
	Reads []string
	Check func(r *policy.Resource) policy.Result
}

// dsPubFlag fails when a boolean that makes the resource reachable from the internet is true (def when
// absent).
func dsPubFlag(name string, def bool, what string) perTypeCheck {
	return perTypeCheck{[]string{name}, func(r *policy.Resource) policy.Result {
		on, k := encBoolish(r.Get(encDotted(nil, name)...))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("%s is computed; %s must not be reachable from the internet", name, what)
		case k == policy.Absent && def:
			return policy.Fail("%s is not set (default true), so the %s is reachable from the internet; set it to false", name, what)
		case k == policy.Present && on:
			return policy.Fail("%s is true, so the %s is reachable from the internet; set it to false", name, what)
		}
		return policy.Pass("%s is not true", name)
	}}
}

// dsPubPublicACLs are the canned ACLs that grant access to everyone or to any AWS account.
var dsPubPublicACLs = []string{"public-read", "public-read-write", "authenticated-read"}

// dsPubGroupURIs are the grantee groups meaning everyone and any AWS account.
var dsPubGroupURIs = []string{"http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"}

// dsPubACL decides a canned ACL input and a list of grants (each with a grantee uri at granteePath).
func dsPubACL(r *policy.Resource, aclPath string, grantsPath []any, granteePath ...any) policy.Result {
	acl, k := policy.Str(r.Get(encDotted(nil, aclPath)...))
	switch {
	case k == policy.Unknown:
		return policy.Undecided("%s is computed; buckets must not grant access to everyone", aclPath)
	case slices.Contains(dsPubPublicACLs, acl):
		return policy.Fail("%s is %q, which grants access to everyone; remove it and keep the bucket private", aclPath, acl)
	}
	grants, gk := policy.List(r.Get(grantsPath...))
	if gk == policy.Unknown {
		return policy.Undecided("%s is computed; buckets must not grant access to everyone", encPath(grantsPath))
	}
	for i := range grants {
		p := append(append(slices.Clone(grantsPath), i), granteePath...)
		uri, uk := policy.Str(r.Get(p...))
		switch {
		case uk == policy.Unknown:
			return policy.Undecided("%s is computed; buckets must not grant access to everyone", encPath(p))
		case slices.Contains(dsPubGroupURIs, uri):
			return policy.Fail("%s grants access to %s; remove the grant", encPath(p), uri)
		}
	}
	return policy.Pass("no ACL grants access to everyone")
}

// dsPubChecks lists every type PCLZ-AWS-NET-050 decides. Public IPs of subnets, instances, launch templates and
// RDS instances (PCLZ-AWS-NET-004), security groups and network ACLs (NET-001, NET-002) and bucket public
// access blocks (NET-005, NET-006) have their own rules.
var dsPubChecks = map[string]perTypeCheck{
	typeRDSClusterInstance:     dsPubFlag("publiclyAccessible", false, "database instance"),
	typeRedshiftCluster:        {[]string{"publiclyAccessible", "elasticIp"}, dsPubRedshift},
	typeDMSReplicationInstance: dsPubFlag("publiclyAccessible", false, "replication instance"),
	typeMQBroker:               dsPubFlag("publiclyAccessible", false, "message broker"),
	typeOpenSearchDomain:       {[]string{"vpcOptions"}, dsPubOpenSearch},
	typeLambdaFunctionURL:      {[]string{"authorizationType"}, dsPubFunctionURL},
	typeLambdaPermission:       {[]string{"functionUrlAuthType", "principal", "sourceArn", "sourceAccount", "principalOrgId"}, dsPubLambdaPermission},
	typeEKSCluster:             {[]string{"vpcConfig.endpointPublicAccess", "vpcConfig.publicAccessCidrs"}, dsPubEKS},
	typeSageMakerNotebookInstance: {[]string{"directInternetAccess"}, func(r *policy.Resource) policy.Result {
		s, k := policy.Str(r.Get("directInternetAccess"))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("directInternetAccess is computed; notebooks must not reach the internet directly")
		case s != "Disabled":
			return policy.Fail("directInternetAccess is %s, so the notebook reaches the internet directly; set it to \"Disabled\"",
				encOr(s, "not set (default Enabled)"))
		}
		return policy.Pass("directInternetAccess is Disabled")
	}},
	typeLBLoadBalancer:  {[]string{"internal", "loadBalancerType"}, dsPubLoadBalancer},
	typeALBLoadBalancer: {[]string{"internal", "loadBalancerType"}, dsPubLoadBalancer},
	typeMSKCluster:      {[]string{"brokerNodeGroupInfo.connectivityInfo.publicAccess.type"}, dsPubMSK},
	typeS3BucketACLV2: {[]string{"acl", "accessControlPolicy.grants.grantee.uri"}, func(r *policy.Resource) policy.Result {
		return dsPubACL(r, "acl", []any{"accessControlPolicy", "grants"}, "grantee", "uri")
	}},
	typeS3BucketV2: {[]string{"acl", "grants.uri", "websites"}, func(r *policy.Resource) policy.Result {
		if res, ok := dsPubInlineWebsite(r, "websites"); ok {
			return res
		}
		return dsPubACL(r, "acl", []any{"grants"}, "uri")
	}},
	typeS3Bucket: {[]string{"acl", "grants.uri", "website"}, func(r *policy.Resource) policy.Result {
		if res, ok := dsPubInlineWebsite(r, "website"); ok {
			return res
		}
		return dsPubACL(r, "acl", []any{"grants"}, "uri")
	}},
	typeSecretsManagerSecretPolicy: {[]string{"blockPublicPolicy"}, func(r *policy.Resource) policy.Result {
		on, k := policy.Bool(r.Get("blockPublicPolicy"))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("blockPublicPolicy is computed; secret policies must be refused when they grant public access")
		case !on:
			return policy.Fail("blockPublicPolicy is %s, so Secrets Manager accepts a policy that grants public access to the "+
				"secret; set it to true", encOrFalse(k, on))
		}
		return policy.Pass("blockPublicPolicy is true")
	}},
	typeS3AccessPoint: {[]string{"publicAccessBlockConfiguration"}, dsPubAccessPoint},
	typeS3BucketOwnershipControls: {[]string{"rule.objectOwnership"}, func(r *policy.Resource) policy.Result {
		o, k := policy.Str(r.Get("rule", "objectOwnership"))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("rule.objectOwnership is computed; bucket ACLs must be disabled")
		case o != "BucketOwnerEnforced":
			return policy.Fail("rule.objectOwnership is %s, so ACLs can still grant access; set it to \"BucketOwnerEnforced\"",
				encOr(o, "not set"))
		}
		return policy.Pass("ACLs are disabled (BucketOwnerEnforced)")
	}},
	typeS3BucketWebsiteConfigurationV2: {[]string{"indexDocument", "redirectAllRequestsTo"}, func(*policy.Resource) policy.Result {
		return policy.Fail("the bucket is configured as a static website, served over plain HTTP to anyone its policy admits; " +
			"remove the website configuration")
	}},
	typeECSService: {[]string{"networkConfiguration.assignPublicIp"}, func(r *policy.Resource) policy.Result {
		on, k := policy.Bool(r.Get("networkConfiguration", "assignPublicIp"))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("networkConfiguration.assignPublicIp is computed; tasks must not get public IP addresses")
		case on:
			return policy.Fail("networkConfiguration.assignPublicIp is true, so every task gets a public IP address; set it to false")
		}
		return policy.Pass("tasks get no public IP address")
	}},
	typeEKSNodeGroup: {[]string{"remoteAccess.ec2SshKey", "remoteAccess.sourceSecurityGroupIds"}, func(r *policy.Resource) policy.Result {
		ra := r.Get("remoteAccess")
		switch {
		case ra.IsComputed():
			return policy.Undecided("remoteAccess is computed; nodes must not accept SSH from anywhere")
		case ra.IsNull():
			return policy.Pass("no SSH remote access")
		}
		sgs, k := policy.Strings(r.Get("remoteAccess", "sourceSecurityGroupIds"))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("remoteAccess.sourceSecurityGroupIds is computed; nodes must not accept SSH from anywhere")
		case len(sgs) == 0:
			return policy.Fail("remoteAccess has no sourceSecurityGroupIds, so port 22 on every node is open to 0.0.0.0/0; name " +
				"source security groups or remove remoteAccess")
		}
		return policy.Pass("SSH is limited to security groups %s", strings.Join(sgs, ", "))
	}},
}

func dsPubRedshift(r *policy.Resource) policy.Result {
	if res := dsPubFlag("publiclyAccessible", false, "cluster").Check(r); res.Status != policy.StatusPass {
		return res
	}
	ip, k := policy.Str(r.Get("elasticIp"))
	switch {
	case k == policy.Unknown:
		return policy.Undecided("elasticIp is computed; clusters must not be reachable from the internet")
	case k == policy.Present && ip != "":
		return policy.Fail("elasticIp %q gives the cluster a public address; remove it", ip)
	}
	return policy.Pass("publiclyAccessible is not true and no elastic IP is attached")
}

func dsPubOpenSearch(r *policy.Resource) policy.Result {
	v := r.Get("vpcOptions")
	switch {
	case v.IsComputed():
		return policy.Undecided("vpcOptions is computed; search domains must be reachable only inside a VPC")
	case v.IsNull():
		return policy.Fail("vpcOptions is not set, so the domain has a public endpoint; place it in private subnets with vpcOptions")
	}
	subnets, k := policy.Strings(r.Get("vpcOptions", "subnetIds"))
	if k == policy.Present && len(subnets) == 0 && !r.Get("vpcOptions", "subnetIds").IsComputed() {
		return policy.Fail("vpcOptions.subnetIds is empty, so the domain has a public endpoint; name private subnets")
	}
	return policy.Pass("the domain is reachable only inside its VPC")
}

func dsPubFunctionURL(r *policy.Resource) policy.Result {
	t, k := policy.Str(r.Get("authorizationType"))
	switch {
	case k == policy.Unknown:
		return policy.Undecided("authorizationType is computed; function URLs must require IAM authentication")
	case t == "NONE":
		return policy.Fail("authorizationType is \"NONE\", so anyone on the internet can invoke the function; set it to \"AWS_IAM\"")
	}
	return policy.Pass("authorizationType is %s", t)
}

func dsPubLambdaPermission(r *policy.Resource) policy.Result {
	t, k := policy.Str(r.Get("functionUrlAuthType"))
	switch {
	case k == policy.Unknown:
		return policy.Undecided("functionUrlAuthType is computed; permissions must not open the function to everyone")
	case t == "NONE":
		return policy.Fail("functionUrlAuthType is \"NONE\", so anyone on the internet can invoke the function URL; grant " +
			"AWS_IAM access to named principals")
	}
	p, pk := policy.Str(r.Get("principal"))
	if pk == policy.Unknown {
		return policy.Undecided("principal is computed; permissions must not open the function to everyone")
	}
	if p != "*" {
		return policy.Pass("principal is %s", p)
	}
	for _, cond := range []string{"sourceArn", "sourceAccount", "principalOrgId"} {
		v := r.Get(cond)
		if s, k := policy.Str(v); v.IsComputed() || (k == policy.Present && s != "") {
			return policy.Pass("principal * is limited by %s", cond)
		}
	}
	return policy.Fail("principal is \"*\" with no sourceArn, sourceAccount or principalOrgId, so anyone can invoke the " +
		"function; name the calling service or account")
}

func dsPubEKS(r *policy.Resource) policy.Result {
	on, k := policy.Bool(r.Get("vpcConfig", "endpointPublicAccess"))
	switch {
	case k == policy.Unknown:
		return policy.Undecided("vpcConfig.endpointPublicAccess is computed; the Kubernetes API must not be open to the internet")
	case k == policy.Present && !on:
		return policy.Pass("the Kubernetes API endpoint is private")
	}
	cidrs, ck := policy.Strings(r.Get("vpcConfig", "publicAccessCidrs"))
	switch {
	case ck == policy.Unknown:
		return policy.Undecided("vpcConfig.publicAccessCidrs is computed; the Kubernetes API must not be open to the internet")
	case ck == policy.Absent || len(cidrs) == 0:
		return policy.Fail("vpcConfig.endpointPublicAccess is %s and publicAccessCidrs is not set (default 0.0.0.0/0), so the "+
			"Kubernetes API is open to the internet; set endpointPublicAccess false", encOrBool(k, on))
	}
	for _, c := range cidrs {
		if c == "0.0.0.0/0" || c == "::/0" {
			return policy.Fail("vpcConfig.publicAccessCidrs includes %s, so the Kubernetes API is open to the internet; set "+
				"endpointPublicAccess false", c)
		}
	}
	return policy.Pass("the public Kubernetes API endpoint is limited to %s", strings.Join(cidrs, ", "))
}

// encOrBool renders a boolean that may be absent (default true).
func encOrBool(k policy.Known, b bool) string {
	if k == policy.Absent {
		return "not set (default true)"
	}
	if b {
		return "true"
	}
	return "false"
}

func dsPubLoadBalancer(r *policy.Resource) policy.Result {
	t, tk := policy.Str(r.Get("loadBalancerType"))
	if tk == policy.Present && t == "gateway" {
		return policy.NotApplicable("Gateway Load Balancers have no listener facing the internet")
	}
	return dsPubFlagInternal(r)
}

func dsPubFlagInternal(r *policy.Resource) policy.Result {
	on, k := policy.Bool(r.Get("internal"))
	switch {
	case k == policy.Unknown:
		return policy.Undecided("internal is computed; load balancers must be internal")
	case k == policy.Absent:
		return policy.Fail("internal is not set (default false), so the load balancer faces the internet; set internal true, " +
			"or waive it for a public service fronted by a web application firewall")
	case !on:
		return policy.Fail("internal is false, so the load balancer faces the internet; set internal true, or waive it for " +
			"a public service fronted by a web application firewall")
	}
	return policy.Pass("the load balancer is internal")
}

func dsPubMSK(r *policy.Resource) policy.Result {
	t, k := policy.Str(r.Get("brokerNodeGroupInfo", "connectivityInfo", "publicAccess", "type"))
	switch {
	case k == policy.Unknown:
		return policy.Undecided("brokerNodeGroupInfo.connectivityInfo.publicAccess.type is computed; brokers must not be public")
	case t == "SERVICE_PROVIDED_EIPS":
		return policy.Fail("brokerNodeGroupInfo.connectivityInfo.publicAccess.type is \"SERVICE_PROVIDED_EIPS\", so brokers " +
			"have public addresses; set it to \"DISABLED\"")
	}
	return policy.Pass("brokers have no public addresses")
}

func dsPubAccessPoint(r *policy.Resource) policy.Result {
	v := r.Get("publicAccessBlockConfiguration")
	if v.IsComputed() {
		return policy.Undecided("publicAccessBlockConfiguration is computed; access points must block public access")
	}
	for _, f := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
		on, k := policy.Bool(r.Get("publicAccessBlockConfiguration", f))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("publicAccessBlockConfiguration.%s is computed; access points must block public access", f)
		case k == policy.Present && !on:
			return policy.Fail("publicAccessBlockConfiguration.%s is false; leave every public access block setting on", f)
		}
	}
	return policy.Pass("public access is blocked (defaults true)")
}

// dsPubReads is what PCLZ-AWS-NET-050 reads, for Meta.Reads.
func dsPubReads() []policy.PropertyRef {
	var out []policy.PropertyRef
	for _, typ := range slices.Sorted(maps.Keys(dsPubChecks)) {
		out = append(out, policy.Reads(typ, dsPubChecks[typ].Reads...)...)
	}
	return out
}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-NET-050",
		Title: "Data stores, functions and service endpoints refuse public access",
		Description: "Many services can be opened to the internet by one input, whatever the security groups say: Aurora " +
			"cluster instances, Redshift, DMS and Amazon MQ with publiclyAccessible (or a Redshift elastic IP), " +
			"OpenSearch domains outside a VPC, Lambda function URLs with authorizationType NONE and permissions for " +
			"anyone, the EKS API endpoint (public to 0.0.0.0/0 by default), SageMaker notebooks with direct internet " +
			"access (the default), internet-facing load balancers (the default), MSK brokers with public addresses, " +
			"bucket ACLs granting everyone, and access points with a public access block setting turned off.",
		Pack:          policy.PackIsolation,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"11", "3"},
		ResourceTypes: slices.Sorted(maps.Keys(dsPubChecks)),
		Remediation: "Leave `publiclyAccessible` false and attach no elastic IP; give OpenSearch `vpcOptions` with private " +
			"subnets; set function URLs to `AWS_IAM` and limit `principal: \"*\"` permissions with `sourceArn`, " +
			"`sourceAccount` or `principalOrgId`; set EKS `vpcConfig.endpointPublicAccess: false`; set SageMaker " +
			"`directInternetAccess: \"Disabled\"`; create load balancers with `internal: true` (waive a public " +
			"service fronted by a WAF); keep MSK `publicAccess.type` DISABLED; use no public bucket ACL or grant; keep " +
			"access point public access blocks on.",
		References: []policy.Reference{
			{Source: "Security Hub", ID: "RDS.2"},
			{Source: "Security Hub", ID: "Redshift.1"},
			{Source: "Security Hub", ID: "DMS.1"},
			{Source: "Security Hub", ID: "MQ.3"},
			{Source: "Security Hub", ID: "Opensearch.2"},
			{Source: "Security Hub", ID: "Lambda.1"},
			{Source: "Security Hub", ID: "EKS.1"},
			{Source: "Security Hub", ID: "SageMaker.2"},
			{Source: "Security Hub", ID: "MSK.4"},
			{Source: "Security Hub", ID: "S3.2"},
			{Source: "Checkov", ID: "CKV_AWS_87"},
			{Source: "Checkov", ID: "CKV_AWS_38"},
			{Source: "Checkov", ID: "CKV_AWS_122"},
			{Source: "Checkov", ID: "CKV_AWS_258"},
		},
		Waivable: true,
		Reads:    dsPubReads(),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		c, ok := dsPubChecks[r.Type]
		if !ok {
			return policy.NotApplicable("not a resource this rule covers")
		}
		return c.Check(r)
	},
})

// dsPubInlineWebsite decides a bucket's deprecated inline website configuration; ok is false when there is
// none, so the ACL check decides.
func dsPubInlineWebsite(r *policy.Resource, prop string) (policy.Result, bool) {
	v := r.Get(prop)
	switch {
	case v.IsComputed():
		return policy.Undecided("%s is computed; buckets must not be static websites", prop), true
	case v.IsNull():
		return policy.Result{}, false
	case v.IsArray() && v.AsArray().Len() == 0:
		return policy.Result{}, false
	}
	return policy.Fail("%s makes the bucket a static website, served over plain HTTP to anyone its policy admits; remove it", prop), true
}

// encOrFalse renders a boolean that may be absent (default false).
func encOrFalse(k policy.Known, b bool) string {
	if k == policy.Absent {
		return "not set (default false)"
	}
	if b {
		return "true"
	}
	return "false"
}
