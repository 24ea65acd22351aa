package aws

import (
	"github.com/policecloud/landingzones/policy"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-AUD-005",
		Title: "CloudWatch log groups keep logs at least as long as the tier's log retention",
		Description: "Audit, flow and platform logs must survive long enough for an investigation that starts " +
			"months after the event. Each tier's profile sets the minimum (400 days for every tier today); the " +
			"foundation, which keeps logs for every tier, is held to the strictest tier's minimum. A log group " +
			"with no retention set never expires, which meets the minimum.",
		Pack:          policy.PackAudit,
		Severity:      policy.SeverityMedium,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"13"},
		ResourceTypes: []string{typeCloudWatchLogGroup},
		Remediation: "Set `retentionInDays` on aws:cloudwatch/logGroup:LogGroup to a value CloudWatch accepts that is at " +
			"least the profile's `LogRetentionDays` (400: use 400, 545, 731, ...), or leave it unset (0) so that " +
			"logs never expire.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "cw-loggroup-retention-period-check"},
			{Source: "Checkov", ID: "CKV_AWS_338"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeCloudWatchLogGroup, "retentionInDays"),
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		minDays, whose, ok := audRetention(ctx)
		days, k := netInt(r.Get("retentionInDays"))
		switch {
		case !ok:
			return policy.Undecided("the stack's tier is not known, so the required log retention is not known")
		case k == policy.Unknown:
			return policy.Undecided("retentionInDays is computed; %s requires at least %d days", whose, minDays)
		case k == policy.Absent || days == 0:
			return policy.Pass("retentionInDays is not set, so logs never expire (%s requires at least %d days)", whose, minDays)
		case days < minDays:
			return policy.Fail("retentionInDays %d is less than the %d days %s requires", days, minDays, whose)
		default:
			return policy.Pass("retentionInDays %d meets the %d days %s requires", days, minDays, whose)
		}
	},
})
