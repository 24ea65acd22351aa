package aws

import (
	"fmt"

	"github.com/policecloud/landingzones/policy"
)

// Type tokens of the organisation-wide guard services (pulumi-aws v6.83.2).
const (
	typeGuardDutyOrgAdmin    = "aws:guardduty/organizationAdminAccount:OrganizationAdminAccount"
	typeGuardDutyOrgConfig   = "aws:guardduty/organizationConfiguration:OrganizationConfiguration"
	typeSecurityHubOrgAdmin  = "aws:securityhub/organizationAdminAccount:OrganizationAdminAccount"
	typeSecurityHubOrgConfig = "aws:securityhub/organizationConfiguration:OrganizationConfiguration"
	typeConfigAggregator     = "aws:cfg/configurationAggregator:ConfigurationAggregator"
)

// audStackRoleOrganization is Context.Role of a landing zone's organisation stack.
const audStackRoleOrganization = "organization"

// audOrgGuardRequired ends every failure of PCLZ-AWS-AUD-006 on an organisation stack.
const audOrgGuardRequired = "the organisation stack must delegate GuardDuty and Security Hub to the security-tooling account " +
	"with every member auto-enabled, aggregate AWS Config across the organisation and run an organisation IAM Access Analyzer"

// audGuardOrganization judges an organisation stack: each guard service is switched on for the whole
// organisation, from the account it is delegated to.
func audGuardOrganization(rs []*policy.Resource) []policy.Result {
	var ok, bad, unknown []string
	present := func(typ, what string) *policy.Resource {
		found := netOfType(rs, typ)
		if len(found) == 0 {
			bad = append(bad, "no "+what)
			return nil
		}
		ok = append(ok, what+" "+found[0].Name)
		return found[0]
	}
	judge := func(r *policy.Resource, what string, want func(v policy.Value) (bool, policy.Known), wanted string, path ...any) {
		if r == nil {
			return
		}
		good, k := want(r.Get(path...))
		switch {
		case k == policy.Unknown:
			unknown = append(unknown, fmt.Sprintf("%s of %s is computed", encPath(path), r.Name))
		case !good:
			ok = ok[:len(ok)-1]
			bad = append(bad, fmt.Sprintf("%s %s does not set %s", what, r.Name, wanted))
		}
	}
	isTrue := func(v policy.Value) (bool, policy.Known) { b, k := policy.Bool(v); return b, k }
	equals := func(want string) func(policy.Value) (bool, policy.Known) {
		return func(v policy.Value) (bool, policy.Known) { s, k := policy.Str(v); return s == want, k }
	}
	present(typeGuardDutyOrgAdmin, "GuardDuty delegated administrator")
	judge(present(typeGuardDutyOrgConfig, "GuardDuty organisation configuration"), "GuardDuty organisation configuration",
		equals("ALL"), "autoEnableOrganizationMembers: ALL", "autoEnableOrganizationMembers")
	present(typeSecurityHubOrgAdmin, "Security Hub delegated administrator")
	judge(present(typeSecurityHubOrgConfig, "Security Hub organisation configuration"), "Security Hub organisation configuration",
		isTrue, "autoEnable: true", "autoEnable")
	judge(present(typeConfigAggregator, "AWS Config organisation aggregator"), "AWS Config aggregator",
		isTrue, "organizationAggregationSource.allRegions: true", "organizationAggregationSource", "allRegions")
	var analyzer *policy.Resource
	for _, a := range netOfType(rs, typeAccessAnalyzerAnalyzer) {
		if t, k := policy.Str(a.Get("type")); k != policy.Present || t == "ORGANIZATION" {
			analyzer = a
			break
		}
	}
	if analyzer == nil {
		bad = append(bad, "no IAM Access Analyzer of type ORGANIZATION")
	} else {
		ok = append(ok, "IAM Access Analyzer "+analyzer.Name)
		judge(analyzer, "IAM Access Analyzer", equals("ORGANIZATION"), "type: ORGANIZATION", "type")
	}
	switch {
	case len(bad) > 0:
		return []policy.Result{policy.Fail("%s; %s", netJoin(bad), audOrgGuardRequired)}
	case len(unknown) > 0:
		return []policy.Result{policy.Undecided("%s; %s", netJoin(unknown), audOrgGuardRequired)}
	}
	return []policy.Result{policy.Pass("organisation-wide: %s", netAnd(ok))}
}
