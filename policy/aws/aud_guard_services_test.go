package aws

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AWS-AUD-006",
	Context: netFoundationCtx,
	Resources: func() []*policy.Resource {
		return []*policy.Resource{
			policytest.AWS(typeGuardDutyDetector, "guardduty", map[string]any{"enable": true}),
			policytest.AWS(typeSecurityHubAccount, "securityhub", map[string]any{"enableDefaultStandards": false}),
			policytest.AWS(typeSecurityHubStandardsSubscription, "fsbp", map[string]any{
				"standardsArn": "arn:aws:securityhub:eu-west-2::standards/aws-foundational-security-best-practices/v/1.0.0",
			}),
			policytest.AWS(typeSecurityHubStandardsSubscription, "cis", map[string]any{
				"standardsArn": "arn:aws:securityhub:eu-west-2::standards/cis-aws-foundations-benchmark/v/3.0.0",
			}),
			policytest.AWS(typeConfigRecorder, "config", map[string]any{
				"roleArn":        "arn:aws:iam::111122223333:role/config",
				"recordingGroup": map[string]any{"allSupported": true, "includeGlobalResourceTypes": true},
			}),
			policytest.AWS(typeConfigDeliveryChannel, "config-delivery", map[string]any{"s3BucketName": "ho-config"}),
			policytest.AWS(typeConfigRecorderStatus, "config-status", map[string]any{"name": "config", "isEnabled": true}),
			policytest.AWS(typeAccessAnalyzerAnalyzer, "access-analyzer", map[string]any{"analyzerName": "account", "type": "ACCOUNT"}),
		}
	},
	BaselineMessage: "in place: GuardDuty detector guardduty, Security Hub account securityhub, Security Hub standard AWS Foundational Security Best Practices, " +
		"Security Hub standard CIS AWS Foundations Benchmark, AWS Config recorder config, AWS Config delivery channel config-delivery, " +
		"AWS Config recorder status config-status and IAM Access Analyzer access-analyzer",
	Cases: []policytest.Case{
		{
			Name:    "organisation stack with every service organisation-wide",
			Mutate:  audOrgStack(nil),
			Want:    policy.StatusPass,
			Message: audOrgBaseline,
		},
		{
			Name:    "organisation stack: GuardDuty not delegated",
			Mutate:  audOrgStack(func(rs []*policy.Resource) { rs[0] = policytest.AWS(typeEC2Vpc, "unrelated", nil) }),
			Want:    policy.StatusFail,
			Message: "no GuardDuty delegated administrator; " + audOrgGuardRequired,
		},
		{
			Name:    "organisation stack: GuardDuty members not all auto-enabled",
			Mutate:  audOrgStack(func(rs []*policy.Resource) { policytest.Set(rs[1], "NEW", "autoEnableOrganizationMembers") }),
			Want:    policy.StatusFail,
			Message: "GuardDuty organisation configuration guardduty-members does not set autoEnableOrganizationMembers: ALL; " + audOrgGuardRequired,
		},
		{
			Name:    "organisation stack: Security Hub auto-enable computed",
			Mutate:  audOrgStack(func(rs []*policy.Resource) { policytest.SetComputed(rs[3], "autoEnable") }),
			Want:    policy.StatusUnknown,
			Message: "autoEnable of securityhub-members is computed; " + audOrgGuardRequired,
		},
		{
			Name:    "organisation stack: Security Hub not auto-enabled",
			Mutate:  audOrgStack(func(rs []*policy.Resource) { policytest.Set(rs[3], false, "autoEnable") }),
			Want:    policy.StatusFail,
			Message: "Security Hub organisation configuration securityhub-members does not set autoEnable: true; " + audOrgGuardRequired,
		},
		{
			Name: "organisation stack: aggregator of some regions only",
			Mutate: audOrgStack(func(rs []*policy.Resource) {
				policytest.Set(rs[4], false, "organizationAggregationSource", "allRegions")
			}),
			Want:    policy.StatusFail,
			Message: "AWS Config aggregator aggregator does not set organizationAggregationSource.allRegions: true; " + audOrgGuardRequired,
		},
		{
			Name: "organisation stack: no aggregator, account analyzer only",
			Mutate: audOrgStack(func(rs []*policy.Resource) {
				rs[4] = policytest.AWS(typeEC2Vpc, "unrelated", nil)
				policytest.Set(rs[5], "ACCOUNT", "type")
			}),
			Want:    policy.StatusFail,
			Message: "no AWS Config organisation aggregator; no IAM Access Analyzer of type ORGANIZATION; " + audOrgGuardRequired,
		},
		{
			Name:    "no GuardDuty",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[0] = policytest.AWS(typeEC2Vpc, "unrelated", nil) },
			Want:    policy.StatusFail,
			Message: "no GuardDuty detector; " + audGuardRequired,
		},
		{
			Name:    "GuardDuty disabled",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], false, "enable") },
			Want:    policy.StatusNotApplicable,
			Message: "guard service guardduty is judged before create by PCLZ-AWS-AUD-008, which names it",
		},
		{
			Name:    "GuardDuty enable computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "enable") },
			Want:    policy.StatusNotApplicable,
			Message: "guard service guardduty is judged before create by PCLZ-AWS-AUD-008, which names it",
		},
		{
			Name:    "no Security Hub",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[1] = policytest.AWS(typeEC2Vpc, "unrelated", nil) },
			Want:    policy.StatusFail,
			Message: "no Security Hub account; " + audGuardRequired,
		},
		{
			Name:    "no CIS subscription",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[3] = policytest.AWS(typeEC2Vpc, "unrelated", nil) },
			Want:    policy.StatusFail,
			Message: "no Security Hub subscription to CIS AWS Foundations Benchmark; " + audGuardRequired,
		},
		{
			Name:    "FSBP subscription ARN computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[2], "standardsArn") },
			Want:    policy.StatusUnknown,
			Message: "whether Security Hub subscribes to AWS Foundational Security Best Practices is not known (the standardsArn of fsbp is computed); " + audGuardRequired,
		},
		{
			Name: "recorder skips global resources",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[4], false, "recordingGroup", "includeGlobalResourceTypes")
			},
			Want:    policy.StatusNotApplicable,
			Message: "guard service config is judged before create by PCLZ-AWS-AUD-008, which names it",
		},
		{
			Name:    "recorder without a recording group",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[4], "recordingGroup") },
			Want:    policy.StatusNotApplicable,
			Message: "guard service config is judged before create by PCLZ-AWS-AUD-008, which names it",
		},
		{
			Name:    "no delivery channel",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[5] = policytest.AWS(typeEC2Vpc, "unrelated", nil) },
			Want:    policy.StatusFail,
			Message: "no AWS Config delivery channel; " + audGuardRequired,
		},
		{
			Name:    "recorder stopped",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[6], false, "isEnabled") },
			Want:    policy.StatusNotApplicable,
			Message: "guard service config-status is judged before create by PCLZ-AWS-AUD-008, which names it",
		},
		{
			Name:    "no access analyzer",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[7] = policytest.AWS(typeEC2Vpc, "unrelated", nil) },
			Want:    policy.StatusFail,
			Message: "no IAM Access Analyzer; " + audGuardRequired,
		},
		{
			Name:    "tier stack",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *netTierCtx(tier.Gold) },
			Want:    policy.StatusNotApplicable,
			Message: "tier stack; the guard services run once per account, in the foundation",
		},
		{
			Name:    "stack role not known",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("unknown", "") },
			Want:    policy.StatusUnknown,
			Message: "the stack's role is not known; " + audGuardRequired,
		},
	},
})

