package aws

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// regPartnerKind says how a cross-region property names the place its data goes to (or comes from).
type regPartnerKind int

const (
	// regPartnerRegion: a region name. Absent means the resource's own region.
	regPartnerRegion regPartnerKind = iota
	// regPartnerARN: an ARN, whose region field says where the partner is; a plain name or ID means a
	// partner in the resource's own region. A computed value is decided from the stack resources the
	// input depends on.
	regPartnerARN
	// regPartnerGlobal: membership of a global (multi-region) resource, whose other members may be in any
	// region and in any stack.
	regPartnerGlobal
	// regPartnerEdge: served and cached from edge locations worldwide.
	regPartnerEdge
	// regPartnerExternal: an endpoint outside AWS (a URL), whose jurisdiction cannot be seen.
	regPartnerExternal
	// regPartnerAccelerate: S3 Transfer Acceleration ("Enabled"), which carries every upload and download
	// through CloudFront edge locations worldwide.
	regPartnerAccelerate
)

// regPartner is one cross-region property of a resource type.
type regPartner struct {
	// Path is the input, nested steps joined by "."; arrays on the way are walked element by element.
	Path string
	Kind regPartnerKind
	// Local: a plain name or ID (not an ARN) names a resource in the resource's own region, as the
	// service documents it (an RDS read replica's source given by identifier).
	Local bool
}

// regCopies lists, per type, every property that can put data (or a copy of it) in another region. The
// rule PCLZ-AWS-REG-006 reads them all; S3 replication, backup copies and KMS replicas have their own rules
// (PCLZ-AWS-REG-003, -004 and -005).
var regCopies = map[string][]regPartner{
	typeDynamodbTable:                     {{"replicas.regionName", regPartnerRegion, false}, {"restoreSourceTableArn", regPartnerARN, false}},
	typeDynamodbGlobalTable:               {{"replicas.regionName", regPartnerRegion, false}},
	typeDynamodbTableReplica:              {{"globalTableArn", regPartnerARN, false}},
	typeRDSInstance:                       {{"replicateSourceDb", regPartnerARN, true}},
	typeRDSCluster:                        {{"replicationSourceIdentifier", regPartnerARN, true}, {"sourceRegion", regPartnerRegion, false}, {"globalClusterIdentifier", regPartnerGlobal, false}},
	typeRDSGlobalCluster:                  {{"sourceDbClusterIdentifier", regPartnerGlobal, false}},
	typeRDSSnapshotCopy:                   {{"destinationRegion", regPartnerRegion, false}},
	typeRDSClusterSnapshotCopy:            {{"destinationRegion", regPartnerRegion, false}},
	typeRDSInstanceAutomatedBackupsReplic: {{"sourceDbInstanceArn", regPartnerARN, false}},
	typeRedshiftCluster:                   {{"snapshotCopy.destinationRegion", regPartnerRegion, false}},
	typeRedshiftSnapshotCopy:              {{"destinationRegion", regPartnerRegion, false}},
	typeDocDBCluster:                      {{"globalClusterIdentifier", regPartnerGlobal, false}},
	typeDocDBGlobalCluster:                {{"sourceDbClusterIdentifier", regPartnerGlobal, false}},
	typeNeptuneCluster:                    {{"globalClusterIdentifier", regPartnerGlobal, false}, {"replicationSourceIdentifier", regPartnerARN, true}},
	typeNeptuneGlobalCluster:              {{"sourceDbClusterIdentifier", regPartnerGlobal, false}},
	typeElastiCacheReplicationGroup:       {{"globalReplicationGroupId", regPartnerGlobal, false}},
	typeElastiCacheGlobalReplicationGroup: {{"primaryReplicationGroupId", regPartnerGlobal, false}},
	typeMemoryDBCluster:                   {{"multiRegionClusterName", regPartnerGlobal, false}},
	typeECRReplicationConfiguration:       {{"replicationConfiguration.rules.destinations.region", regPartnerRegion, false}},
	typeSecretsManagerSecret:              {{"replicas.region", regPartnerRegion, false}},
	typeEBSSnapshotCopy:                   {{"sourceRegion", regPartnerRegion, false}},
	typeEC2AmiCopy:                        {{"sourceAmiRegion", regPartnerRegion, false}},
	typeCloudWatchLogSubscriptionFilter:   {{"destinationArn", regPartnerARN, false}},
	typeCloudWatchLogDestination:          {{"targetArn", regPartnerARN, false}},
	typeCloudWatchEventTarget:             {{"arn", regPartnerARN, false}},
	typeEFSReplicationConfiguration:       {{"destination.region", regPartnerRegion, false}},
	typeMQBroker:                          {{"dataReplicationPrimaryBrokerArn", regPartnerARN, false}},
	typeEC2VpcPeeringConnection:           {{"peerRegion", regPartnerRegion, false}},
	typeTGWPeeringAttachment:              {{"peerRegion", regPartnerRegion, false}},
	typeEC2VpcEndpoint:                    {{"serviceRegion", regPartnerRegion, false}},
	typeSNSTopicSubscription:              {{"endpoint", regPartnerARN, false}},
	typeFirehoseDeliveryStream:            {{"extendedS3Configuration.bucketArn", regPartnerARN, false}, {"httpEndpointConfiguration.url", regPartnerExternal, false}},
	typeBedrockInferenceProfile:           {{"modelSource.copyFrom", regPartnerARN, false}},
	typeCloudFrontDistribution:            {{"origins", regPartnerEdge, false}},
	typeS3BucketAccelerateConfigurationV2: {{"status", regPartnerAccelerate, false}},
	typeS3BucketV2:                        {{"accelerationStatus", regPartnerAccelerate, false}},
	typeS3Bucket:                          {{"accelerationStatus", regPartnerAccelerate, false}},
	typeS3Inventory:                       {{"destination.bucket.bucketArn", regPartnerARN, false}},
	typeS3AnalyticsConfiguration:          {{"storageClassAnalysis.dataExport.destination.s3BucketDestination.bucketArn", regPartnerARN, false}},
}

