package aws

import (
	"github.com/policecloud/landingzones/policy"
)

const audTrailRequired = "a trail must set isMultiRegionTrail, includeGlobalServiceEvents and " +
	"enableLogFileValidation to true, kmsKeyId to a customer KMS key and cloudWatchLogsGroupArn to a log group, " +
	"and keep logging enabled"

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-AUD-001",
		Title: "CloudTrail trails record every region and global events, validate log files, use KMS and feed CloudWatch Logs",
		Description: "The CloudTrail trail is the landing zone's record of every API call, the first evidence an " +
			"investigation or an accreditor asks for. It must cover every region (so activity outside London is " +
			"still seen) and global services such as IAM, make tampering detectable with log file validation, " +
			"encrypt with a customer KMS key, and deliver to CloudWatch Logs so that alerts can fire on it.",
		Pack:          policy.PackAudit,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"13", "5.3"},
		ResourceTypes: []string{typeCloudTrailTrail},
		Remediation: "On aws:cloudtrail/trail:Trail set `isMultiRegionTrail: true`, `includeGlobalServiceEvents: true` and " +
			"`enableLogFileValidation: true` explicitly (the rule does not assume provider defaults), `kmsKeyId` " +
			"to the ARN of a customer-managed KMS key, `cloudWatchLogsGroupArn` to the log group's ARN (with " +
			"`:*` as CloudTrail requires) together with `cloudWatchLogsRoleArn`, and leave `enableLogging` unset " +
			"or true.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "cloudtrail-enabled"},
			{Source: "AWS Config", ID: "multi-region-cloudtrail-enabled"},
			{Source: "AWS Config", ID: "cloud-trail-log-file-validation-enabled"},
			{Source: "AWS Config", ID: "cloud-trail-cloud-watch-logs-enabled"},
			{Source: "Security Hub", ID: "CloudTrail.1"},
			{Source: "Security Hub", ID: "CloudTrail.4"},
			{Source: "Security Hub", ID: "CloudTrail.5"},
			{Source: "Checkov", ID: "CKV_AWS_67"},
			{Source: "Checkov", ID: "CKV_AWS_36"},
		},
		Waivable: true,
		Reads: policy.Reads(typeCloudTrailTrail, "isMultiRegionTrail", "includeGlobalServiceEvents", "enableLogFileValidation",
			"kmsKeyId", "cloudWatchLogsGroupArn", "enableLogging"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		var bad, unknown []string
		for _, f := range []string{"isMultiRegionTrail", "includeGlobalServiceEvents", "enableLogFileValidation"} {
			on, k := policy.Bool(r.Get(f))
			switch {
			case k == policy.Unknown:
				unknown = append(unknown, f+" is computed")
			case k == policy.Absent:
				bad = append(bad, f+" is not set")
			case !on:
				bad = append(bad, f+" is false")
			}
		}
		for _, f := range []string{"kmsKeyId", "cloudWatchLogsGroupArn"} {
			set, k := netIsSet(r, f)
			switch {
			case k == policy.Unknown:
				unknown = append(unknown, f+" is computed and comes from no resource in the stack")
			case !set:
				bad = append(bad, f+" is not set")
			}
		}
		switch on, k := policy.Bool(r.Get("enableLogging")); {
		case k == policy.Unknown:
			unknown = append(unknown, "enableLogging is computed")
		case k == policy.Present && !on:
			bad = append(bad, "enableLogging is false")
		}
		switch {
		case len(bad) > 0:
			return policy.Fail("%s; %s", netJoin(bad), audTrailRequired)
		case len(unknown) > 0:
			return policy.Undecided("%s; %s", netJoin(unknown), audTrailRequired)
		}
		return policy.Pass("multi-region trail with global service events, log file validation, a KMS key and " +
			"CloudWatch Logs delivery")
	},
})