const audOrgBaseline = "organisation-wide: GuardDuty delegated administrator guardduty-admin, GuardDuty organisation configuration guardduty-members, " +
	"Security Hub delegated administrator securityhub-admin, Security Hub organisation configuration securityhub-members, " +
	"AWS Config organisation aggregator aggregator and IAM Access Analyzer org-analyzer"

// audOrgStack turns the fixture into an organisation stack (role organization) holding the
// organisation-wide guard services, then applies change.
func audOrgStack(change func(rs []*policy.Resource)) func(rs []*policy.Resource, ctx *policy.Context) {
	return func(rs []*policy.Resource, ctx *policy.Context) {
		ctx.Role = audStackRoleOrganization
		org := []*policy.Resource{
			policytest.AWS(typeGuardDutyOrgAdmin, "guardduty-admin", map[string]any{"adminAccountId": "222233334444"}),
			policytest.AWS(typeGuardDutyOrgConfig, "guardduty-members", map[string]any{"detectorId": "d1", "autoEnableOrganizationMembers": "ALL"}),
			policytest.AWS(typeSecurityHubOrgAdmin, "securityhub-admin", map[string]any{"adminAccountId": "222233334444"}),
			policytest.AWS(typeSecurityHubOrgConfig, "securityhub-members", map[string]any{"autoEnable": true}),
			policytest.AWS(typeConfigAggregator, "aggregator", map[string]any{
				"organizationAggregationSource": map[string]any{"allRegions": true, "roleArn": "arn:aws:iam::222233334444:role/agg"},
			}),
			policytest.AWS(typeAccessAnalyzerAnalyzer, "org-analyzer", map[string]any{"analyzerName": "org", "type": "ORGANIZATION"}),
		}
		for i := range rs {
			rs[i] = policytest.AWS(typeEC2Vpc, "unrelated", nil)
			if i < len(org) {
				rs[i] = org[i]
			}
		}
		if change != nil {
			change(rs)
		}
	}
}
