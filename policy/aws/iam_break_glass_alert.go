package aws

import (
	"fmt"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// iamBreakGlassAlert ends every PCLZ-AWS-IAM-013 failure.
const iamBreakGlassAlert = "use of the break-glass role must raise an alert: a CloudWatch Logs metric filter on its AssumeRole " +
	"events with an alarm that notifies (alarmActions), or an EventBridge rule on its AssumeRole events with a target"

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-IAM-013",
		Title: "Use of the break-glass role raises an alert",
		Description: "The break-glass role (an aws:iam/role:Role tagged BreakGlass=true) is the one standing administrator " +
			"access, kept for when federation is down; every use must be seen at once so that the SIRO can confirm " +
			"the emergency. The stack that creates it must also create what raises the alert, either a CloudWatch " +
			"Logs metric filter whose pattern matches AssumeRole (or ConsoleLogin) events naming the role (its pattern " +
			"comes from the role, or contains the role's name) with a metric alarm on the filter's metric and " +
			"namespace that has alarm actions, or an EventBridge rule whose event pattern matches AssumeRole events " +
			"naming the role with at least one target. A stack with no break-glass role is not applicable.",
		Pack:          policy.PackIdentity,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"10", "12", "13"},
		ResourceTypes: []string{typeIAMRole, typeCloudWatchLogMetricFilter, typeCloudWatchMetricAlarm, typeCloudWatchEventRule, typeCloudWatchEventTarget},
		Remediation: "Create an aws:cloudwatch/logMetricFilter:LogMetricFilter on the trail's log group with a pattern such as " +
			"`{ ($.eventName = \"AssumeRole\") && ($.requestParameters.roleArn = \"<break-glass role ARN>\") }` and an " +
			"aws:cloudwatch/metricAlarm:MetricAlarm on its metric with `alarmActions` set to an SNS topic the security " +
			"team receives (awslz.NewFoundation does), or an aws:cloudwatch/eventRule:EventRule with an event target.",
		References: []policy.Reference{
			{Source: "CIS AWS Foundations Benchmark", ID: "4.3"},
			{Source: "Security Hub", ID: "CloudWatch.1"},
		},
		Waivable: true,
		Reads: slices.Concat(
			policy.Reads(typeIAMRole, "tags"),
			policy.Reads(typeCloudWatchLogMetricFilter, "pattern", "metricTransformation.name", "metricTransformation.namespace"),
			policy.Reads(typeCloudWatchMetricAlarm, "metricName", "namespace", "alarmActions"),
			policy.Reads(typeCloudWatchEventRule, "eventPattern"),
			policy.Reads(typeCloudWatchEventTarget, "rule", "arn"),
		),
	},
	Check: func(_ *policy.Context, rs []*policy.Resource) []policy.Result {
		var out []policy.Result
		for _, r := range policy.OfType(rs, typeIAMRole) {
			bg, k := iamIsBreakGlass(r)
			if k != policy.Present || !bg {
				continue
			}
			res := iamBreakGlassAlerted(rs, r)
			res.URN = r.URN
			out = append(out, res)
		}
		if len(out) == 0 {
			return []policy.Result{policy.NotApplicable("no break-glass role (tag BreakGlass=true) in the stack")}
		}
		return out
	},
})

// iamNamesRole reports whether a pattern input of r matches role's use: the pattern mentions AssumeRole
// (or ConsoleLogin) and comes from the role (property dependency) or contains its name. k is Unknown
// when the pattern is computed (at preview, a pattern built from the role's new ARN).
func iamNamesRole(r *policy.Resource, prop string, role *policy.Resource) (bool, policy.Known) {
	text, k := policy.Str(r.Get(prop))
	if k == policy.Unknown {
		return false, policy.Unknown
	}
	if !strings.Contains(text, "AssumeRole") && !strings.Contains(text, "ConsoleLogin") {
		return false, policy.Present
	}
	if slices.Contains(r.PropertyDependencies[prop], role.URN) {
		return true, policy.Present
	}
	if name, nk := policy.Str(role.Get("name")); nk == policy.Present && name != "" && strings.Contains(text, ":role/"+name) {
		return true, policy.Present
	}
	return false, policy.Present
}

// iamBreakGlassAlerted judges one break-glass role.
func iamBreakGlassAlerted(rs []*policy.Resource, role *policy.Resource) policy.Result {
	var unknown, silent []string
	for _, f := range policy.OfType(rs, typeCloudWatchLogMetricFilter) {
		match, k := iamNamesRole(f, "pattern", role)
		if k == policy.Unknown {
			unknown = append(unknown, "the pattern of metric filter "+f.Name+" is computed")
			continue
		}
		if !match {
			continue
		}
		metric, mk := policy.Str(f.Get("metricTransformation", "name"))
		ns, nk := policy.Str(f.Get("metricTransformation", "namespace"))
		if mk != policy.Present || nk != policy.Present {
			unknown = append(unknown, "the metric of metric filter "+f.Name+" is computed")
			continue
		}
		for _, a := range policy.OfType(rs, typeCloudWatchMetricAlarm) {
			am, _ := policy.Str(a.Get("metricName"))
			an, _ := policy.Str(a.Get("namespace"))
			if am != metric || an != ns {
				continue
			}
			actions, ak := policy.List(a.Get("alarmActions"))
			switch {
			case ak == policy.Unknown:
				unknown = append(unknown, "the alarm actions of alarm "+a.Name+" are computed")
			case len(actions) > 0:
				return policy.Pass("metric filter %s counts the role's use and alarm %s notifies", f.Name, a.Name)
			}
		}
		silent = append(silent, fmt.Sprintf("metric filter %s counts its use into %s/%s, but no alarm on that metric has alarmActions", f.Name, ns, metric))
	}
	for _, e := range policy.OfType(rs, typeCloudWatchEventRule) {
		match, k := iamNamesRole(e, "eventPattern", role)
		if k == policy.Unknown {
			unknown = append(unknown, "the event pattern of EventBridge rule "+e.Name+" is computed")
			continue
		}
		if !match {
			continue
		}
		if targets := policy.Referrers(rs, typeCloudWatchEventTarget, "rule", e); len(targets) > 0 {
			return policy.Pass("EventBridge rule %s matches the role's use and target %s receives it", e.Name, targets[0].Name)
		}
		silent = append(silent, "EventBridge rule "+e.Name+" matches its use, but has no target")
	}
	switch {
	case len(unknown) > 0:
		return policy.Undecided("break-glass role %s: %s; %s", role.Name, netJoin(unknown), iamBreakGlassAlert)
	case len(silent) > 0:
		return policy.Fail("break-glass role %s: %s; %s", role.Name, netJoin(silent), iamBreakGlassAlert)
	}
	return policy.Fail("break-glass role %s: no metric filter or EventBridge rule matches its AssumeRole events; %s", role.Name, iamBreakGlassAlert)
}
