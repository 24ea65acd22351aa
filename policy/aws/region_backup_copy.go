package aws

import (
	"strings"

	"github.com/policecloud/landingzones/policy"
)

const regTypeBackupPlan = typeBackupPlan

// regVaultTypes are the AWS Backup vaults a copy action can target.
var regVaultTypes = []string{typeBackupVault, typeBackupLogicallyAirGappedVault}

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-REG-004",
		Title: "AWS Backup copy actions copy recovery points only to vaults in an allowed UK region",
		Description: "A backup plan's copy action sends a full copy of every recovery point to the destination vault, " +
			"in whatever region that vault's ARN names. Each destinationVaultArn must name an allowed region. A " +
			"destination computed at preview is decided from the vaults of this stack the plan's rules depend on; " +
			"when the rules also depend on anything else the destination cannot be attributed and the result is " +
			"unknown.",
		Pack:          policy.PackRegion,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.1"},
		ResourceTypes: []string{regTypeBackupPlan},
		Remediation: "Copy only to a vault in eu-west-2 (or another region on the allow-list): create it in the same " +
			"program on the London provider and pass `rules[].copyActions[].destinationVaultArn: <vault>.arn`, or " +
			"give an ARN of the form `arn:aws:backup:eu-west-2:<account>:backup-vault:<name>`.",
		Waivable: false,
		Reads:    policy.Reads(typeBackupPlan, "rules.copyActions.destinationVaultArn"),
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		var out []policy.Result
		for _, r := range rs {
			if r != nil && r.Type == regTypeBackupPlan {
				out = append(out, regWithURN(regBackupCopies(ctx, rs, r), r))
			}
		}
		return out
	},
})

// regBackupCopies decides one backup plan's copy actions.
func regBackupCopies(ctx *policy.Context, rs []*policy.Resource, plan *policy.Resource) policy.Result {
	dests, unknown := regCollect(plan, "rules", "*", "copyActions", "*", "destinationVaultArn")
	if unknown {
		return policy.Undecided("backup rules or copy actions are computed; copy destinations must be vaults in %s",
			regAllowedText(ctx))
	}
	if len(dests) == 0 {
		return policy.NotApplicable("backup plan has no copy actions")
	}
	var results []policy.Result
	for _, d := range dests {
		if d.IsComputed() {
			results = append(results, regComputedVault(ctx, rs, plan))
			continue
		}
		arn, _ := policy.Str(d)
		parts := strings.SplitN(arn, ":", 7)
		if len(parts) != 7 || parts[0] != "arn" || parts[2] != "backup" || parts[5] != "backup-vault" {
			results = append(results, policy.Fail("copy destination %q is not a backup vault ARN; give the ARN of a vault in %s",
				arn, regAllowedText(ctx)))
			continue
		}
		results = append(results, checkRegion(ctx, policy.FromGo(parts[3]), "copy destination vault "+parts[6]+" region"))
	}
	if worst, ok := regWorst(results); !ok {
		return worst
	}
	return policy.Pass("every copy destination vault is in an allowed region")
}

// regComputedVault decides a computed destination vault ARN from the vaults of this stack that the plan's
// rules depend on.
func regComputedVault(ctx *policy.Context, rs []*policy.Resource, plan *policy.Resource) policy.Result {
	vaults, explained := regDeps(rs, plan, "rules", regVaultTypes, nil)
	var results []policy.Result
	for _, v := range vaults {
		results = append(results, regProviderRegion(ctx, v, "vault "+v.Name))
	}
	worst, ok := regWorst(results)
	switch {
	case !ok && worst.Status == policy.StatusFail:
		return worst
	case len(vaults) == 0 || !explained:
		return policy.Undecided("copy destination vault ARN is computed and not shown to come from a vault of this stack; it "+
			"must be a vault in %s", regAllowedText(ctx))
	case !ok:
		return worst
	}
	return policy.Pass("")
}
