package aws

import (
	"strings"

	"github.com/policecloud/landingzones/policy"
)

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-RES-006",
		Title: "Every backup plan has a selection that assigns resources to it",
		Description: "An AWS Backup plan backs up nothing until a backup selection assigns resources to it. Every " +
			"aws:backup/plan:Plan must be referred to (planId) by at least one aws:backup/selection:Selection " +
			"that selects something: a non-empty resources list or at least one selectionTags condition. " +
			"This holds in every stack, tier or foundation.",
		Pack:          policy.PackResilience,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.6"},
		ResourceTypes: []string{typeBackupPlan, typeBackupSelection},
		Remediation: "Create an aws:backup/selection:Selection with `planId` set to the plan's id and either " +
			"`resources` (ARNs or \"*\") or `selectionTags` (for example STRINGEQUALS Tier=<tier>).",
		Waivable: true,
		Reads:    policy.Reads(typeBackupSelection, "planId", "resources", "selectionTags"),
	},
	Check: func(_ *policy.Context, rs []*policy.Resource) []policy.Result {
		var out []policy.Result
		for _, plan := range resOfType(rs, typeBackupPlan) {
			res := resCheckSelection(rs, plan)
			res.URN = plan.URN
			out = append(out, res)
		}
		return out
	},
})

func resCheckSelection(rs []*policy.Resource, plan *policy.Resource) policy.Result {
	sels, unlinked := resLinked(rs, typeBackupSelection, "planId", plan)
	if len(sels) == 0 {
		if unlinked {
			return policy.Undecided("a backup selection's planId is computed and not linked to a plan, so whether one assigns resources to this plan is not known")
		}
		return policy.Fail("no backup selection (aws:backup/selection:Selection) refers to this plan through planId, so it backs up nothing")
	}
	var empty, computed []string
	for _, s := range sels {
		res, rk := policy.List(s.Get("resources"))
		tags, tk := policy.List(s.Get("selectionTags"))
		switch {
		case len(res) > 0 || len(tags) > 0:
			return policy.Pass("backup selection %s assigns resources to the plan", s.Name)
		case rk == policy.Unknown || tk == policy.Unknown:
			computed = append(computed, s.Name)
		default:
			empty = append(empty, s.Name)
		}
	}
	if len(computed) > 0 {
		return policy.Undecided("the resources or selectionTags of backup selection %s are computed", strings.Join(computed, ", "))
	}
	return policy.Fail("backup selection %s selects nothing (resources and selectionTags are empty)", strings.Join(empty, ", "))
}
