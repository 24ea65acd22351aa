package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/lztest"
	"github.com/policecloud/landingzones/policy"
)

// foundationOutputs stand in for the county-foundation stack's outputs.
var foundationOutputs = map[string]any{
	"transitGatewayId":       "tgw-0c0c0c0c0c0c0c0c0",
	"inspectionRouteTableId": "tgw-rtb-0c0c0c0c0c0c0c0c1",
	"tierRouteTableIds": map[string]any{
		"platinum": "tgw-rtb-0c0c0c0c0c0c0c0c2", "gold": "tgw-rtb-0c0c0c0c0c0c0c0c3", "bronze": "tgw-rtb-0c0c0c0c0c0c0c0c4",
	},
}

// TestStacks runs each of the force's stacks offline and checks it against every mandatory rule.
func TestStacks(t *testing.T) {
	t.Parallel()
	for _, stack := range []string{"county-foundation", "county-gold", "county-bronze"} {
		t.Run(stack, func(t *testing.T) {
			t.Parallel()
			st, err := landingZone(stack)
			require.NoError(t, err)
			c := lztest.New(lztest.Options{Project: "county-force-landing-zone", Stack: stack,
				StackOutputs: map[string]map[string]any{"organization/county-force-landing-zone/county-foundation": foundationOutputs}})
			require.NoError(t, c.Run(program))
			lztest.AssertNoBlocking(t, c, lztest.StackContext(st))
		})
	}
}

func TestGoldHasBodyWornVideoStore(t *testing.T) {
	t.Parallel()
	c := lztest.New(lztest.Options{Project: "county-force-landing-zone", Stack: "county-gold",
		StackOutputs: map[string]map[string]any{"organization/county-force-landing-zone/county-foundation": foundationOutputs}})
	require.NoError(t, c.Run(program))
	assert.Equal(t, 2, c.Types()["policecloud:aws:EvidenceStore"], "the tier's own store and the body-worn video store")
	assoc := c.Find("aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation")
	require.Len(t, assoc, 1)
	assert.Equal(t, "tgw-rtb-0c0c0c0c0c0c0c0c3", assoc[0].Get("transitGatewayRouteTableId").AsString())
}

// TestGoldRecordsWorkload: the Gold records service is scanned, patched at Gold's reboot window and
// backed up with a second copy in the backup account.
func TestGoldRecordsWorkload(t *testing.T) {
	t.Parallel()
	st, err := landingZone("county-gold")
	require.NoError(t, err)
	c := lztest.New(lztest.Options{Project: "county-force-landing-zone", Stack: "county-gold",
		StackOutputs: map[string]map[string]any{"organization/county-force-landing-zone/county-foundation": foundationOutputs}})
	require.NoError(t, c.Run(program))
	ev := c.Evaluate(lztest.StackContext(st))
	pass := map[string]string{}
	for _, f := range ev.Findings {
		if f.Status == policy.StatusPass && (f.ResourceType == "aws:autoscaling/group:Group" || f.ResourceType == "aws:rds/instance:Instance" || f.ResourceType == "aws:backup/plan:Plan") {
			pass[f.RuleID+" "+f.ResourceType] = f.Message
		}
	}
	assert.Equal(t, "scanned by Amazon Inspector: enabler county-gold-inspector enables EC2 scanning", pass["PCLZ-AWS-AUD-010 aws:autoscaling/group:Group"])
	assert.Equal(t, "patched by maintenance window county-gold-patch-window (target county-gold-patch-target by tag Patch Group=gold-amazon-linux-2023) (cron(0 23 ? * SAT *), weekly)",
		pass["PCLZ-AWS-AUD-009 aws:autoscaling/group:Group"])
	assert.Equal(t, "selected by backup selection county-gold-backup-selection (tag Backup=true)", pass["PCLZ-AWS-RES-009 aws:rds/instance:Instance"])
	assert.Equal(t, `rule "daily" copy goes to vault county-gold-backup-copy-vault (provider backup-account), locked and under its own key`,
		pass["PCLZ-AWS-RES-011 aws:backup/plan:Plan"])
}

func TestUnknownStackRefused(t *testing.T) {
	t.Parallel()
	_, err := landingZone("county-silver")
	require.Error(t, err)
	assert.Equal(t, `stack "county-silver": allowed county-foundation, county-gold, county-bronze`, err.Error())
}

// TestAccountProvider: with county:accountRoleArn set, each stack deploys into that account through one
// assume-role provider: the components build none of their own, every resource uses it, key policies
// name the account, and the stack still passes every mandatory rule.
func TestAccountProvider(t *testing.T) {
	t.Parallel()
	for _, stack := range []string{"county-foundation", "county-gold"} {
		t.Run(stack, func(t *testing.T) {
			t.Parallel()
			st, err := landingZone(stack)
			require.NoError(t, err)
			c := lztest.New(lztest.Options{Project: "county-force-landing-zone", Stack: stack,
				Config:       map[string]string{AccountRoleConfig: "arn:aws:iam::444455556666:role/county-deployer"},
				StackOutputs: map[string]map[string]any{"organization/county-force-landing-zone/county-foundation": foundationOutputs}})
			require.NoError(t, c.Run(program))
			var account, backup []*policy.Resource
			for _, p := range c.Find("pulumi:providers:aws") {
				switch p.Name {
				case "account":
					account = append(account, p)
				case "backup-account":
					backup = append(backup, p)
				default:
					t.Errorf("provider %s: the components build none of their own", p.Name)
				}
			}
			require.Len(t, account, 1, "the account's provider")
			for _, r := range c.ResourcesNotUsing(account[0].URN) {
				// Only the second copy of the tier's backups lives in the backup account.
				if r.Provider == nil || r.Provider.Name != "backup-account" {
					t.Errorf("%s does not use the account's provider", r.URN)
				}
			}
			if st.Role == config.RoleTier {
				assert.Len(t, backup, 1, "the tier's second copy goes to the backup account")
			}
			keys := c.Find("aws:kms/key:Key")
			require.NotEmpty(t, keys)
			for _, k := range keys {
				want := "arn:aws:iam::444455556666:root"
				if k.Provider != nil && k.Provider.Name == "backup-account" {
					want = "arn:aws:iam::" + BackupAccount + ":root"
				}
				assert.Contains(t, k.Get("policy").AsString(), want, k.URN)
			}
			lztest.AssertNoBlocking(t, c, lztest.StackContext(st))
		})
	}
}
