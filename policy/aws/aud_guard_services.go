package aws

import (
	"fmt"
	"slices"
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
			"the account. Judged before create by the twin PCLZ-AWS-AUD-008 (whether each declared detector, " +
			"recorder and recorder status is switched on, on the resource itself); judged here, only after the " +
			"resources exist: whether the foundation declares every guard service and Security Hub standard. " +
			"Services the twin reports are not applicable here, so one fault gives one finding. On the organisation " +
			"stack (role organization) the services are judged organisation-wide instead: GuardDuty and Security Hub " +
			"delegated to the security-tooling account with every member auto-enabled (autoEnableOrganizationMembers " +
			"ALL, autoEnable true), an AWS Config aggregator over the organisation in every region, and an IAM Access " +
			"Analyzer of type ORGANIZATION.",
		Pack:        policy.PackAudit,
		Severity:    policy.SeverityHigh,
		Enforcement: policy.Mandatory,
		Principles:  []string{"5.3", "13"},
		ResourceTypes: []string{
			typeGuardDutyDetector, typeSecurityHubAccount, typeSecurityHubStandardsSubscription, typeConfigRecorder,
			typeConfigDeliveryChannel, typeConfigRecorderStatus, typeAccessAnalyzerAnalyzer,
			// on an organisation stack (audGuardOrganization)
			typeGuardDutyOrgAdmin, typeGuardDutyOrgConfig, typeSecurityHubOrgAdmin, typeSecurityHubOrgConfig, typeConfigAggregator,
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
		case audStackRoleOrganization:
			return audGuardOrganization(rs)
		}
		g := &audGuard{rs: rs}
		for _, f := range audGuardFlags {
			if f.typ == typeSecurityHubAccount {
				g.present(typeSecurityHubAccount, "Security Hub account")
				g.standards()
			}
			g.flag(f)
			if f.typ == typeConfigRecorder {
				g.present(typeConfigDeliveryChannel, "AWS Config delivery channel")
			}
		}
		g.present(typeAccessAnalyzerAnalyzer, "IAM Access Analyzer")
		switch {
		case len(g.bad) > 0:
			return []policy.Result{policy.Fail("%s; %s", netJoin(g.bad), audGuardRequired)}
		case len(g.unknown) > 0:
			return []policy.Result{policy.Undecided("%s; %s", netJoin(g.unknown), audGuardRequired)}
		case len(g.twin) > 0:
			return []policy.Result{policy.JudgedByTwin("guard service", audGuardTwin, g.twin)}
		}
		return []policy.Result{policy.Pass("in place: %s", netAnd(g.ok))}
	},
})

// audGuard collects the guard services' findings; twin holds the declared services whose own flags
// PCLZ-AWS-AUD-008 reports.
type audGuard struct {
	rs               []*policy.Resource
	ok, bad, unknown []string
	twin             []*policy.Resource
}

// audGuardFlag is a guard service resource whose boolean inputs at paths must all be true.
type audGuardFlag struct {
	typ, what, want string
	paths           [][]any
}

// audGuardFlags are the guard services switched on by flags, in the order the stack rule reports them.
// typeSecurityHubAccount has no flag: it marks where the Security Hub checks go in that order.
var audGuardFlags = []audGuardFlag{
	{typeGuardDutyDetector, "GuardDuty detector", "enable: true", [][]any{{"enable"}}},
	{typ: typeSecurityHubAccount},
	{typeConfigRecorder, "AWS Config recorder", "recordingGroup.allSupported and recordingGroup.includeGlobalResourceTypes true",
		[][]any{{"recordingGroup", "allSupported"}, {"recordingGroup", "includeGlobalResourceTypes"}}},
	{typeConfigRecorderStatus, "AWS Config recorder status", "isEnabled: true", [][]any{{"isEnabled"}}},
}

// audGuardTwin is the ID of PCLZ-AWS-AUD-006's resource-level twin.
const audGuardTwin = "PCLZ-AWS-AUD-008"

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    audGuardTwin,
		Title: "Declared guard services are switched on: GuardDuty enabled, AWS Config recording everything",
		Description: "The resource-level half of PCLZ-AWS-AUD-006, judged on each guard service resource alone so that " +
			"`pulumi up` refuses one that switches a guard service off before it is applied (the engine runs " +
			"stack rules only after every step), in whatever stack it is declared: a GuardDuty detector without " +
			"`enable: true`, an AWS Config recorder that does not record all supported and global resource types, " +
			"a recorder status without `isEnabled: true`. There is one of each per account and region, so one " +
			"that is off turns the service off. Whether the foundation declares every guard service stays with " +
			"PCLZ-AWS-AUD-006, judged after the resources exist.",
		Pack:          policy.PackAudit,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"5.3", "13"},
		ResourceTypes: []string{typeGuardDutyDetector, typeConfigRecorder, typeConfigRecorderStatus},
		Remediation: "Set `enable: true` on aws:guardduty/detector:Detector, `recordingGroup: {allSupported: true, " +
			"includeGlobalResourceTypes: true}` on aws:cfg/recorder:Recorder and `isEnabled: true` on " +
			"aws:cfg/recorderStatus:RecorderStatus.",
		References: []policy.Reference{
			{Source: "Security Hub", ID: "GuardDuty.1"},
			{Source: "Security Hub", ID: "Config.1"},
			{Source: "AWS Config", ID: "guardduty-enabled-centralized"},
		},
		Waivable: true,
		Reads: slices.Concat(policy.Reads(typeGuardDutyDetector, "enable"),
			policy.Reads(typeConfigRecorder, "recordingGroup.allSupported", "recordingGroup.includeGlobalResourceTypes"),
			policy.Reads(typeConfigRecorderStatus, "isEnabled")),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result { return audGuardOwn(r) },
})

// audGuardOwn judges one guard service resource's own flags (PCLZ-AWS-AUD-008).
func audGuardOwn(r *policy.Resource) policy.Result {
	for _, f := range audGuardFlags {
		if f.typ != r.Type {
			continue
		}
		allTrue, unknown := true, false
		for _, p := range f.paths {
			on, k := policy.Bool(r.Get(p...))
			switch {
			case k == policy.Unknown:
				unknown = true
			case !on:
				allTrue = false
			}
		}
		switch {
		case !allTrue:
			return policy.Fail("%s %s does not set %s; it turns the service off for the account and region", f.what, r.Name, f.want)
		case unknown:
			return policy.Undecided("%s %s has %s computed", f.what, r.Name, f.want)
		}
		return policy.Pass("%s %s sets %s", f.what, r.Name, f.want)
	}
	return policy.NotApplicable("%s is not a guard service this rule reads", r.Type)
}

// present requires at least one resource of type typ.
func (g *audGuard) present(typ, what string) {
	if rs := netOfType(g.rs, typ); len(rs) > 0 {
		g.ok = append(g.ok, fmt.Sprintf("%s %s", what, rs[0].Name))
		return
	}
	g.bad = append(g.bad, "no "+what)
}

// flag requires a resource of f's type; what each declares is PCLZ-AWS-AUD-008's (one fault, one finding).
func (g *audGuard) flag(f audGuardFlag) {
	if f.paths == nil {
		return
	}
	rs := netOfType(g.rs, f.typ)
	if len(rs) == 0 {
		g.bad = append(g.bad, "no "+f.what)
		return
	}
	mine, twin := policy.SplitByTwin(rs, audGuardOwn)
	if len(mine) > 0 {
		g.ok = append(g.ok, fmt.Sprintf("%s %s", f.what, mine[0].Name))
		return
	}
	g.twin = append(g.twin, twin...)
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
