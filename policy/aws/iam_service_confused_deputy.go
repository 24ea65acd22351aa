package aws

import (
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

// iamConfusedDeputyServices are the service principals whose role trust policies the service's own
// documentation tells customers to confine with aws:SourceAccount / aws:SourceArn (cross-service
// confused deputy prevention). Services that receive their role only through iam:PassRole in the same
// account (ec2, lambda, ecs-tasks, backup, glue, apigateway) cannot be pointed at another account's role,
// so they are not listed: flagging them would be a false positive on every instance profile.
var iamConfusedDeputyServices = []string{
	"config.amazonaws.com",
	"vpc-flow-logs.amazonaws.com",
	"ssm.amazonaws.com",
	"logs.amazonaws.com",
	"sns.amazonaws.com",
	"iot.amazonaws.com",
	"personalize.amazonaws.com",
}

// iamConfusedDeputyKeys confine a service principal to the customer's own resources.
var iamConfusedDeputyKeys = []string{"aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID", "aws:SourceOrgPaths"}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-IAM-011",
		Title: "Service principals are confined to the account's own resources (confused deputy)",
		Description: "When a role trusts an AWS service that acts for many customers, anyone who can point that " +
			"service at the role's ARN from their own account can make the service act as the role (the " +
			"cross-service confused deputy). AWS's documentation for AWS Config, VPC Flow Logs, Systems " +
			"Manager, CloudWatch Logs, SNS, IoT and Personalize tells customers to confine the trust with " +
			"aws:SourceAccount or aws:SourceArn; an Allow naming such a service principal (CloudWatch Logs " +
			"also in its regional form logs.<region>.amazonaws.com) must carry a positive, non-IfExists " +
			"condition on aws:SourceAccount, aws:SourceArn, aws:SourceOrgID or aws:SourceOrgPaths. Likewise " +
			"an aws:lambda/permission:Permission granted to a service principal (S3, SNS, EventBridge...) " +
			"must set sourceArn or sourceAccount, or any account's bucket or topic can invoke the function. " +
			"Roles assumed only by services that receive them through iam:PassRole (EC2 instance profiles, " +
			"Lambda execution roles, ECS tasks, Backup, Glue) are not affected. Advisory: which services " +
			"honour the keys changes over time, so a failure asks for review rather than blocking.",
		Pack:          policy.PackIdentity,
		Severity:      policy.SeverityMedium,
		Enforcement:   policy.Advisory,
		Principles:    []string{"9", "10"},
		ResourceTypes: []string{typeIAMRole, typeLambdaPermission},
		Remediation: "Add `\"Condition\": {\"StringEquals\": {\"aws:SourceAccount\": \"<account>\"}, \"ArnLike\": " +
			"{\"aws:SourceArn\": \"arn:aws:<service>:<region>:<account>:*\"}}` to the trust statement; set " +
			"sourceArn (and sourceAccount for S3) on Lambda permissions for service principals.",
		References: []policy.Reference{
			{Source: "Prowler", ID: "iam_role_cross_service_confused_deputy_prevention"},
		},
		Waivable: true,
		Reads: slices.Concat(
			policy.Reads(typeIAMRole, "assumeRolePolicy"),
			policy.Reads(typeLambdaPermission, "principal", "sourceArn", "sourceAccount"),
		),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		if r.Type == typeLambdaPermission {
			return iamLambdaServiceConfined(r)
		}
		doc, k, err := iamDoc(r.Get("assumeRolePolicy"))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("assumeRolePolicy is computed; service principals must be confined with aws:SourceAccount or aws:SourceArn")
		case k == policy.Absent:
			return policy.NotApplicable("role has no assumeRolePolicy to check")
		case err != nil:
			return policy.Fail("assumeRolePolicy: %v", err)
		}
		seen := false
		for _, s := range doc.Statements {
			if !s.Allows() {
				continue
			}
			for _, svc := range s.Principal.Service {
				if !iamConfusedDeputyService(svc) {
					continue
				}
				seen = true
				if !iamSourceConfined(s) && !s.ConditionUnknown {
					return policy.Fail("statement %s trusts %s with no aws:SourceAccount or aws:SourceArn condition, so the service can be made to assume the role for another account; add Condition StringEquals aws:SourceAccount (or ArnLike aws:SourceArn) naming this account", s.Label, svc)
				}
			}
		}
		if u := iamUnknownAllow(doc); u != "" {
			return policy.Undecided("assumeRolePolicy statement %s holds computed values; service principals must be confined with aws:SourceAccount or aws:SourceArn", u)
		}
		if !seen {
			return policy.NotApplicable("the role trusts no service that acts for many accounts without iam:PassRole")
		}
		return policy.Pass("every trusted cross-account service is confined with aws:SourceAccount or aws:SourceArn")
	},
})

func iamConfusedDeputyService(svc string) bool {
	svc = strings.ToLower(strings.TrimSpace(svc))
	if slices.Contains(iamConfusedDeputyServices, svc) {
		return true
	}
	// CloudWatch Logs' regional principal: logs.<region>.amazonaws.com.
	return strings.HasPrefix(svc, "logs.") && strings.HasSuffix(svc, ".amazonaws.com") && strings.Count(svc, ".") == 3
}

func iamSourceConfined(s semantic.IAMStatement) bool {
	for _, c := range s.Conditions {
		if c.IfExists() || len(c.Values) == 0 || strings.EqualFold(c.Qualifier(), "ForAllValues") {
			continue
		}
		base := strings.ToLower(c.Base())
		if base != "stringequals" && base != "stringlike" && base != "arnequals" && base != "arnlike" {
			continue
		}
		for _, k := range iamConfusedDeputyKeys {
			if c.KeyIs(k) && !slices.ContainsFunc(c.Values, func(v string) bool { return strings.Trim(v, "*") == "" }) {
				return true
			}
		}
	}
	return false
}

func iamLambdaServiceConfined(r *policy.Resource) policy.Result {
	principal, pk := policy.Str(r.Get("principal"))
	switch {
	case pk == policy.Unknown:
		return policy.Undecided("principal is computed; a permission for a service principal must set sourceArn or sourceAccount")
	case pk == policy.Absent || !strings.HasSuffix(strings.ToLower(strings.TrimSpace(principal)), ".amazonaws.com"):
		return policy.NotApplicable("permission is not granted to an AWS service principal")
	}
	unknown := ""
	for _, prop := range []string{"sourceArn", "sourceAccount"} {
		v, k := policy.Str(r.Get(prop))
		if k == policy.Present && strings.TrimSpace(v) != "" {
			return policy.Pass("permission for %s is confined by %s", principal, prop)
		}
		if k == policy.Unknown && unknown == "" {
			unknown = prop
		}
	}
	if unknown != "" {
		return policy.Undecided("%s is computed; a permission for %s must set sourceArn or sourceAccount", unknown, principal)
	}
	return policy.Fail("permission lets %s invoke the function for any account's resources (no sourceArn or sourceAccount); set sourceArn to this account's resource (and sourceAccount for S3)", principal)
}
