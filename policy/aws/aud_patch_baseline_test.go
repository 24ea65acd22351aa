package aws

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// audBaselineFixture is a Platinum Amazon Linux baseline as the tier environment builds it.
func audBaselineFixture() []*policy.Resource {
	return []*policy.Resource{policytest.AWS(typeSSMPatchBaseline, "platinum-baseline", map[string]any{
		"operatingSystem": "AMAZON_LINUX_2023",
		"approvalRules": []any{
			map[string]any{"approveAfterDays": 3, "complianceLevel": "CRITICAL", "patchFilters": []any{
				map[string]any{"key": "PRODUCT", "values": []any{"AmazonLinux2023"}},
				map[string]any{"key": "CLASSIFICATION", "values": []any{"Security"}},
				map[string]any{"key": "SEVERITY", "values": []any{"Critical", "Important"}},
			}},
			map[string]any{"approveAfterDays": 7, "complianceLevel": "HIGH", "patchFilters": []any{
				map[string]any{"key": "PRODUCT", "values": []any{"AmazonLinux2023"}},
				map[string]any{"key": "CLASSIFICATION", "values": []any{"Bugfix", "Recommended"}},
			}},
		},
	})}
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-AUD-011",
	Resources:       audBaselineFixture,
	BaselineMessage: "approves critical and security patches within 3 days and others within 7, which the 7-day cadence keeps within the 14 and 30 days the platinum profile allows",
	Cases: []policytest.Case{
		{
			Name: "critical patches wait too long",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], 10, "approvalRules", 0, "approveAfterDays")
			},
			Want:    policy.StatusFail,
			Message: "approval rule 0 approves critical and security patches after 10 days, so with the 7-day patch cadence one may wait 17 days, longer than the 14 days the platinum profile allows",
		},
		{
			Name: "approval frozen at a date",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "2026-01-01", "approvalRules", 1, "approveUntilDate")
			},
			Want:    policy.StatusFail,
			Message: "approval rule 1 approves only patches released before 2026-01-01 (approveUntilDate), so later patches are never approved",
		},
		{
			Name:    "no approval rule",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "approvalRules") },
			Want:    policy.StatusFail,
			Message: "the baseline has no approval rule (approvalRules), so no released patch is ever approved; the platinum profile installs critical patches within 14 days",
		},
		{
			Name: "security patches in every rule",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{"Security", "Bugfix"}, "approvalRules", 1, "patchFilters", 1, "values")
			},
			Want:    policy.StatusPass,
			Message: "approves critical and security patches within 7 days, which the 7-day cadence keeps within the 14 days the platinum profile allows",
		},
		{
			Name: "no security rule",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{"Bugfix"}, "approvalRules", 0, "patchFilters", 1, "values")
			},
			Want:    policy.StatusPass,
			Message: "approves patches within 7 days, which the 7-day cadence keeps within the 30 days the platinum profile allows",
		},
		{
			Name: "approval delay computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "approvalRules", 0, "approveAfterDays")
			},
			Want:    policy.StatusUnknown,
			Message: "approvalRules[0].approveAfterDays is computed",
		},
		{
			Name:    "Bronze from the vendor's repositories",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("fixture", tier.Bronze) },
			Want:    policy.StatusFail,
			Message: "the baseline installs from the operating system vendor's repositories (no sources), which the bronze profile cannot reach: it patches only from its internal repository",
		},
		{
			Name: "Bronze from its internal repository",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *policy.NewContext("fixture", tier.Bronze)
				policytest.Set(rs[0], []any{map[string]any{"name": "landingzone-patches", "products": []any{"AmazonLinux2023"}, "configuration": "[landingzone-patches]"}}, "sources")
			},
			Want:    policy.StatusPass,
			Message: "approves critical and security patches within 3 days and others within 7, which the 7-day cadence keeps within the 14 and 30 days the bronze profile allows; installs only from its alternative repositories (sources)",
		},
		{
			Name: "Windows on Bronze",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *policy.NewContext("fixture", tier.Bronze)
				policytest.Set(rs[0], "WINDOWS", "operatingSystem")
			},
			Want:    policy.StatusFail,
			Message: "a Windows baseline patches from Windows Update over the internet, which the bronze profile cannot reach (it patches only from its internal repository)",
		},
	},
})
