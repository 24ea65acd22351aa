package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

const regTypeVault = "aws:backup/vault:Vault"

// regBackupBaseline is a plan backing up to a local vault and copying to a second London vault of the
// stack, as at preview: both vault references are computed and the rules depend on both vaults.
func regBackupBaseline() []*policy.Resource {
	local := policytest.AWS(regTypeVault, "gold-vault", map[string]any{"kmsKeyArn": policy.UnknownSentinel})
	copyVault := policytest.AWS(regTypeVault, "gold-copy-vault", map[string]any{"kmsKeyArn": policy.UnknownSentinel})
	plan := policytest.AWS(regTypeBackupPlan, "gold-plan", map[string]any{
		"name": "gold-daily",
		"rules": []any{map[string]any{
			"ruleName":        "daily",
			"targetVaultName": policy.UnknownSentinel,
			"schedule":        "cron(0 1 * * ? *)",
			"lifecycle":       map[string]any{"deleteAfter": 35},
			"copyActions": []any{map[string]any{
				"destinationVaultArn": policy.UnknownSentinel,
				"lifecycle":           map[string]any{"deleteAfter": 35},
			}},
		}},
	})
	policytest.Link(plan, "rules", local)
	policytest.Link(plan, "rules", copyVault)
	return []*policy.Resource{local, copyVault, plan}
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-REG-004",
	Resources:       regBackupBaseline,
	Subject:         policytest.URN(regTypeBackupPlan, "gold-plan"),
	BaselineMessage: "every copy destination vault is in an allowed region",
	Cases: []policytest.Case{
		{
			Name:    "copy vault on an Ireland provider",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[1].Provider = policytest.AWSProvider("eu-west-1") },
			Want:    policy.StatusFail,
			Message: `vault gold-copy-vault provider aws-london region "eu-west-1" is outside the UK allow-list (eu-west-2)`,
		},
		{
			Name: "known ARN in us-east-1",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[2], "arn:aws:backup:us-east-1:111122223333:backup-vault:dr", "rules", 0, "copyActions", 0, "destinationVaultArn")
			},
			Want:    policy.StatusNotApplicable,
			Message: "backup plan gold-plan is judged before create by PCLZ-AWS-REG-008, which names it",
		},
		{
			Name: "not a vault ARN",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[2], "dr-vault", "rules", 0, "copyActions", 0, "destinationVaultArn")
			},
			Want:    policy.StatusNotApplicable,
			Message: "backup plan gold-plan is judged before create by PCLZ-AWS-REG-008, which names it",
		},
		{
			Name:    "computed with no dependency",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[2].PropertyDependencies = nil },
			Want:    policy.StatusUnknown,
			Message: "copy destination vault ARN is computed and not shown to come from a vault of this stack; it must be a vault in eu-west-2",
		},
		{
			Name: "computed, rules also depend on a stack reference",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[2].PropertyDependencies["rules"] = append(rs[2].PropertyDependencies["rules"],
					policytest.URN("pulumi:pulumi:StackReference", "dr-account"))
			},
			Want:    policy.StatusUnknown,
			Message: "copy destination vault ARN is computed and not shown to come from a vault of this stack; it must be a vault in eu-west-2",
		},
		{
			Name: "copy actions computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[2], "rules", 0, "copyActions")
			},
			Want:    policy.StatusNotApplicable,
			Message: "backup plan gold-plan is judged before create by PCLZ-AWS-REG-008, which names it",
		},
		{
			Name:    "no copy actions",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[2], "rules", 0, "copyActions") },
			Want:    policy.StatusNotApplicable,
			Message: "backup plan has no copy actions",
		},
		{
			Name: "known London ARN (exported state)",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[2].PropertyDependencies = nil
				policytest.Set(rs[2], "arn:aws:backup:eu-west-2:444455556666:backup-vault:gold-copy", "rules", 0, "copyActions", 0, "destinationVaultArn")
			},
			Want:    policy.StatusPass,
			Message: "every copy destination vault is in an allowed region",
		},
	},
})
