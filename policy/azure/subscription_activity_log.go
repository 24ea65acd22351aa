package azure

import (
	"regexp"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// activityCategories are the activity log categories the foundation must keep: control-plane writes,
// security alerts and Azure Policy decisions.
var activityCategories = []string{"Administrative", "Security", "Policy"}

var subscriptionScope = regexp.MustCompile(`^/subscriptions/[^/]+/?$`)

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-AUD-001",
		Title: "The foundation sends the subscription activity log to Log Analytics",
		Description: "The activity log records every control-plane change to the landing zone. The foundation " +
			"stack must hold an azure-native:insights:DiagnosticSetting whose `resourceUri` is the subscription " +
			"(`/subscriptions/<id>`) or an azure-native:insights:SubscriptionDiagnosticSetting, with `workspaceId` " +
			"set and `logs` enabling the Administrative, Security and Policy categories (or categoryGroup allLogs).",
		Pack:          policy.PackAudit,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"13", "5.3"},
		ResourceTypes: []string{typeDiagnosticSetting, typeSubDiagSetting},
		Remediation: "In the foundation, create a DiagnosticSetting with `resourceUri: \"/subscriptions/<id>\"`, " +
			"`workspaceId: <Log Analytics workspace ID>` and `logs: [{category: \"Administrative\", enabled: true}, " +
			"{category: \"Security\", enabled: true}, {category: \"Policy\", enabled: true}, ...]`.",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Azure subscriptions should have a log profile for Activity Log (7796937f-307b-4598-941c-67d3a05ebfe7)"},
		},
		Waivable: false,
		Reads:    sortedReads(slices.Concat(policy.Reads(typeDiagnosticSetting, "resourceUri", "workspaceId", "logs"), policy.Reads(typeSubDiagSetting, "workspaceId", "logs"))),
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		switch ctx.Role {
		case "foundation":
		case "tier":
			return []policy.Result{policy.NotApplicable("the subscription activity log is the foundation's; tier stacks do not configure it")}
		case "organization":
			return []policy.Result{policy.NotApplicable("the subscription activity log is the foundation's; the organization stack does not configure it")}
		default:
			return []policy.Result{policy.Undecided("the stack's role is not known; the foundation must send the subscription activity log to Log Analytics")}
		}
		var results []policy.Result
		for _, d := range ofType(rs, typeDiagnosticSetting, typeSubDiagSetting) {
			if res := activityLogSetting(d); res.Status != policy.StatusNotApplicable {
				if res.Status == policy.StatusPass {
					return []policy.Result{res}
				}
				results = append(results, res)
			}
		}
		if len(results) == 0 {
			return []policy.Result{policy.Fail("no diagnostic setting sends the subscription activity log to Log Analytics; the foundation must create one for /subscriptions/<id> with workspaceId and the %s categories enabled",
				strings.Join(activityCategories, ", "))}
		}
		return []policy.Result{decide(policy.Result{}, results...)}
	},
})

// activityLogSetting decides one diagnostic setting; NotApplicable when it is not on the subscription.
func activityLogSetting(d *policy.Resource) policy.Result {
	name := displayName(d, "name")
	if d.Type == typeDiagnosticSetting {
		uri, k := policy.Str(d.Get("resourceUri"))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("diagnostic setting %q has a computed resourceUri; it may be the subscription activity log setting", name)
		case k != policy.Present || !subscriptionScope.MatchString(uri):
			return policy.NotApplicable("not on the subscription")
		}
	}
	if !hasWorkspace(d) {
		return policy.Fail("diagnostic setting %q on the subscription has no workspaceId; the activity log must reach Log Analytics", name)
	}
	cats, groups, k := enabledLogs(d)
	if k == policy.Unknown {
		return policy.Undecided("diagnostic setting %q has computed logs; it must enable the %s categories", name, strings.Join(activityCategories, ", "))
	}
	if miss := missingLogs(cats, groups, activityCategories, "allLogs"); len(miss) > 0 {
		return policy.Fail("diagnostic setting %q on the subscription does not enable the activity log categories %s", name, strings.Join(miss, ", "))
	}
	return policy.Pass("diagnostic setting %q sends the subscription activity log (%s) to Log Analytics", name, strings.Join(activityCategories, ", "))
}
