package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// regCopiesSubject is the URN of the resource every case judges: cases swap in resources of other types
// under the same URN.
var regCopiesSubject = policytest.URN(typeDynamodbTable, "records")

// regCopiesCase replaces the judged resource; link, when set, makes its top-level input depend on the
// stack's London bucket (rs[1]).
type regCopiesCase struct {
	name   string
	typ    string
	inputs map[string]any
	link   string
	ctx    []string
	// bucketRegion, when set, moves the stack's bucket (rs[1]) to a provider in that region.
	bucketRegion string
	want         policy.Status
	message      string
}

const regOutside = " is outside the UK allow-list (eu-west-2)"

var regCopiesCases = []regCopiesCase{
	{name: "DynamoDB replica in Ireland", typ: typeDynamodbTable, inputs: map[string]any{"replicas": []any{
		map[string]any{"regionName": "eu-west-2"}, map[string]any{"regionName": "eu-west-1"}}},
		want: policy.StatusFail, message: `replicas[1].regionName "eu-west-1"` + regOutside},
	{name: "DynamoDB restored from a Virginia table", typ: typeDynamodbTable,
		inputs: map[string]any{"restoreSourceTableArn": "arn:aws:dynamodb:us-east-1:111122223333:table/records"},
		want:   policy.StatusFail, message: `restoreSourceTableArn region "us-east-1"` + regOutside},
	{name: "DynamoDB replica computed", typ: typeDynamodbTable, inputs: map[string]any{"replicas": policy.UnknownSentinel},
		want: policy.StatusUnknown, message: "replicas is computed; every replicas.regionName must name a region in eu-west-2"},
	{name: "no cross-region property", typ: typeDynamodbTable, inputs: map[string]any{"name": "records"},
		want: policy.StatusNotApplicable, message: "no cross-region property is set"},
	{name: "legacy global table", typ: typeDynamodbGlobalTable, inputs: map[string]any{"replicas": []any{map[string]any{"regionName": "us-east-1"}}},
		want: policy.StatusFail, message: `replicas[0].regionName "us-east-1"` + regOutside},
	{name: "table replica of a Frankfurt table", typ: typeDynamodbTableReplica,
		inputs: map[string]any{"globalTableArn": "arn:aws:dynamodb:eu-central-1:111122223333:table/records"},
		want:   policy.StatusFail, message: `globalTableArn region "eu-central-1"` + regOutside},
	{name: "read replica of an Irish database", typ: typeRDSInstance,
		inputs: map[string]any{"replicateSourceDb": "arn:aws:rds:eu-west-1:111122223333:db:records"},
		want:   policy.StatusFail, message: `replicateSourceDb region "eu-west-1"` + regOutside},
	{name: "read replica named by identifier (same region)", typ: typeRDSInstance, inputs: map[string]any{"replicateSourceDb": "records"},
		want: policy.StatusPass, message: "every cross-region property is in an allowed region (replicateSourceDb)"},
	{name: "Aurora cluster in a global cluster", typ: typeRDSCluster, inputs: map[string]any{"globalClusterIdentifier": "records-global"},
		want: policy.StatusFail, message: "globalClusterIdentifier makes this a member of a global (multi-region) resource, but the only " +
			"allowed region is eu-west-2, so its other members would be outside it; remove globalClusterIdentifier"},
	{name: "Aurora cluster in a global cluster, two regions allowed", typ: typeRDSCluster,
		inputs: map[string]any{"globalClusterIdentifier": "records-global"}, ctx: []string{"eu-west-2", "eu-west-1"},
		want: policy.StatusUnknown, message: "globalClusterIdentifier makes this a member of a global resource whose other members may " +
			"be in any region and any stack; each must be in eu-west-2, eu-west-1"},
	{name: "Aurora replica from another region", typ: typeRDSCluster, inputs: map[string]any{"sourceRegion": "us-west-2"},
		want: policy.StatusFail, message: `sourceRegion "us-west-2"` + regOutside},
	{name: "RDS global cluster", typ: typeRDSGlobalCluster, inputs: map[string]any{"sourceDbClusterIdentifier": "arn:aws:rds:eu-west-2:1:cluster:records"},
		want: policy.StatusFail, message: "sourceDbClusterIdentifier makes this a member of a global (multi-region) resource, but the " +
			"only allowed region is eu-west-2, so its other members would be outside it; remove sourceDbClusterIdentifier"},
	{name: "snapshot copy to Ireland", typ: typeRDSSnapshotCopy, inputs: map[string]any{"destinationRegion": "eu-west-1"},
		want: policy.StatusFail, message: `destinationRegion "eu-west-1"` + regOutside},
	{name: "cluster snapshot copy to Ireland", typ: typeRDSClusterSnapshotCopy, inputs: map[string]any{"destinationRegion": "eu-west-1"},
		want: policy.StatusFail, message: `destinationRegion "eu-west-1"` + regOutside},
	{name: "backup replication from Ireland", typ: typeRDSInstanceAutomatedBackupsReplic,
		inputs: map[string]any{"sourceDbInstanceArn": "arn:aws:rds:eu-west-1:111122223333:db:records"},
		want:   policy.StatusFail, message: `sourceDbInstanceArn region "eu-west-1"` + regOutside},
	{name: "Redshift snapshot copy to Ireland", typ: typeRedshiftCluster,
		inputs: map[string]any{"snapshotCopy": map[string]any{"destinationRegion": "eu-west-1"}},
		want:   policy.StatusFail, message: `snapshotCopy.destinationRegion "eu-west-1"` + regOutside},
	{name: "Redshift snapshot copy resource", typ: typeRedshiftSnapshotCopy, inputs: map[string]any{"destinationRegion": "us-east-1"},
		want: policy.StatusFail, message: `destinationRegion "us-east-1"` + regOutside},
	{name: "DocumentDB global member", typ: typeDocDBCluster, inputs: map[string]any{"globalClusterIdentifier": "g"},
		want: policy.StatusFail, message: "globalClusterIdentifier makes this a member of a global (multi-region) resource, but the only " +
			"allowed region is eu-west-2, so its other members would be outside it; remove globalClusterIdentifier"},
	{name: "DocumentDB global cluster", typ: typeDocDBGlobalCluster, inputs: map[string]any{"sourceDbClusterIdentifier": "c"},
		want: policy.StatusFail, message: "sourceDbClusterIdentifier makes this a member of a global (multi-region) resource, but the " +
			"only allowed region is eu-west-2, so its other members would be outside it; remove sourceDbClusterIdentifier"},
	{name: "Neptune replica of an Irish cluster", typ: typeNeptuneCluster,
		inputs: map[string]any{"replicationSourceIdentifier": "arn:aws:rds:eu-west-1:1:cluster:graph"},
		want:   policy.StatusFail, message: `replicationSourceIdentifier region "eu-west-1"` + regOutside},
	{name: "Neptune global cluster", typ: typeNeptuneGlobalCluster, inputs: map[string]any{"sourceDbClusterIdentifier": "c"},
		want: policy.StatusFail, message: "sourceDbClusterIdentifier makes this a member of a global (multi-region) resource, but the " +
			"only allowed region is eu-west-2, so its other members would be outside it; remove sourceDbClusterIdentifier"},
	{name: "ElastiCache global datastore member", typ: typeElastiCacheReplicationGroup, inputs: map[string]any{"globalReplicationGroupId": "g"},
		want: policy.StatusFail, message: "globalReplicationGroupId makes this a member of a global (multi-region) resource, but the only " +
			"allowed region is eu-west-2, so its other members would be outside it; remove globalReplicationGroupId"},
	{name: "ElastiCache global datastore", typ: typeElastiCacheGlobalReplicationGroup, inputs: map[string]any{"primaryReplicationGroupId": "p"},
		want: policy.StatusFail, message: "primaryReplicationGroupId makes this a member of a global (multi-region) resource, but the only " +
			"allowed region is eu-west-2, so its other members would be outside it; remove primaryReplicationGroupId"},
	{name: "MemoryDB multi-region cluster", typ: typeMemoryDBCluster, inputs: map[string]any{"multiRegionClusterName": "m"},
		want: policy.StatusFail, message: "multiRegionClusterName makes this a member of a global (multi-region) resource, but the only " +
			"allowed region is eu-west-2, so its other members would be outside it; remove multiRegionClusterName"},
	{name: "ECR replication to Ireland", typ: typeECRReplicationConfiguration, inputs: map[string]any{"replicationConfiguration": map[string]any{
		"rules": []any{map[string]any{"destinations": []any{map[string]any{"region": "eu-west-1", "registryId": "1"}}}}}},
		want: policy.StatusFail, message: `replicationConfiguration.rules[0].destinations[0].region "eu-west-1"` + regOutside},
	{name: "secret replica in Ireland", typ: typeSecretsManagerSecret, inputs: map[string]any{"replicas": []any{map[string]any{"region": "eu-west-1"}}},
		want: policy.StatusFail, message: `replicas[0].region "eu-west-1"` + regOutside},
	{name: "EBS snapshot copied from Ireland", typ: typeEBSSnapshotCopy, inputs: map[string]any{"sourceRegion": "eu-west-1"},
		want: policy.StatusFail, message: `sourceRegion "eu-west-1"` + regOutside},
	{name: "AMI copied from Virginia", typ: typeEC2AmiCopy, inputs: map[string]any{"sourceAmiRegion": "us-east-1"},
		want: policy.StatusFail, message: `sourceAmiRegion "us-east-1"` + regOutside},
	{name: "log subscription to a Virginia destination", typ: typeCloudWatchLogSubscriptionFilter,
		inputs: map[string]any{"destinationArn": "arn:aws:logs:us-east-1:111122223333:destination:central"},
		want:   policy.StatusFail, message: `destinationArn region "us-east-1"` + regOutside},
	{name: "log subscription computed from the London bucket", typ: typeCloudWatchLogSubscriptionFilter,
		inputs: map[string]any{"destinationArn": policy.UnknownSentinel}, link: "destinationArn",
		want: policy.StatusPass, message: "every cross-region property is in an allowed region (destinationArn)"},
	{name: "log subscription computed, no dependency", typ: typeCloudWatchLogSubscriptionFilter,
		inputs: map[string]any{"destinationArn": policy.UnknownSentinel},
		want:   policy.StatusUnknown, message: "destinationArn is computed and not shown to come from a resource of this stack; it must be in eu-west-2"},
	{name: "log destination to an Irish stream", typ: typeCloudWatchLogDestination,
		inputs: map[string]any{"targetArn": "arn:aws:kinesis:eu-west-1:111122223333:stream/logs"},
		want:   policy.StatusFail, message: `targetArn region "eu-west-1"` + regOutside},
	{name: "event target on a Virginia bus", typ: typeCloudWatchEventTarget,
		inputs: map[string]any{"arn": "arn:aws:events:us-east-1:111122223333:event-bus/central"},
		want:   policy.StatusFail, message: `arn region "us-east-1"` + regOutside},
	{name: "EFS replication to Ireland", typ: typeEFSReplicationConfiguration, inputs: map[string]any{"destination": map[string]any{"region": "eu-west-1"}},
		want: policy.StatusFail, message: `destination.region "eu-west-1"` + regOutside},
	{name: "MQ replica of an Irish broker", typ: typeMQBroker,
		inputs: map[string]any{"dataReplicationPrimaryBrokerArn": "arn:aws:mq:eu-west-1:1:broker:b:b-1"},
		want:   policy.StatusFail, message: `dataReplicationPrimaryBrokerArn region "eu-west-1"` + regOutside},
	{name: "VPC peering to Ireland", typ: typeEC2VpcPeeringConnection, inputs: map[string]any{"peerRegion": "eu-west-1"},
		want: policy.StatusFail, message: `peerRegion "eu-west-1"` + regOutside},
	{name: "TGW peering to Ireland", typ: typeTGWPeeringAttachment, inputs: map[string]any{"peerRegion": "eu-west-1"},
		want: policy.StatusFail, message: `peerRegion "eu-west-1"` + regOutside},
	{name: "cross-region interface endpoint", typ: typeEC2VpcEndpoint, inputs: map[string]any{"serviceRegion": "us-east-1"},
		want: policy.StatusFail, message: `serviceRegion "us-east-1"` + regOutside},
	{name: "SNS subscription of an Irish queue", typ: typeSNSTopicSubscription,
		inputs: map[string]any{"protocol": "sqs", "endpoint": "arn:aws:sqs:eu-west-1:1:q"},
		want:   policy.StatusFail, message: `endpoint region "eu-west-1"` + regOutside},
	{name: "SNS subscription to a web endpoint", typ: typeSNSTopicSubscription,
		inputs: map[string]any{"protocol": "https", "endpoint": "https://hooks.example.com/x"},
		want:   policy.StatusUnknown, message: `endpoint "https://hooks.example.com/x" is not an AWS resource, so where it delivers cannot ` +
			"be seen; subscribe only resources of this stack in eu-west-2"},
	{name: "Firehose to a bucket of no stack", typ: typeFirehoseDeliveryStream,
		inputs: map[string]any{"destination": "extended_s3", "extendedS3Configuration": map[string]any{"bucketArn": "arn:aws:s3:::elsewhere"}},
		want:   policy.StatusUnknown, message: `extendedS3Configuration.bucketArn names bucket "elsewhere", which this stack does not ` +
			"create, so its region cannot be seen; it must be in eu-west-2"},
	{name: "Firehose to the London bucket by ARN", typ: typeFirehoseDeliveryStream,
		inputs: map[string]any{"destination": "extended_s3", "extendedS3Configuration": map[string]any{"bucketArn": "arn:aws:s3:::pos-logs"}},
		want:   policy.StatusPass, message: "every cross-region property is in an allowed region (extendedS3Configuration.bucketArn)"},
	{name: "Firehose to an HTTP endpoint", typ: typeFirehoseDeliveryStream,
		inputs: map[string]any{"destination": "http_endpoint", "httpEndpointConfiguration": map[string]any{"url": "https://siem.example.com"}},
		want:   policy.StatusUnknown, message: "httpEndpointConfiguration.url sends data to an endpoint outside AWS, whose jurisdiction " +
			"the rules cannot see; deliver only to resources of this stack in eu-west-2"},
	{name: "Bedrock EU cross-region inference", typ: typeBedrockInferenceProfile, inputs: map[string]any{"modelSource": map[string]any{
		"copyFrom": "arn:aws:bedrock:eu-west-2:111122223333:inference-profile/eu.anthropic.claude-3-7-sonnet-20250219-v1:0"}},
		want: policy.StatusFail, message: `modelSource.copyFrom "arn:aws:bedrock:eu-west-2:111122223333:inference-profile/eu.anthropic.` +
			`claude-3-7-sonnet-20250219-v1:0" is a cross-region inference profile: requests are served in several regions, outside the ` +
			"UK allow-list (eu-west-2); use an in-region model"},
	{name: "Bedrock in-region model", typ: typeBedrockInferenceProfile, inputs: map[string]any{"modelSource": map[string]any{
		"copyFrom": "arn:aws:bedrock:eu-west-2::foundation-model/anthropic.claude-3-7-sonnet-20250219-v1:0"}},
		want: policy.StatusPass, message: "every cross-region property is in an allowed region (modelSource.copyFrom)"},
	{name: "CloudFront distribution", typ: typeCloudFrontDistribution, inputs: map[string]any{"origins": []any{map[string]any{"originId": "web"}}},
		want: policy.StatusFail, message: "origins[0] are served and cached from CloudFront edge locations worldwide, outside the UK " +
			"allow-list (eu-west-2); serve the content from eu-west-2 instead"},
	{name: "S3 Transfer Acceleration", typ: typeS3BucketAccelerateConfigurationV2, inputs: map[string]any{"bucket": "pos-logs", "status": "Enabled"},
		want: policy.StatusFail, message: `status is "Enabled": Transfer Acceleration carries every upload and download through ` +
			"CloudFront edge locations worldwide, outside the UK allow-list (eu-west-2); suspend it"},
	{name: "S3 Transfer Acceleration suspended", typ: typeS3BucketAccelerateConfigurationV2, inputs: map[string]any{"status": "Suspended"},
		want: policy.StatusNotApplicable, message: "no cross-region property is set"},
	{name: "legacy bucket with acceleration", typ: typeS3Bucket, inputs: map[string]any{"accelerationStatus": "Enabled"},
		want: policy.StatusFail, message: `accelerationStatus is "Enabled": Transfer Acceleration carries every upload and download ` +
			"through CloudFront edge locations worldwide, outside the UK allow-list (eu-west-2); suspend it"},
	{name: "inventory to a bucket of no stack", typ: typeS3Inventory, inputs: map[string]any{"destination": map[string]any{
		"bucket": map[string]any{"bucketArn": "arn:aws:s3:::central-inventory", "format": "CSV"}}},
		want: policy.StatusUnknown, message: `destination.bucket.bucketArn names bucket "central-inventory", which this stack does ` +
			"not create, so its region cannot be seen; it must be in eu-west-2"},
	{name: "analytics export to the London bucket", typ: typeS3AnalyticsConfiguration, inputs: map[string]any{"storageClassAnalysis": map[string]any{
		"dataExport": map[string]any{"destination": map[string]any{"s3BucketDestination": map[string]any{"bucketArn": "arn:aws:s3:::pos-logs"}}}}},
		want: policy.StatusPass, message: "every cross-region property is in an allowed region " +
			"(storageClassAnalysis.dataExport.destination.s3BucketDestination.bucketArn)"},
	{name: "Firehose to the stack's bucket on an Irish provider", typ: typeFirehoseDeliveryStream, bucketRegion: "eu-west-1",
		inputs: map[string]any{"destination": "extended_s3", "extendedS3Configuration": map[string]any{"bucketArn": "arn:aws:s3:::pos-logs"}},
		want:   policy.StatusFail, message: `extendedS3Configuration.bucketArn bucket pos-logs provider aws-london region "eu-west-1"` + regOutside},
	{name: "inventory to the stack's bucket on an Irish provider", typ: typeS3Inventory, bucketRegion: "eu-west-1",
		inputs: map[string]any{"destination": map[string]any{"bucket": map[string]any{"bucketArn": "arn:aws:s3:::pos-logs"}}},
		want:   policy.StatusFail, message: `destination.bucket.bucketArn bucket pos-logs provider aws-london region "eu-west-1"` + regOutside},
	{name: "analytics export to the stack's bucket on an Irish provider", typ: typeS3AnalyticsConfiguration, bucketRegion: "eu-west-1",
		inputs: map[string]any{"storageClassAnalysis": map[string]any{"dataExport": map[string]any{"destination": map[string]any{
			"s3BucketDestination": map[string]any{"bucketArn": "arn:aws:s3:::pos-logs"}}}}},
		want: policy.StatusFail, message: `storageClassAnalysis.dataExport.destination.s3BucketDestination.bucketArn bucket pos-logs ` +
			`provider aws-london region "eu-west-1"` + regOutside},
	{name: "bucket with inline Transfer Acceleration", typ: typeS3BucketV2, inputs: map[string]any{"accelerationStatus": "Enabled"},
		want: policy.StatusFail, message: `accelerationStatus is "Enabled": Transfer Acceleration carries every upload and download ` +
			"through CloudFront edge locations worldwide, outside the UK allow-list (eu-west-2); suspend it"},
	{name: "log subscription to a destination that is not an ARN", typ: typeCloudWatchLogSubscriptionFilter,
		inputs: map[string]any{"destinationArn": "central"},
		want:   policy.StatusUnknown, message: `destinationArn "central" is not an ARN, so the region it names cannot be seen; it must be in eu-west-2`},
}

