package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// regBackupPlanLiteral is the plan of regBackupBaseline with its copy destination spelled out, as the
// engine sends it before creating it: alone.
func regBackupPlanLiteral() []*policy.Resource {
	plan := regBackupBaseline()[2]
	plan.PropertyDependencies = nil
	policytest.Set(plan, "arn:aws:backup:eu-west-2:444455556666:backup-vault:gold-copy", "rules", 0, "copyActions", 0, "destinationVaultArn")
	return []*policy.Resource{plan}
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          regBackupTwin,
	Resources:       regBackupPlanLiteral,
	BaselineMessage: "every copy destination vault is in an allowed region",
	Cases: []policytest.Case{
		{
			Name: "known ARN in us-east-1",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "arn:aws:backup:us-east-1:111122223333:backup-vault:dr", "rules", 0, "copyActions", 0, "destinationVaultArn")
			},
			Want:    policy.StatusFail,
			Message: `copy destination vault dr region "us-east-1" is outside the UK allow-list (eu-west-2)`,
		},
		{
			Name: "not a vault ARN",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "dr-vault", "rules", 0, "copyActions", 0, "destinationVaultArn")
			},
			Want:    policy.StatusFail,
			Message: `copy destination "dr-vault" is not a backup vault ARN; give the ARN of a vault in eu-west-2`,
		},
		{
			Name: "copy actions computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "rules", 0, "copyActions")
			},
			Want:    policy.StatusUnknown,
			Message: "backup rules or copy actions are computed; copy destinations must be vaults in eu-west-2",
		},
		{
			Name: "destination computed: the stack rule's",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "rules", 0, "copyActions", 0, "destinationVaultArn")
			},
			Want:    policy.StatusNotApplicable,
			Message: "a copy destination is computed; PCLZ-AWS-REG-004 finds the vault of this stack it comes from",
		},
		{
			Name:    "no copy actions",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "rules", 0, "copyActions") },
			Want:    policy.StatusNotApplicable,
			Message: "backup plan has no copy actions",
		},
	},
})
