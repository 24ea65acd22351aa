package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// encTransitCases holds at least one failing case per type PCLZ-AWS-ENC-017 decides, with exact messages.
var encTransitCases = []encStoreCase{
	{"replication group without TLS", typeElastiCacheReplicationGroup, map[string]any{"engine": "redis"}, policy.StatusFail,
		"transitEncryptionEnabled is not set (default false); caches must accept only TLS connections"},
	{"replication group in preferred mode", typeElastiCacheReplicationGroup, map[string]any{"transitEncryptionEnabled": true,
		"transitEncryptionMode": "preferred"}, policy.StatusFail,
		`transitEncryptionMode is "preferred", which still accepts plaintext connections; set it to "required"`},
	{"memcached cluster without TLS", typeElastiCacheCluster, map[string]any{"engine": "memcached", "transitEncryptionEnabled": false}, policy.StatusFail,
		"transitEncryptionEnabled is false; caches must accept only TLS connections"},
	{"cluster member of a replication group", typeElastiCacheCluster, map[string]any{"replicationGroupId": "g"}, policy.StatusNotApplicable,
		"the cluster belongs to a replication group, whose setting applies"},
	{"MemoryDB TLS off", typeMemoryDBCluster, map[string]any{"tlsEnabled": false}, policy.StatusFail,
		"tlsEnabled is false; MemoryDB clusters must accept only TLS connections"},
	{"MemoryDB default", typeMemoryDBCluster, map[string]any{}, policy.StatusPass, "tlsEnabled is not set (default true)"},
	{"OpenSearch without HTTPS", typeOpenSearchDomain, map[string]any{"domainEndpointOptions": map[string]any{"enforceHttps": false}}, policy.StatusFail,
		"domainEndpointOptions.enforceHttps is false; search domains must accept only TLS 1.2 or later and encrypt traffic between nodes"},
	{"OpenSearch TLS 1.0 policy", typeOpenSearchDomain, map[string]any{"domainEndpointOptions": map[string]any{
		"tlsSecurityPolicy": "Policy-Min-TLS-1-0-2019-07"}}, policy.StatusFail,
		`domainEndpointOptions.tlsSecurityPolicy "Policy-Min-TLS-1-0-2019-07" accepts TLS before 1.2; set a Policy-Min-TLS-1-2 policy`},
	{"OpenSearch node-to-node off", typeOpenSearchDomain, map[string]any{"domainEndpointOptions": map[string]any{
		"tlsSecurityPolicy": "Policy-Min-TLS-1-2-PFS-2023-10"}}, policy.StatusFail,
		"nodeToNodeEncryption.enabled is not set (default false); search domains must accept only TLS 1.2 or later and encrypt traffic between nodes"},
	{"OpenSearch compliant", typeOpenSearchDomain, map[string]any{"domainEndpointOptions": map[string]any{
		"tlsSecurityPolicy": "Policy-Min-TLS-1-2-PFS-2023-10"}, "nodeToNodeEncryption": map[string]any{"enabled": true}}, policy.StatusPass,
		"HTTPS is enforced with Policy-Min-TLS-1-2-PFS-2023-10 and node-to-node encryption is on"},
	{"MSK plaintext clients", typeMSKCluster, map[string]any{"encryptionInfo": map[string]any{"encryptionInTransit": map[string]any{
		"clientBroker": "TLS_PLAINTEXT"}}}, policy.StatusFail,
		`encryptionInfo.encryptionInTransit.clientBroker is "TLS_PLAINTEXT", which accepts plaintext clients; set it to "TLS"`},
	{"MSK default", typeMSKCluster, map[string]any{}, policy.StatusPass, "encryptionInfo.encryptionInTransit.inCluster is not set (default true)"},
	{"PostgreSQL 14 without force_ssl", typeRDSParameterGroup, map[string]any{"family": "postgres14"}, policy.StatusFail,
		"parameter rds.force_ssl is not set (default 0 for postgres14), so clients may connect without TLS; set it to 1"},
	{"PostgreSQL 16 default", typeRDSParameterGroup, map[string]any{"family": "postgres16"}, policy.StatusPass,
		"rds.force_ssl is not set; its default for postgres16 is on"},
	{"PostgreSQL 16 force_ssl off", typeRDSParameterGroup, map[string]any{"family": "postgres16", "parameters": []any{
		map[string]any{"name": "rds.force_ssl", "value": "0"}}}, policy.StatusFail,
		`parameter rds.force_ssl is "0", so clients may connect without TLS; set it to 1`},
	{"Aurora MySQL cluster group without require_secure_transport", typeRDSClusterParameterGroup, map[string]any{"family": "aurora-mysql8.0"}, policy.StatusFail,
		"parameter require_secure_transport is not set (default OFF for aurora-mysql8.0), so clients may connect without TLS; set it to 1"},
	{"Aurora MySQL with require_secure_transport", typeRDSClusterParameterGroup, map[string]any{"family": "aurora-mysql8.0", "parameters": []any{
		map[string]any{"name": "require_secure_transport", "value": "ON"}}}, policy.StatusPass, "require_secure_transport is ON"},
	{"Oracle family", typeRDSParameterGroup, map[string]any{"family": "oracle-ee-19"}, policy.StatusUnknown,
		`family "oracle-ee-19" enforces TLS outside the parameter group (an option group or the client); the rules cannot see it`},
	{"Redshift without require_ssl", typeRedshiftParameterGroup, map[string]any{"family": "redshift-1.0"}, policy.StatusFail,
		"parameter require_ssl is not set (default false), so clients may connect without TLS; set it to true"},
	{"DocumentDB TLS disabled", typeDocDBClusterParameterGroup, map[string]any{"parameters": []any{map[string]any{"name": "tls", "value": "disabled"}}}, policy.StatusFail,
		`parameter tls is "disabled", so clients may connect without TLS; remove it or set it to enabled`},
	{"Neptune SSL not enforced", typeNeptuneClusterParameterGroup, map[string]any{"parameters": []any{map[string]any{"name": "neptune_enforce_ssl", "value": "0"}}}, policy.StatusFail,
		`parameter neptune_enforce_ssl is "0", so clients may connect without TLS; remove it or set it to 1`},
	{"API Gateway domain default TLS 1.0", typeAPIGatewayDomainName, map[string]any{"domainName": "api.example.police.uk"}, policy.StatusFail,
		`securityPolicy is not set (default TLS_1_0), so the domain accepts TLS 1.0; set it to "TLS_1_2"`},
	{"API Gateway v2 domain TLS 1.0", typeAPIGatewayV2DomainName, map[string]any{"domainNameConfiguration": map[string]any{"securityPolicy": "TLS_1_0"}}, policy.StatusFail,
		`domainNameConfiguration.securityPolicy is "TLS_1_0"; set it to "TLS_1_2"`},
	{"CloudFront default certificate", typeCloudFrontDistribution, map[string]any{"viewerCertificate": map[string]any{"cloudfrontDefaultCertificate": true},
		"defaultCacheBehavior": map[string]any{"viewerProtocolPolicy": "redirect-to-https"}}, policy.StatusFail,
		"viewerCertificate.cloudfrontDefaultCertificate is true, which allows TLS 1.0; use an ACM certificate with minimumProtocolVersion TLSv1.2_2021"},
	{"CloudFront allow-all viewers", typeCloudFrontDistribution, map[string]any{"viewerCertificate": map[string]any{"minimumProtocolVersion": "TLSv1.2_2021"},
		"defaultCacheBehavior": map[string]any{"viewerProtocolPolicy": "allow-all"}}, policy.StatusFail,
		`defaultCacheBehavior.viewerProtocolPolicy is "allow-all", so viewers may use plain HTTP; set it to "redirect-to-https" or "https-only"`},
	{"CloudFront http-only origin", typeCloudFrontDistribution, map[string]any{"viewerCertificate": map[string]any{"minimumProtocolVersion": "TLSv1.2_2021"},
		"defaultCacheBehavior": map[string]any{"viewerProtocolPolicy": "https-only"},
		"origins":              []any{map[string]any{"customOriginConfig": map[string]any{"originProtocolPolicy": "http-only", "originSslProtocols": []any{"TLSv1.2"}}}}},
		policy.StatusFail, `origins[0].customOriginConfig.originProtocolPolicy is "http-only"; set it to "https-only"`},
	{"DMS endpoint without TLS", typeDMSEndpoint, map[string]any{"engineName": "postgres"}, policy.StatusFail,
		`sslMode is not set (default none), so the endpoint connects without TLS; set it to "verify-full"`},
	{"DMS S3 endpoint", typeDMSEndpoint, map[string]any{"engineName": "s3"}, policy.StatusNotApplicable,
		"engine s3 is reached through its AWS API over HTTPS"},
	{"ECS EFS volume without TLS", typeECSTaskDefinition, map[string]any{"volumes": []any{map[string]any{"name": "data",
		"efsVolumeConfiguration": map[string]any{"fileSystemId": "fs-1"}}}}, policy.StatusFail,
		`volumes[0].efsVolumeConfiguration.transitEncryption is not set (default DISABLED), so the EFS volume is mounted without TLS; set it to "ENABLED"`},
	{"EMR without in-transit encryption", typeEMRSecurityConfiguration, map[string]any{"configuration": `{"EncryptionConfiguration":{"EnableAtRestEncryption":true}}`},
		policy.StatusFail, "configuration EncryptionConfiguration.EnableInTransitEncryption is not true; EMR security configurations must turn on in-transit encryption"},
}

var _ = fixtures.Add(func() policytest.Fixture {
	base := func() []*policy.Resource {
		return []*policy.Resource{policytest.AWS(typeElastiCacheReplicationGroup, "sessions", map[string]any{
			"engine": "valkey", "transitEncryptionEnabled": true, "transitEncryptionMode": "required"})}
	}
	cases := []policytest.Case{
		{
			Name: "transit encryption computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "transitEncryptionEnabled")
			},
			Want:    policy.StatusUnknown,
			Message: "transitEncryptionEnabled is computed; caches must accept only TLS connections",
		},
	}
	for _, c := range encTransitCases {
		cases = append(cases, policytest.Case{
			Name:    c.name,
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[0] = policytest.AWS(c.typ, "sessions", c.inputs) },
			Want:    c.want,
			Message: c.message,
		})
	}
	return policytest.Fixture{
		RuleID:          "PCLZ-AWS-ENC-017",
		Resources:       base,
		BaselineMessage: "transitEncryptionEnabled is true",
		Cases:           cases,
	}
}())