var _ = fixtures.Add(func() policytest.Fixture {
	base := func() []*policy.Resource {
		table := policytest.AWS(typeDynamodbTable, "records", map[string]any{"name": "records",
			"replicas": []any{map[string]any{"regionName": "eu-west-2"}}})
		bucket := policytest.AWS(typeS3BucketV2, "pos-logs", map[string]any{"bucket": "pos-logs"})
		return []*policy.Resource{table, bucket}
	}
	cases := []policytest.Case{
		{
			Name: "computed from a bucket on an Irish provider",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeCloudWatchEventTarget, "records", map[string]any{"arn": policy.UnknownSentinel})
				rs[0].URN = regCopiesSubject
				policytest.Link(rs[0], "arn", rs[1])
				rs[1].Provider = policytest.AWSProvider("eu-west-1")
			},
			Want:    policy.StatusFail,
			Message: `arn source pos-logs provider aws-london region "eu-west-1"` + regOutside,
		},
		{
			Name: "computed from a stack reference",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeCloudWatchEventTarget, "records", map[string]any{"arn": policy.UnknownSentinel})
				rs[0].URN = regCopiesSubject
				policytest.Link(rs[0], "arn", policytest.AWS("pulumi:pulumi:StackReference", "central", nil))
			},
			Want: policy.StatusUnknown,
			Message: "arn is computed from central, which is not in this stack, so its region cannot be seen; it must be in " +
				"eu-west-2",
		},
		{
			Name: "computed from a component of this stack",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeCloudWatchEventTarget, "records", map[string]any{"arn": policy.UnknownSentinel})
				rs[0].URN = regCopiesSubject
				rs[1] = &policy.Resource{Type: "policecloud:aws:Foundation", Name: "foundation", URN: policytest.URN("policecloud:aws:Foundation", "foundation")}
				policytest.Link(rs[0], "arn", rs[1])
			},
			Want: policy.StatusUnknown,
			Message: "arn is computed from foundation (policecloud:aws:Foundation), which is not an AWS resource, so its region " +
				"cannot be seen; it must be in eu-west-2",
		},
	}
	for _, c := range regCopiesCases {
		cases = append(cases, policytest.Case{
			Name: c.name,
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				rs[0] = policytest.AWS(c.typ, "records", c.inputs)
				rs[0].URN = regCopiesSubject
				if c.link != "" {
					policytest.Link(rs[0], c.link, rs[1])
				}
				if c.ctx != nil {
					ctx.AWSRegions = c.ctx
				}
				if c.bucketRegion != "" {
					rs[1].Provider = policytest.AWSProvider(c.bucketRegion)
				}
			},
			Want:    c.want,
			Message: c.message,
		})
	}
	return policytest.Fixture{
		RuleID:          "PCLZ-AWS-REG-006",
		Resources:       base,
		Subject:         regCopiesSubject,
		BaselineMessage: "every cross-region property is in an allowed region (replicas[0].regionName)",
		Cases:           cases,
	}
}())
