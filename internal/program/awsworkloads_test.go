package program

import (
	"errors"
	"fmt"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/internal/mockcloud"
	"github.com/policecloud/landingzones/internal/stackctx"
	"github.com/policecloud/landingzones/policy"
)

// foundationOutputs runs the pos foundation under the mock cloud and returns its outputs, which the tier
// stacks read by StackReference.
func foundationOutputs(t *testing.T) map[string]any {
	t.Helper()
	st, cfg := awsStackConfig(t, "pos-foundation")
	fc := mockcloud.New(mockcloud.Options{Stack: st.Name, Config: cfg})
	outputs, err := fc.RunOutputs(func(ctx *pulumi.Context) (pulumi.Map, error) { return Deploy(ctx, st) })
	require.NoError(t, err)
	return outputs
}

// TestAWSTierWorkloads: each pos tier stack runs its representative workload (landingzone:workloads),
// and the rules show it scanned by Amazon Inspector, patched by the tier's maintenance window at the
// tier's reboot window, its database backed up by the tier's selection, and every recovery point copied
// to the backup account's locked vault.
func TestAWSTierWorkloads(t *testing.T) {
	t.Parallel()
	outputs := foundationOutputs(t)
	tests := []struct {
		stack, workload, group string
		database               bool
		instances              int
	}{
		{"pos-platinum", "command-control", "platinum-amazon-linux-2023", true, 3},
		{"pos-gold", "case-management", "gold-amazon-linux-2023", false, 2},
		{"pos-bronze", "custody", "bronze-rhel-9", true, 1},
	}
	for _, tt := range tests {
		t.Run(tt.stack, func(t *testing.T) {
			t.Parallel()
			st, cfg := awsStackConfig(t, tt.stack)
			c := mockcloud.New(mockcloud.Options{Stack: st.Name, Config: cfg,
				StackOutputs: map[string]map[string]any{st.FoundationStack: outputs}})
			out, err := c.RunOutputs(func(ctx *pulumi.Context) (pulumi.Map, error) { return Deploy(ctx, st) })
			require.NoError(t, err)
			pctx := stackctx.FromStack(st)
			assert.Empty(t, c.Blocking(pctx), mockcloud.Describe(c.Blocking(pctx)))
			w := out["workloads"].(map[string]any)[tt.workload].(map[string]any)
			assert.Equal(t, tt.group, w["patchGroup"])

			ev := c.Evaluate(pctx)
			one := func(id, typ string) policy.Finding {
				t.Helper()
				var fs []policy.Finding
				for _, f := range ev.Findings {
					if f.RuleID == id && f.ResourceType == typ {
						fs = append(fs, f)
					}
				}
				require.Len(t, fs, 1, "%s on %s", id, typ)
				assert.Equal(t, policy.StatusPass, fs[0].Status, "%s: %s", id, fs[0].Message)
				return fs[0]
			}
			asg := "aws:autoscaling/group:Group"
			name := st.LandingZone + "-" + string(st.Tier)
			assert.Equal(t, "scanned by Amazon Inspector: enabler "+name+"-inspector enables EC2 scanning", one("PCLZ-AWS-AUD-010", asg).Message)
			require.Equal(t, 7, st.Profile.Patching.CadenceDays, "every tier is patched weekly")
			assert.Equal(t, fmt.Sprintf("patched by maintenance window %s-patch-window (target %s-patch-target by tag Patch Group=%s) (%s, weekly)",
				name, name, tt.group, st.Profile.Patching.RebootWindow.AWSCron()), one("PCLZ-AWS-AUD-009", asg).Message)
			groups := c.Find(asg)
			require.Len(t, groups, 1)
			n, _ := policy.Num(groups[0].Get("minSize"))
			assert.Equal(t, float64(tt.instances), n)
			if tt.database {
				assert.Equal(t, "selected by backup selection "+name+"-backup-selection (tag Backup=true)",
					one("PCLZ-AWS-RES-009", "aws:rds/instance:Instance").Message)
				multi, _ := policy.Bool(c.Find("aws:rds/instance:Instance")[0].Get("multiAz"))
				assert.Equal(t, st.Profile.MultiAZDatabases, multi)
			} else {
				assert.Empty(t, c.Find("aws:rds/instance:Instance"))
			}
			assert.Contains(t, one("PCLZ-AWS-RES-011", "aws:backup/plan:Plan").Message, "copy goes to vault "+name+"-backup-copy-vault (provider backup-account), locked and under its own key")
		})
	}
}

// TestAWSBadWorkloadRegistersNothing: a workload the component refuses fails before any resource is
// registered, each problem keyed to its landingzone:workloads field.
func TestAWSBadWorkloadRegistersNothing(t *testing.T) {
	t.Parallel()
	_, cfg := awsStackConfig(t, "pos-bronze")
	cfg["landingzone:workloads"] = `[{"name":"custody","operatingSystem":"windows","instanceType":"huge","imageId":"ami-0a1b2c3d4e5f6071a","minSize":1,"maxSize":1,` +
		`"databaseEngine":"oracle","databaseVersion":"19","databaseInstanceClass":"db.m6g.large","databaseStorageGiB":10}]`
	c := mockcloud.New(mockcloud.Options{Stack: "pos-bronze", Config: cfg})
	err := c.Run(Run)
	require.Error(t, err)
	var errs config.Errors
	require.True(t, errors.As(err, &errs), "workload errors are config errors: %v", err)
	assert.Equal(t, []string{
		`landingzone:workloads[0].databaseEngine: "oracle" is not a supported engine: allowed mysql, postgres`,
		`landingzone:workloads[0].databaseStorageGiB: "10" is out of range: allowed 20 to 65536 GiB`,
		`landingzone:workloads[0].instanceType: "huge" is not an EC2 instance type: allowed family.size, for example m7i.large`,
		`landingzone:workloads[0].operatingSystem: "windows" cannot be patched from the bronze tier's internal patch repository (the tier has no internet): allowed amazon-linux-2023, rhel-9`,
	}, errs.Lines())
	assert.Empty(t, c.Resources(), "nothing is registered")
}
