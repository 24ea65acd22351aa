package awslz

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/internal/mockcloud"
	"github.com/policecloud/landingzones/internal/stackctx"
)

func runTier(t *testing.T, st *config.Stack, mutate func(*TierEnvironmentArgs), preview bool) (*mockcloud.Cloud, error) {
	t.Helper()
	c := mockcloud.New(mockcloud.Options{Stack: st.Name, Preview: preview})
	err := c.Run(func(ctx *pulumi.Context) error {
		args := tierArgs(st, testFoundation())
		if mutate != nil {
			mutate(args)
		}
		_, err := NewTierEnvironment(ctx, st.LandingZone+"-"+string(st.Tier), args)
		return err
	})
	return c, err
}

func TestTierEnvironmentSecureByDefault(t *testing.T) {
	t.Parallel()
	for _, stack := range []string{"pos-platinum", "pos-gold", "pos-bronze"} {
		t.Run(stack, func(t *testing.T) {
			t.Parallel()
			st := loadStack(t, stack)
			c, err := runTier(t, st, nil, false)
			require.NoError(t, err)
			blocking := c.Blocking(stackctx.FromStack(st))
			assert.Empty(t, blocking, mockcloud.Describe(blocking))
		})
	}
}

// TestTierDataKeyServesWorkloads: the tier's data key lets the services a workload uses (EBS, RDS and
// its managed master secret, S3, Backup) use it and hold grants on it for AWS resources only, and lets
// EC2 Auto Scaling's service-linked role launch encrypted volumes; nobody may use it directly.
func TestTierDataKeyServesWorkloads(t *testing.T) {
	t.Parallel()
	st := loadStack(t, "pos-gold")
	c, err := runTier(t, st, nil, false)
	require.NoError(t, err)
	var policyText string
	for _, k := range c.Find("aws:kms/key:Key") {
		if strings.HasSuffix(k.Name, "-data-key") {
			policyText = k.Get("policy").AsString()
		}
	}
	require.NotEmpty(t, policyText, "the tier has a data key")
	var doc struct {
		Statement []struct {
			Sid       string
			Principal map[string]any
			Action    []string
			Condition map[string]map[string]any
		}
	}
	require.NoError(t, json.Unmarshal([]byte(policyText), &doc))
	bySid := map[string]int{}
	for i, s := range doc.Statement {
		bySid[s.Sid] = i
	}
	via := doc.Statement[bySid["AccountUsesKeyThroughServices"]]
	assert.ElementsMatch(t, []any{"ec2.eu-west-2.amazonaws.com", "s3.eu-west-2.amazonaws.com", "backup.eu-west-2.amazonaws.com",
		"rds.eu-west-2.amazonaws.com", "secretsmanager.eu-west-2.amazonaws.com"}, via.Condition["StringEquals"]["kms:ViaService"])
	grants, ok := bySid["AccountGrantsKeyToServices"]
	require.True(t, ok, "the services may hold grants")
	assert.Equal(t, []string{"kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"}, doc.Statement[grants].Action)
	assert.Equal(t, "true", doc.Statement[grants].Condition["Bool"]["kms:GrantIsForAWSResource"])
	asg, ok := bySid["AutoScalingUsesKeyGrants"]
	require.True(t, ok, "Auto Scaling's service-linked role may create grants")
	assert.Equal(t, "true", doc.Statement[asg].Condition["Bool"]["kms:GrantIsForAWSResource"])
	assert.Contains(t, fmt.Sprint(doc.Statement[asg].Principal["AWS"]), ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling")
	for _, s := range doc.Statement {
		if s.Sid != "AccountAdministersKey" && !strings.HasPrefix(s.Sid, "AutoScaling") {
			assert.NotEmpty(t, s.Condition, "statement %s is conditioned", s.Sid)
		}
	}
}
