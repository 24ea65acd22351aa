package awslz

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/internal/mockcloud"
	"github.com/policecloud/landingzones/internal/stackctx"
	"github.com/policecloud/landingzones/lztest"
	"github.com/policecloud/landingzones/policy"
)

// runTierWith runs a tier environment of stack st under the mock cloud, then extra (given the environment
// and its provider) in the same program.
func runTierWith(t *testing.T, st *config.Stack, extra func(ctx *pulumi.Context, env *TierEnvironment, opts ...pulumi.ResourceOption) error) *mockcloud.Cloud {
	t.Helper()
	c := mockcloud.New(mockcloud.Options{Stack: st.Name})
	require.NoError(t, c.Run(func(ctx *pulumi.Context) error {
		args := tierArgs(st, testFoundation())
		if err := withBackupCopy(ctx, args); err != nil {
			return err
		}
		env, err := NewTierEnvironment(ctx, st.LandingZone+"-"+string(st.Tier), args)
		if err != nil || extra == nil {
			return err
		}
		return extra(ctx, env, pulumi.Provider(env.Provider))
	}))
	return c
}

// only returns the one resource of type typ whose name ends with suffix.
func only(t *testing.T, c *mockcloud.Cloud, typ, suffix string) *policy.Resource {
	t.Helper()
	var out []*policy.Resource
	for _, r := range c.Find(typ) {
		if strings.HasSuffix(r.Name, suffix) {
			out = append(out, r)
		}
	}
	require.Len(t, out, 1, "%s *%s", typ, suffix)
	return out[0]
}

func str(t *testing.T, r *policy.Resource, path ...any) string {
	t.Helper()
	s, k := policy.Str(r.Get(path...))
	require.Equal(t, policy.Present, k, "%s %v", r.Name, path)
	return s
}

// TestBronzePatchRepository: the tier without internet gets an internal patch repository (encrypted
// with the tier's data key, versioned, public access blocked, TLS only, read only through the tier's own
// S3 endpoint by the tier's account), its S3 endpoint answers S3's regional name inside the VPC, and its
// baseline installs from the repository only. The isolation pack still finds no path out of Bronze.
func TestBronzePatchRepository(t *testing.T) {
	t.Parallel()
	st := loadStack(t, "pos-bronze")
	c := runTierWith(t, st, nil)

	bucket := only(t, c, "aws:s3/bucketV2:BucketV2", "-patches")
	name := bucket.ID // the bucket's name, which Pulumi chooses
	require.True(t, strings.HasPrefix(name, "pos-bronze-patches"), name)
	assert.Equal(t, "patches", str(t, bucket, "tags", "Purpose"))
	sse := only(t, c, "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", "-patches-encryption")
	assert.Equal(t, "aws:kms", str(t, sse, "rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm"))
	for _, dep := range sse.PropertyDependencies["rules"] {
		assert.True(t, strings.HasSuffix(dep, "pos-bronze-data-key"), "encrypted with the tier's data key: %s", dep)
	}
	assert.Equal(t, "Enabled", str(t, only(t, c, "aws:s3/bucketVersioningV2:BucketVersioningV2", "-patches-versioning"), "versioningConfiguration", "status"))
	pab := only(t, c, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "-patches-public-access")
	for _, f := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
		on, _ := policy.Bool(pab.Get(f))
		assert.True(t, on, f)
	}

	s3ep := only(t, c, "aws:ec2/vpcEndpoint:VpcEndpoint", "-endpoint-s3")
	on, _ := policy.Bool(s3ep.Get("privateDnsEnabled"))
	assert.True(t, on, "S3's regional name resolves to the tier's endpoint")
	inbound, k := policy.Bool(s3ep.Get("dnsOptions", "privateDnsOnlyForInboundResolverEndpoint"))
	assert.Equal(t, policy.Present, k)
	assert.False(t, inbound, "for requests from the VPC too")

	var doc struct{ Statement []map[string]any }
	require.NoError(t, json.Unmarshal([]byte(str(t, only(t, c, "aws:s3/bucketPolicy:BucketPolicy", "-patches-policy"), "policy")), &doc))
	require.Len(t, doc.Statement, 3)
	assert.Equal(t, "DenyInsecureTransport", doc.Statement[0]["Sid"])
	arn := "arn:aws:s3:::" + name
	assert.Equal(t, map[string]any{
		"Sid": "TierReadsThroughItsEndpoint", "Effect": "Allow", "Principal": "*",
		"Action": []any{"s3:GetObject", "s3:ListBucket"}, "Resource": []any{arn, arn + "/*"},
		"Condition": map[string]any{"StringEquals": map[string]any{"aws:SourceVpce": s3ep.ID, "aws:PrincipalAccount": lztest.DefaultAWSAccount}},
	}, doc.Statement[1])
	assert.Equal(t, map[string]any{
		"Sid": "DenyReadsOutsideTheTier", "Effect": "Deny", "Principal": "*",
		"Action": []any{"s3:GetObject", "s3:ListBucket"}, "Resource": []any{arn, arn + "/*"},
		"Condition": map[string]any{"StringNotEquals": map[string]any{"aws:SourceVpce": s3ep.ID}},
	}, doc.Statement[2])
	require.True(t, strings.HasPrefix(s3ep.ID, "vpce-"), s3ep.ID)

	baseline := only(t, c, "aws:ssm/patchBaseline:PatchBaseline", "-baseline-amazon-linux-2023")
	assert.Equal(t, "landingzone-patches", str(t, baseline, "sources", 0, "name"))
	assert.Equal(t, []string{"AmazonLinux2023"}, func() []string { v, _ := policy.Strings(baseline.Get("sources", 0, "products")); return v }())
	assert.Contains(t, str(t, baseline, "sources", 0, "configuration"), "baseurl=https://"+name+".s3.eu-west-2.amazonaws.com/amazon-linux-2023/")

	ev := c.Evaluate(stackctx.FromStack(st))
	lztest.AssertNoBlocking(t, c, stackctx.FromStack(st))
	judged := map[string]int{}
	for _, f := range ev.Findings {
		if f.RuleID == "PCLZ-AWS-AUD-011" {
			// The second rule approves lower-severity security patches too, after 7 days: 7 + 7 is Bronze's 14.
			assert.Equal(t, "approves critical and security patches within 7 days, which the 7-day cadence keeps within the 14 days the bronze profile allows; installs only from its alternative repositories (sources)", f.Message)
		}
		if f.RuleID == "PCLZ-AWS-NET-014" || f.RuleID == "PCLZ-AWS-AUD-011" || (f.RuleID == "PCLZ-AWS-IAM-008" && strings.HasSuffix(f.ResourceName, "-patches-policy")) {
			judged[f.RuleID]++
			assert.Equal(t, policy.StatusPass, f.Status, "%s: %s", f.RuleID, f.Message)
		}
	}
	assert.Equal(t, map[string]int{"PCLZ-AWS-NET-014": 1, "PCLZ-AWS-IAM-008": 1, "PCLZ-AWS-AUD-011": 1}, judged,
		"the no-path proof, the public-policy rule and the baseline rule judge the stack, the repository's policy and the baseline")
}

