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
	"github.com/policecloud/landingzones/lztest"
	"github.com/policecloud/landingzones/policy"
)

func runTier(t *testing.T, st *config.Stack, mutate func(*TierEnvironmentArgs), preview bool) (*mockcloud.Cloud, error) {
	t.Helper()
	c := mockcloud.New(mockcloud.Options{Stack: st.Name, Preview: preview})
	err := c.Run(func(ctx *pulumi.Context) error {
		args := tierArgs(st, testFoundation())
		if err := withBackupCopy(ctx, args); err != nil {
			return err
		}
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
	// The backup account copies the recovery points this key encrypts, through Backup, EC2 and RDS only.
	for _, sid := range []string{"BackupAccountCopiesRecoveryPoints", "BackupAccountCopiesRecoveryPointsGrants"} {
		i, ok := bySid[sid]
		require.True(t, ok, sid)
		s := doc.Statement[i]
		assert.Equal(t, "arn:aws:iam::"+backupAccount+":root", s.Principal["AWS"], sid)
		assert.Equal(t, backupAccount, s.Condition["StringEquals"]["kms:CallerAccount"], sid)
		assert.ElementsMatch(t, []any{"backup.eu-west-2.amazonaws.com", "ec2.eu-west-2.amazonaws.com", "rds.eu-west-2.amazonaws.com"},
			s.Condition["StringEquals"]["kms:ViaService"], sid)
	}
	assert.Equal(t, "true", doc.Statement[bySid["BackupAccountCopiesRecoveryPointsGrants"]].Condition["Bool"]["kms:GrantIsForAWSResource"])
	for _, s := range doc.Statement {
		if s.Sid != "AccountAdministersKey" && !strings.HasPrefix(s.Sid, "AutoScaling") {
			assert.NotEmpty(t, s.Condition, "statement %s is conditioned", s.Sid)
		}
	}
}

// TestTierBackupsSecondCopyAndRestoreTests: at every tier the backup plan copies every recovery point to
// a vault in the backup account (its own key, locked for the second copy's retention, written only by the
// tier's account), the tier's vault lock holds recovery points for the tier's full retention, and a
// restore testing plan tests the tier's instances and databases on the profile's cadence. The rules that
// judge them (PCLZ-AWS-RES-010, RES-011) pass; without the second copy RES-011 fails.
func TestTierBackupsSecondCopyAndRestoreTests(t *testing.T) {
	t.Parallel()
	for _, stack := range []string{"pos-platinum", "pos-gold", "pos-bronze"} {
		t.Run(stack, func(t *testing.T) {
			t.Parallel()
			st := loadStack(t, stack)
			name := st.LandingZone + "-" + string(st.Tier)
			c, err := runTier(t, st, nil, false)
			require.NoError(t, err)
			b := st.Profile.Backup
			num := func(r *policy.Resource, path ...any) int {
				t.Helper()
				n, k := policy.Num(r.Get(path...))
				require.Equal(t, policy.Present, k, "%s %v", r.Name, path)
				return int(n)
			}
			copyVault := only(t, c, "aws:backup/vault:Vault", "-backup-copy-vault")
			require.NotNil(t, copyVault.Provider)
			assert.Equal(t, "backup-account", copyVault.Provider.Name, "the second copy lives in the backup account")
			copyKey := only(t, c, "aws:kms/key:Key", "-backup-copy-key")
			assert.Equal(t, "backup-account", copyKey.Provider.Name)
			assert.True(t, copyVault.Refers("kmsKeyArn", copyKey), "under the backup account's own key")
			assert.Equal(t, b.SecondCopy.RetentionDays, num(only(t, c, "aws:backup/vaultLockConfiguration:VaultLockConfiguration", "-backup-copy-vault-lock"), "minRetentionDays"))
			assert.Equal(t, b.RetentionDays, num(only(t, c, "aws:backup/vaultLockConfiguration:VaultLockConfiguration", "-backup-vault-lock"), "minRetentionDays"))
			var vp map[string]any
			require.NoError(t, json.Unmarshal([]byte(str(t, only(t, c, "aws:backup/vaultPolicy:VaultPolicy", "-backup-copy-vault-policy"), "policy")), &vp))
			assert.Equal(t, map[string]any{"AWS": "arn:aws:iam::" + lztest.DefaultAWSAccount + ":root"}, vp["Statement"].([]any)[0].(map[string]any)["Principal"])

			plan := only(t, c, "aws:backup/plan:Plan", "-backup-plan")
			assert.True(t, plan.Refers("rules", copyVault), "the plan copies to the second-copy vault")
			assert.Regexp(t, `^arn:aws:backup:eu-west-2:`+backupAccount+`:backup-vault:`, str(t, plan, "rules", 0, "copyActions", 0, "destinationVaultArn"))
			assert.Equal(t, b.SecondCopy.RetentionDays, num(plan, "rules", 0, "copyActions", 0, "lifecycle", "deleteAfter"))

			rt := only(t, c, "aws:backup/restoreTestingPlan:RestoreTestingPlan", "-restore-testing")
			want, err := restoreTestFor(st.Profile, name)
			require.NoError(t, err)
			assert.Equal(t, want.Schedule, str(t, rt, "scheduleExpression"))
			for _, typ := range []string{"EC2", "RDS"} {
				sel := only(t, c, "aws:backup/restoreTestingSelection:RestoreTestingSelection", "-restore-testing-"+typ)
				assert.Equal(t, "aws:ResourceTag/Tier", str(t, sel, "protectedResourceConditions", "stringEquals", 0, "key"))
				assert.Equal(t, st.Tier.Title(), str(t, sel, "protectedResourceConditions", "stringEquals", 0, "value"))
			}

			ev := c.Evaluate(stackctx.FromStack(st))
			for _, id := range []string{"PCLZ-AWS-RES-010", "PCLZ-AWS-RES-011", "PCLZ-AWS-RES-012"} {
				var n int
				for _, f := range ev.Findings {
					if f.RuleID == id {
						n++
						assert.Equal(t, policy.StatusPass, f.Status, "%s on %s: %s", id, f.ResourceName, f.Message)
					}
				}
				assert.Positive(t, n, id)
			}
			res := findings(ev, "PCLZ-AWS-RES-011", "aws:backup/plan:Plan")
			require.Len(t, res, 1)
			assert.Equal(t, `rule "`+string(b.Frequency)+`" copy goes to vault `+name+"-backup-copy-vault (provider backup-account), locked and under its own key", res[0].Message)
		})
	}
}

func TestTierWithoutSecondCopyFails(t *testing.T) {
	t.Parallel()
	st := loadStack(t, "pos-gold")
	c, err := runTier(t, st, func(a *TierEnvironmentArgs) { a.BackupCopy = nil }, false)
	require.NoError(t, err)
	fs := findings(c.Evaluate(stackctx.FromStack(st)), "PCLZ-AWS-RES-011", "aws:backup/plan:Plan")
	require.Len(t, fs, 1)
	assert.Equal(t, policy.StatusFail, fs[0].Status)
	assert.Equal(t, "no plan rule copies recovery points to a second vault (copyActions), so the tier's own account holds the only copy; the gold profile keeps a second copy 35 days in another account in eu-west-2", fs[0].Message)

	_, err = runTier(t, st, func(a *TierEnvironmentArgs) { a.BackupCopy = &BackupCopy{} }, false)
	assert.ErrorContains(t, err, "BackupCopy.Provider: is missing: allowed an AWS provider for the backup account in eu-west-2")
}