// regCopiesReads is what PCLZ-AWS-REG-006 reads, for Meta.Reads.
func regCopiesReads() []policy.PropertyRef {
	var out []policy.PropertyRef
	for _, typ := range slices.Sorted(maps.Keys(regCopies)) {
		for _, p := range regCopies[typ] {
			out = append(out, policy.PropertyRef{Type: typ, Path: p.Path})
		}
	}
	return out
}

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-REG-006",
		Title: "Replicas, copies, global memberships and delivery targets stay in an allowed UK region",
		Description: "A resource on a London provider can still put data in another region: DynamoDB and Secrets Manager " +
			"replicas, RDS read replicas and snapshot copies, Aurora, DocumentDB, Neptune and ElastiCache global " +
			"datastores, Redshift snapshot copies, ECR replication, EBS snapshot and AMI copies from another region, " +
			"EFS replication, CloudWatch Logs subscriptions and EventBridge targets in another region, SNS " +
			"subscriptions, Firehose destinations, MQ cross-region replication, cross-region VPC peering, Transit " +
			"Gateway peering and interface endpoints, Bedrock cross-region inference profiles, S3 inventory and " +
			"analytics exports, and CloudFront and S3 Transfer Acceleration, which carry content through edge locations " +
			"worldwide. Every such property must name an allowed region. A partner " +
			"whose region cannot be seen (a computed value that does not come from a resource of this stack, a " +
			"global membership whose other members may be in other stacks, an endpoint outside AWS) is unknown, " +
			"never a pass.",
		Pack:          policy.PackRegion,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.1"},
		ResourceTypes: slices.Sorted(maps.Keys(regCopies)),
		Remediation: "Keep every replica, copy and target in eu-west-2 (or another region on the allow-list): name only " +
			"allowed regions in `regionName`, `region`, `destinationRegion`, `sourceRegion`, `peerRegion` and " +
			"`serviceRegion` inputs; pass ARNs of resources this stack creates on the London provider (so the " +
			"dependency is visible at preview); do not join global clusters or datastores while London is the only " +
			"allowed region; use in-region Bedrock model IDs rather than geographic (eu., us., global.) inference " +
			"profiles; serve content from eu-west-2 instead of CloudFront and leave S3 Transfer Acceleration suspended; " +
			"send S3 inventory and analytics exports only to buckets of this stack.",
		Waivable: false,
		Reads:    regCopiesReads(),
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		var out []policy.Result
		for _, r := range rs {
			if r == nil {
				continue
			}
			if partners, ok := regCopies[r.Type]; ok {
				out = append(out, regWithURN(regCheckCopies(ctx, rs, r, partners), r))
			}
		}
		return out
	},
})