// TestPatchSourceOnlyWhereTheProfileAsks: a tier with internet egress has no patch repository, keeps S3's
// endpoint off S3's regional name, and patches from the vendors' repositories (no baseline sources).
func TestPatchSourceOnlyWhereTheProfileAsks(t *testing.T) {
	t.Parallel()
	st := loadStack(t, "pos-gold")
	c := runTierWith(t, st, nil)
	for _, b := range c.Find("aws:s3/bucketV2:BucketV2") {
		assert.NotEqual(t, "patches", func() string { v, _ := policy.Str(b.Get("tags", "Purpose")); return v }(), b.Name)
	}
	on, _ := policy.Bool(only(t, c, "aws:ec2/vpcEndpoint:VpcEndpoint", "-endpoint-s3").Get("privateDnsEnabled"))
	assert.False(t, on)
	_, k := policy.List(only(t, c, "aws:ssm/patchBaseline:PatchBaseline", "-baseline-amazon-linux-2023").Get("sources"))
	assert.Equal(t, policy.Absent, k)
}

// TestBronzeOpenedForPatchingIsCaught: the shortcuts a team might take to patch Bronze from the internet
// instead of its repository (a default route to an internet gateway, security group egress to anywhere on
// HTTPS) each open a path the isolation pack's no-path proof (PCLZ-AWS-NET-014) names and blocks.
func TestBronzeOpenedForPatchingIsCaught(t *testing.T) {
	t.Parallel()
	st := loadStack(t, "pos-bronze")
	tests := []struct {
		name  string
		open  func(ctx *pulumi.Context, env *TierEnvironment, opts ...pulumi.ResourceOption) error
		blame string
		want  []string
	}{
		{"default route to an internet gateway", func(ctx *pulumi.Context, env *TierEnvironment, opts ...pulumi.ResourceOption) error {
			igw, err := ec2.NewInternetGateway(ctx, "patch-igw", &ec2.InternetGatewayArgs{VpcId: env.VpcID}, opts...)
			if err != nil {
				return err
			}
			_, err = ec2.NewRouteTable(ctx, "patch-internet", &ec2.RouteTableArgs{VpcId: env.VpcID, Routes: ec2.RouteTableRouteArray{
				&ec2.RouteTableRouteArgs{CidrBlock: pulumi.String("0.0.0.0/0"), GatewayId: igw.ID()},
			}}, opts...)
			return err
		}, "patch-internet", []string{"PCLZ-AWS-NET-009", "PCLZ-AWS-NET-014"}},
		{"HTTPS egress to anywhere", func(ctx *pulumi.Context, env *TierEnvironment, opts ...pulumi.ResourceOption) error {
			_, err := ec2.NewSecurityGroupRule(ctx, "patch-egress", &ec2.SecurityGroupRuleArgs{
				Type: pulumi.String("egress"), SecurityGroupId: env.WorkloadSecurityGroupID, Protocol: pulumi.String("tcp"),
				FromPort: pulumi.Int(443), ToPort: pulumi.Int(443), CidrBlocks: pulumi.ToStringArray([]string{"0.0.0.0/0"}),
				Description: pulumi.String("patches from the vendor"),
			}, opts...)
			return err
		}, "patch-egress", []string{"PCLZ-AWS-NET-014"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := runTierWith(t, st, tt.open)
			ev := c.Evaluate(stackctx.FromStack(st))
			failed := map[string]bool{}
			var blamed bool
			for _, f := range ev.Findings {
				if f.Status == policy.StatusFail && f.Enforcement == policy.Mandatory {
					failed[f.RuleID] = true
					if f.RuleID == "PCLZ-AWS-NET-014" && f.ResourceName == tt.blame {
						blamed = true
					}
				}
			}
			for _, id := range tt.want {
				assert.True(t, failed[id], "%s catches it; failed: %v", id, failed)
			}
			assert.True(t, blamed, "PCLZ-AWS-NET-014 names %s", tt.blame)
		})
	}
}
