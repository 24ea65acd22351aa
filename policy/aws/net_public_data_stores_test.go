package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// dsPubCases holds at least one failing case per type PCLZ-AWS-NET-050 decides, with exact messages.
var dsPubCases = []encStoreCase{
	{"Aurora instance public", typeRDSClusterInstance, map[string]any{"publiclyAccessible": true}, policy.StatusFail,
		"publiclyAccessible is true, so the database instance is reachable from the internet; set it to false"},
	{"Aurora instance default", typeRDSClusterInstance, map[string]any{}, policy.StatusPass, "publiclyAccessible is not true"},
	{"Redshift public", typeRedshiftCluster, map[string]any{"publiclyAccessible": true}, policy.StatusFail,
		"publiclyAccessible is true, so the cluster is reachable from the internet; set it to false"},
	{"Redshift with an elastic IP", typeRedshiftCluster, map[string]any{"elasticIp": "203.0.113.10"}, policy.StatusFail,
		`elasticIp "203.0.113.10" gives the cluster a public address; remove it`},
	{"DMS public", typeDMSReplicationInstance, map[string]any{"publiclyAccessible": true}, policy.StatusFail,
		"publiclyAccessible is true, so the replication instance is reachable from the internet; set it to false"},
	{"MQ public", typeMQBroker, map[string]any{"publiclyAccessible": true}, policy.StatusFail,
		"publiclyAccessible is true, so the message broker is reachable from the internet; set it to false"},
	{"OpenSearch outside a VPC", typeOpenSearchDomain, map[string]any{"domainName": "d"}, policy.StatusFail,
		"vpcOptions is not set, so the domain has a public endpoint; place it in private subnets with vpcOptions"},
	{"OpenSearch in a VPC", typeOpenSearchDomain, map[string]any{"vpcOptions": map[string]any{"subnetIds": []any{"subnet-1"}}}, policy.StatusPass,
		"the domain is reachable only inside its VPC"},
	{"function URL without auth", typeLambdaFunctionURL, map[string]any{"authorizationType": "NONE"}, policy.StatusFail,
		`authorizationType is "NONE", so anyone on the internet can invoke the function; set it to "AWS_IAM"`},
	{"permission for an open function URL", typeLambdaPermission, map[string]any{"action": "lambda:InvokeFunctionUrl", "principal": "*",
		"functionUrlAuthType": "NONE"}, policy.StatusFail,
		`functionUrlAuthType is "NONE", so anyone on the internet can invoke the function URL; grant AWS_IAM access to named principals`},
	{"permission for anyone", typeLambdaPermission, map[string]any{"action": "lambda:InvokeFunction", "principal": "*"}, policy.StatusFail,
		`principal is "*" with no sourceArn, sourceAccount or principalOrgId, so anyone can invoke the function; name the calling service or account`},
	{"permission for a service with a source", typeLambdaPermission, map[string]any{"principal": "*", "sourceAccount": "111122223333"}, policy.StatusPass,
		"principal * is limited by sourceAccount"},
	{"EKS public endpoint by default", typeEKSCluster, map[string]any{"vpcConfig": map[string]any{"subnetIds": []any{"subnet-1"}}}, policy.StatusFail,
		"vpcConfig.endpointPublicAccess is not set (default true) and publicAccessCidrs is not set (default 0.0.0.0/0), so the " +
			"Kubernetes API is open to the internet; set endpointPublicAccess false"},
	{"EKS public endpoint to everyone", typeEKSCluster, map[string]any{"vpcConfig": map[string]any{"endpointPublicAccess": true,
		"publicAccessCidrs": []any{"0.0.0.0/0"}}}, policy.StatusFail,
		"vpcConfig.publicAccessCidrs includes 0.0.0.0/0, so the Kubernetes API is open to the internet; set endpointPublicAccess false"},
	{"EKS private endpoint", typeEKSCluster, map[string]any{"vpcConfig": map[string]any{"endpointPublicAccess": false}}, policy.StatusPass,
		"the Kubernetes API endpoint is private"},
	{"notebook with direct internet access", typeSageMakerNotebookInstance, map[string]any{}, policy.StatusFail,
		`directInternetAccess is not set (default Enabled), so the notebook reaches the internet directly; set it to "Disabled"`},
	{"internet-facing load balancer", typeLBLoadBalancer, map[string]any{"loadBalancerType": "application"}, policy.StatusFail,
		"internal is not set (default false), so the load balancer faces the internet; set internal true, or waive it for a " +
			"public service fronted by a web application firewall"},
	{"internet-facing ALB", typeALBLoadBalancer, map[string]any{"internal": false}, policy.StatusFail,
		"internal is false, so the load balancer faces the internet; set internal true, or waive it for a public service " +
			"fronted by a web application firewall"},
	{"gateway load balancer", typeLBLoadBalancer, map[string]any{"loadBalancerType": "gateway"}, policy.StatusNotApplicable,
		"Gateway Load Balancers have no listener facing the internet"},
	{"MSK public brokers", typeMSKCluster, map[string]any{"brokerNodeGroupInfo": map[string]any{"connectivityInfo": map[string]any{
		"publicAccess": map[string]any{"type": "SERVICE_PROVIDED_EIPS"}}}}, policy.StatusFail,
		`brokerNodeGroupInfo.connectivityInfo.publicAccess.type is "SERVICE_PROVIDED_EIPS", so brokers have public addresses; set it to "DISABLED"`},
	{"bucket ACL public-read", typeS3BucketACLV2, map[string]any{"acl": "public-read"}, policy.StatusFail,
		`acl is "public-read", which grants access to everyone; remove it and keep the bucket private`},
	{"bucket ACL grant to AllUsers", typeS3BucketACLV2, map[string]any{"accessControlPolicy": map[string]any{"grants": []any{
		map[string]any{"permission": "READ", "grantee": map[string]any{"type": "Group", "uri": "http://acs.amazonaws.com/groups/global/AllUsers"}}}}},
		policy.StatusFail, "accessControlPolicy.grants[0].grantee.uri grants access to http://acs.amazonaws.com/groups/global/AllUsers; remove the grant"},
	{"bucket inline public ACL", typeS3BucketV2, map[string]any{"acl": "public-read-write"}, policy.StatusFail,
		`acl is "public-read-write", which grants access to everyone; remove it and keep the bucket private`},
	{"legacy bucket grant to authenticated users", typeS3Bucket, map[string]any{"grants": []any{map[string]any{"type": "Group",
		"permissions": []any{"READ"}, "uri": "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"}}}, policy.StatusFail,
		"grants[0].uri grants access to http://acs.amazonaws.com/groups/global/AuthenticatedUsers; remove the grant"},
	{"access point with a public policy allowed", typeS3AccessPoint, map[string]any{"publicAccessBlockConfiguration": map[string]any{
		"blockPublicPolicy": false}}, policy.StatusFail,
		"publicAccessBlockConfiguration.blockPublicPolicy is false; leave every public access block setting on"},
	{"ACLs still enabled", typeS3BucketOwnershipControls, map[string]any{"rule": map[string]any{"objectOwnership": "ObjectWriter"}}, policy.StatusFail,
		`rule.objectOwnership is "ObjectWriter", so ACLs can still grant access; set it to "BucketOwnerEnforced"`},
	{"static website", typeS3BucketWebsiteConfigurationV2, map[string]any{"indexDocument": map[string]any{"suffix": "index.html"}}, policy.StatusFail,
		"the bucket is configured as a static website, served over plain HTTP to anyone its policy admits; remove the website configuration"},
	{"ECS tasks with public IPs", typeECSService, map[string]any{"networkConfiguration": map[string]any{"assignPublicIp": true}}, policy.StatusFail,
		"networkConfiguration.assignPublicIp is true, so every task gets a public IP address; set it to false"},
	{"EKS nodes open to SSH", typeEKSNodeGroup, map[string]any{"remoteAccess": map[string]any{"ec2SshKey": "ops"}}, policy.StatusFail,
		"remoteAccess has no sourceSecurityGroupIds, so port 22 on every node is open to 0.0.0.0/0; name source security groups or remove remoteAccess"},
	{"bucket with an inline website", typeS3BucketV2, map[string]any{"websites": []any{map[string]any{"indexDocument": "index.html"}}}, policy.StatusFail,
		"websites makes the bucket a static website, served over plain HTTP to anyone its policy admits; remove it"},
	{"legacy bucket with an inline website", typeS3Bucket, map[string]any{"website": map[string]any{"indexDocument": "index.html"}}, policy.StatusFail,
		"website makes the bucket a static website, served over plain HTTP to anyone its policy admits; remove it"},
	{"secret policy without the public block", typeSecretsManagerSecretPolicy, map[string]any{"policy": "{}"}, policy.StatusFail,
		"blockPublicPolicy is not set (default false), so Secrets Manager accepts a policy that grants public access to the secret; set it to true"},
}

var _ = fixtures.Add(func() policytest.Fixture {
	base := func() []*policy.Resource {
		return []*policy.Resource{policytest.AWS(typeRedshiftCluster, "warehouse", map[string]any{"publiclyAccessible": false})}
	}
	cases := []policytest.Case{{
		Name:    "publiclyAccessible computed",
		Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "publiclyAccessible") },
		Want:    policy.StatusUnknown,
		Message: "publiclyAccessible is computed; cluster must not be reachable from the internet",
	}}
	for _, c := range dsPubCases {
		cases = append(cases, policytest.Case{
			Name:    c.name,
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[0] = policytest.AWS(c.typ, "warehouse", c.inputs) },
			Want:    c.want,
			Message: c.message,
		})
	}
	return policytest.Fixture{
		RuleID:          "PCLZ-AWS-NET-050",
		Resources:       base,
		BaselineMessage: "publiclyAccessible is not true and no elastic IP is attached",
		Cases:           cases,
	}
}())
