package aws

import (
	"fmt"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

const audGuardRequired = "the foundation must run GuardDuty, Security Hub with the FSBP and CIS standards, AWS " +
	"Config (a recorder of all resources including global ones, a delivery channel, recording on) and IAM Access " +
	"Analyzer"

// audStandards are the Security Hub standards the foundation subscribes to: a marker in the standards ARN
// and the standard's name.
var audStandards = []struct{ marker, name string }{
	{"aws-foundational-security-best-practices", "AWS Foundational Security Best Practices"},
	{"cis-aws-foundations-benchmark", "CIS AWS Foundations Benchmark"},
}

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-AUD-006",
		Title: "The foundation runs GuardDuty, Security Hub (FSBP and CIS), AWS Config and IAM Access Analyzer",
		Description: "Protective monitoring needs the account's guard services on from the first deployment: " +
			"GuardDuty for threat detection, Security Hub scoring the account against AWS Foundational Security " +
			"Best Practices and the CIS benchmark, AWS Config recording every resource (global ones such as IAM " +
			"included) and delivering its history, and IAM Access Analyzer reporting resources shared outside " +
			"the account.",
		Pack:        policy.PackAudit,
		Severity:    policy.SeverityHigh,
		Enforcement: policy.Mandatory,
		Principles:  []string{"5.3", "13"},
		ResourceTypes: []string{
			typeGuardDutyDetector, typeSecurityHubAccount, typeSecurityHubStandardsSubscription, typeConfigRecorder,
			typeConfigDeliveryChannel, typeConfigRecorderStatus, typeAccessAnalyzerAnalyzer,
		},
		Remediation: "In the foundation stack create aws:guardduty/detector:Detector with `enable: true` (explicitly), " +
			"aws:securityhub/account:Account, two aws:securityhub/standardsSubscription:StandardsSubscription " +
			"resources whose `standardsArn` names `aws-foundational-security-best-practices` and " +
			"`cis-aws-foundations-benchmark`, aws:cfg/recorder:Recorder with `recordingGroup.allSupported: true` " +
			"and `recordingGroup.includeGlobalResourceTypes: true`, aws:cfg/deliveryChannel:DeliveryChannel, " +
			"aws:cfg/recorderStatus:RecorderStatus with `isEnabled: true`, and " +
			"aws:accessanalyzer/analyzer:Analyzer.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "guardduty-enabled-centralized"},
			{Source: "AWS Config", ID: "securityhub-enabled"},
			{Source: "Security Hub", ID: "GuardDuty.1"},
			{Source: "Security Hub", ID: "Config.1"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeConfigRecorder, "recordingGroup.allSupported", "recordingGroup.includeGlobalResourceTypes"),
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		switch netStackRole(ctx) {
		case netRoleTier:
			return []policy.Result{policy.NotApplicable("tier stack; the guard services run once per account, in the foundation")}
		case "":
			return []policy.Result{policy.Undecided("the stack's role is not known; %s", audGuardRequired)}
		}
		g := &audGuard{rs: rs}
		g.flag(typeGuardDutyDetector, "GuardDuty detector", "enable: true", []any{"enable"})
		g.present(typeSecurityHubAccount, "Security Hub account")
		g.standards()
		g.flag(typeConfigRecorder, "AWS Config recorder",
			"recordingGroup.allSupported and recordingGroup.includeGlobalResourceTypes true",
			[]any{"recordingGroup", "allSupported"}, []any{"recordingGroup", "includeGlobalResourceTypes"})
		g.present(typeConfigDeliveryChannel, "AWS Config delivery channel")
		g.flag(typeConfigRecorderStatus, "AWS Config recorder status", "isEnabled: true", []any{"isEnabled"})
		g.present(typeAccessAnalyzerAnalyzer, "IAM Access Analyzer")
		switch {
		case len(g.bad) > 0:
			return []policy.Result{policy.Fail("%s; %s", netJoin(g.bad), audGuardRequired)}
		case len(g.unknown) > 0:
			return []policy.Result{policy.Undecided("%s; %s", netJoin(g.unknown), audGuardRequired)}
		}
		return []policy.Result{policy.Pass("in place: %s", netAnd(g.ok))}
	},
})

// audGuard collects the guard services' findings.
type audGuard struct {
	rs               []*policy.Resource
	ok, bad, unknown []string
}

// present requires at least one resource of type typ.
func (g *audGuard) present(typ, what string) {
	if rs := netOfType(g.rs, typ); len(rs) > 0 {
		g.ok = append(g.ok, fmt.Sprintf("%s %s", what, rs[0].Name))
		return
	}
	g.bad = append(g.bad, "no "+what)
}

// flag requires at least one resource of type typ whose boolean inputs at paths are all true.
func (g *audGuard) flag(typ, what, want string, paths ...[]any) {
	rs := netOfType(g.rs, typ)
	if len(rs) == 0 {
		g.bad = append(g.bad, "no "+what)
		return
	}
	var firstBad, firstUnknown string
	for _, r := range rs {
		allTrue, unknown := true, false
		for _, p := range paths {
			on, k := policy.Bool(r.Get(p...))
			switch {
			case k == policy.Unknown:
				unknown = true
			case !on:
				allTrue = false
			}
		}
		switch {
		case allTrue && !unknown:
			g.ok = append(g.ok, fmt.Sprintf("%s %s", what, r.Name))
			return
		case !allTrue && firstBad == "":
			firstBad = fmt.Sprintf("%s %s does not set %s", what, r.Name, want)
		case allTrue && firstUnknown == "":
			firstUnknown = fmt.Sprintf("%s %s has %s computed", what, r.Name, want)
		}
	}
	if firstUnknown != "" {
		g.unknown = append(g.unknown, firstUnknown)
		return
	}
	g.bad = append(g.bad, firstBad)
}

// standards requires a Security Hub subscription to each of audStandards.
func (g *audGuard) standards() {
	var arns, computed []string
	for _, r := range netOfType(g.rs, typeSecurityHubStandardsSubscription) {
		switch s, k := policy.Str(r.Get("standardsArn")); k {
		case policy.Present:
			arns = append(arns, s)
		case policy.Unknown:
			computed = append(computed, r.Name)
		}
	}
	for _, st := range audStandards {
		found := false
		for _, a := range arns {
			if strings.Contains(a, st.marker) {
				found = true
			}
		}
		switch {
		case found:
			g.ok = append(g.ok, "Security Hub standard "+st.name)
		case len(computed) > 0:
			g.unknown = append(g.unknown, fmt.Sprintf("whether Security Hub subscribes to %s is not known (the standardsArn of %s "+
				"is computed)", st.name, strings.Join(computed, ", ")))
		default:
			g.bad = append(g.bad, "no Security Hub subscription to "+st.name)
		}
	}
}