// regFound is one value found under a dotted path, with its label ("replicas[1].regionName").
type regFound struct {
	Value policy.Value
	Label string
}

// regWalk gathers the values at a dotted path under r's inputs, walking every element of the arrays met
// on the way. unknownAt names the first computed map or array on the way ("" when none).
func regWalk(r *policy.Resource, path string) (found []regFound, unknownAt string) {
	steps := strings.Split(path, ".")
	var walk func(v policy.Value, label string, rest []string)
	walk = func(v policy.Value, label string, rest []string) {
		switch {
		case v.IsComputed() && len(rest) > 0:
			if unknownAt == "" {
				unknownAt = label
			}
		case v.IsArray():
			for i, it := range v.AsArray().AsSlice() {
				walk(it, fmt.Sprintf("%s[%d]", label, i), rest)
			}
		case len(rest) == 0:
			if !v.IsNull() {
				found = append(found, regFound{Value: v, Label: label})
			}
		case v.IsMap():
			next := rest[0]
			if label != "" {
				next = label + "." + rest[0]
			}
			walk(v.AsMap().Get(rest[0]), next, rest[1:])
		}
	}
	walk(r.Get(steps[0]), steps[0], steps[1:])
	return found, unknownAt
}

// regCheckCopies decides one resource's cross-region properties.
func regCheckCopies(ctx *policy.Context, rs []*policy.Resource, r *policy.Resource, partners []regPartner) policy.Result {
	var results []policy.Result
	var labels []string
	for _, p := range partners {
		found, unknownAt := regWalk(r, p.Path)
		if unknownAt != "" {
			results = append(results, policy.Undecided("%s is computed; every %s must name a region in %s",
				unknownAt, p.Path, regAllowedText(ctx)))
		}
		for _, f := range found {
			res := regCheckPartner(ctx, rs, r, p, f)
			if res.Status == policy.StatusNotApplicable {
				continue
			}
			results = append(results, res)
			labels = append(labels, f.Label)
		}
	}
	if worst, ok := regWorst(results); !ok {
		return worst
	}
	if len(labels) == 0 {
		return policy.NotApplicable("no cross-region property is set")
	}
	return policy.Pass("every cross-region property is in an allowed region (%s)", strings.Join(labels, ", "))
}

