package awslz

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestInventory pins what each stack gets: the counts that follow from the tier profile (availability
// zones, isolation) and the design (one provider, keys per purpose, no internet path in tiers).
func TestInventory(t *testing.T) {
	t.Parallel()
	tests := []struct {
		stack string
		want  map[string]int
	}{
		{"pos-foundation", map[string]int{
			"policecloud:aws:Foundation": 1,
			"pulumi:providers:aws":       1,
			"aws:kms/key:Key":            5, // audit, data, backup, logs, state
			"aws:s3/bucketV2:BucketV2":   3, // audit archive, access logs, state
			"aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2": 1,
			"aws:cloudtrail/trail:Trail":                                  1,
			"aws:guardduty/detector:Detector":                             1,
			"aws:securityhub/standardsSubscription:StandardsSubscription": 2,
			"aws:cfg/recorder:Recorder":                                   1,
			"aws:accessanalyzer/analyzer:Analyzer":                        1,
			"aws:iam/accountPasswordPolicy:AccountPasswordPolicy":         1,
			"aws:cloudwatch/metricAlarm:MetricAlarm":                      1,
			"aws:ec2transitgateway/transitGateway:TransitGateway":         1,
			"aws:ec2transitgateway/routeTable:RouteTable":                 5, // platinum, gold, bronze, inspection, psn
			"aws:ec2/vpc:Vpc":                                             1,
			"aws:ec2/subnet:Subnet":                                       9, // transit, firewall, egress x 3 AZs
			"aws:ec2/natGateway:NatGateway":                               3,
			"aws:ec2/eip:Eip":                                             3,
			"aws:ec2/internetGateway:InternetGateway":                     1,
			"aws:networkfirewall/firewall:Firewall":                       1,
			"aws:networkfirewall/ruleGroup:RuleGroup":                     2, // declared flows, egress domains
			"aws:ec2/vpnConnection:VpnConnection":                         1,
			"aws:ec2/customerGateway:CustomerGateway":                     1,
		}},
		{"pos-platinum", map[string]int{
			"policecloud:aws:TierEnvironment":                   1,
			"policecloud:aws:EvidenceStore":                     1,
			"pulumi:providers:aws":                              2, // the tier's, the backup account's
			"aws:kms/key:Key":                                   3, // logs, data, the second copy's
			"aws:ec2/subnet:Subnet":                             9, // workload, endpoints, transit x 3 AZs
			"aws:ec2/vpcEndpoint:VpcEndpoint":                   6,
			"aws:ec2/networkAcl:NetworkAcl":                     0,
			"aws:ec2transitgateway/vpcAttachment:VpcAttachment": 1,
			"aws:backup/vault:Vault":                            2, // the tier's, the second copy in the backup account
			"aws:s3/bucketV2:BucketV2":                          2, // evidence, its access logs
			"aws:ec2/internetGateway:InternetGateway":           0,
			"aws:ec2/natGateway:NatGateway":                     0,
			"aws:ec2/eip:Eip":                                   0,
		}},
		{"pos-gold", map[string]int{
			"aws:ec2/subnet:Subnet":                   6, // 2 AZs
			"aws:ec2/vpcEndpoint:VpcEndpoint":         6,
			"aws:ec2/networkAcl:NetworkAcl":           0,
			"aws:backup/vault:Vault":                  2,
			"aws:ec2/internetGateway:InternetGateway": 0,
		}},
		{"pos-bronze", map[string]int{
			"aws:ec2/subnet:Subnet":                   6,
			"aws:ec2/vpcEndpoint:VpcEndpoint":         6, // patching and management without the internet
			"aws:ec2/networkAcl:NetworkAcl":           1, // isolation ACL
			"aws:backup/vault:Vault":                  2,
			"aws:s3/bucketV2:BucketV2":                3, // evidence, its access logs, the patch repository
			"aws:ec2/internetGateway:InternetGateway": 0,
			"aws:ec2/natGateway:NatGateway":           0,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.stack, func(t *testing.T) {
			t.Parallel()
			st := loadStack(t, tt.stack)
			c, err := runStack(t, st, nil, nil, false)
			require.NoError(t, err)
			got := c.Types()
			for typ, n := range tt.want {
				assert.Equal(t, n, got[typ], "%s: number of %s", tt.stack, typ)
			}
		})
	}
}