// regCheckPartner decides one value of a cross-region property.
func regCheckPartner(ctx *policy.Context, rs []*policy.Resource, r *policy.Resource, p regPartner, f regFound) policy.Result {
	top := strings.SplitN(p.Path, ".", 2)[0]
	switch p.Kind {
	case regPartnerEdge:
		return policy.Fail("%s are served and cached from CloudFront edge locations worldwide, outside the UK allow-list (%s); "+
			"serve the content from %s instead", f.Label, regAllowedText(ctx), regAllowedText(ctx))
	case regPartnerGlobal:
		s, k := policy.Str(f.Value)
		if k == policy.Present && s == "" {
			return policy.NotApplicable("")
		}
		if len(regAllowed(ctx)) < 2 {
			return policy.Fail("%s makes this a member of a global (multi-region) resource, but the only allowed region is %s, "+
				"so its other members would be outside it; remove %s", f.Label, regAllowedText(ctx), top)
		}
		return policy.Undecided("%s makes this a member of a global resource whose other members may be in any region and "+
			"any stack; each must be in %s", f.Label, regAllowedText(ctx))
	case regPartnerAccelerate:
		s, k := policy.Str(f.Value)
		if k != policy.Present || s != "Enabled" {
			return policy.NotApplicable("")
		}
		return policy.Fail("%s is \"Enabled\": Transfer Acceleration carries every upload and download through CloudFront "+
			"edge locations worldwide, outside the UK allow-list (%s); suspend it", f.Label, regAllowedText(ctx))
	case regPartnerExternal:
		s, k := policy.Str(f.Value)
		if k == policy.Present && s == "" {
			return policy.NotApplicable("")
		}
		return policy.Undecided("%s sends data to an endpoint outside AWS, whose jurisdiction the rules cannot see; deliver "+
			"only to resources of this stack in %s", f.Label, regAllowedText(ctx))
	}
	if f.Value.IsComputed() {
		return regComputedPartner(ctx, rs, r, top, f.Label)
	}
	s, k := policy.Str(f.Value)
	if k != policy.Present || s == "" {
		return policy.NotApplicable("")
	}
	if p.Kind == regPartnerRegion {
		return regRegionValue(ctx, f.Label, s)
	}
	if !strings.HasPrefix(s, "arn:") {
		if r.Type == typeSNSTopicSubscription {
			return policy.Undecided("%s %q is not an AWS resource, so where it delivers cannot be seen; subscribe only "+
				"resources of this stack in %s", f.Label, s, regAllowedText(ctx))
		}
		if p.Local {
			// The service reads a name or ID (not an ARN) as a resource in the same region.
			return policy.Pass("")
		}
		return policy.Undecided("%s %q is not an ARN, so the region it names cannot be seen; it must be in %s",
			f.Label, s, regAllowedText(ctx))
	}
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 {
		return policy.Fail("%s %q is not a well-formed ARN; name a resource in %s", f.Label, s, regAllowedText(ctx))
	}
	service, region, resource := parts[2], parts[3], parts[5]
	if service == "bedrock" && strings.HasPrefix(resource, "inference-profile/") {
		id := strings.TrimPrefix(resource, "inference-profile/")
		for _, geo := range []string{"eu.", "us.", "us-gov.", "apac.", "global.", "ca.", "jp.", "au."} {
			if strings.HasPrefix(id, geo) {
				return policy.Fail("%s %q is a cross-region inference profile: requests are served in several regions, "+
					"outside the UK allow-list (%s); use an in-region model", f.Label, s, regAllowedText(ctx))
			}
		}
	}
	if region == "" && service == "s3" {
		name := encS3ARNName(s)
		i := slices.IndexFunc(rs, func(b *policy.Resource) bool {
			return b != nil && slices.Contains(encBucketTypes, b.Type) && encBucketName(b) != "" && encBucketName(b) == name
		})
		if i < 0 {
			return policy.Undecided("%s names bucket %q, which this stack does not create, so its region cannot be seen; "+
				"it must be in %s", f.Label, name, regAllowedText(ctx))
		}
		return regProviderRegion(ctx, rs[i], f.Label+" bucket "+rs[i].Name)
	}
	if region == "" {
		return policy.Undecided("%s %q names no region, so where the data goes cannot be seen; it must be in %s",
			f.Label, s, regAllowedText(ctx))
	}
	return regRegionValue(ctx, f.Label+" region", region)
}

// regRegionValue decides a known region name.
func regRegionValue(ctx *policy.Context, label, region string) policy.Result {
	if !slices.Contains(regAllowed(ctx), region) {
		return policy.Fail("%s %q is outside the UK allow-list (%s)", label, region, regAllowedText(ctx))
	}
	return policy.Pass("")
}

// regComputedPartner decides a computed partner from the stack resources the top-level input depends on:
// each must be on a provider in an allowed region, and every dependency must be a resource of the stack.
func regComputedPartner(ctx *policy.Context, rs []*policy.Resource, r *policy.Resource, top, label string) policy.Result {
	deps := r.PropertyDependencies[top]
	var results []policy.Result
	for _, urn := range deps {
		i := slices.IndexFunc(rs, func(x *policy.Resource) bool { return x != nil && x.URN == urn })
		if i < 0 {
			return policy.Undecided("%s is computed from %s, which is not in this stack, so its region cannot be seen; "+
				"it must be in %s", label, regURNName(urn), regAllowedText(ctx))
		}
		if !strings.HasPrefix(rs[i].Type, "aws:") {
			return policy.Undecided("%s is computed from %s (%s), which is not an AWS resource, so its region cannot be seen; "+
				"it must be in %s", label, rs[i].Name, rs[i].Type, regAllowedText(ctx))
		}
		results = append(results, regProviderRegion(ctx, rs[i], label+" source "+rs[i].Name))
	}
	if len(deps) == 0 {
		return policy.Undecided("%s is computed and not shown to come from a resource of this stack; it must be in %s",
			label, regAllowedText(ctx))
	}
	if worst, ok := regWorst(results); !ok {
		return worst
	}
	return policy.Pass("")
}
