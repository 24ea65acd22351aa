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
			"unknown. Judged before create by the twin PCLZ-AWS-REG-008 (each destination ARN the plan itself " +
			"spells out, and copy actions computed as a whole); judged here, only after the resources exist: a " +
			"destination computed from a vault of this stack. A plan the twin reports is not applicable here, " +
			"so one fault gives one finding.",
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

// regBackupTwin is the ID of PCLZ-AWS-REG-004's resource-level twin.
const regBackupTwin = "PCLZ-AWS-REG-008"

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    regBackupTwin,
		Title: "AWS Backup copy destinations spelled out in a plan are vaults in an allowed UK region",
		Description: "The resource-level half of PCLZ-AWS-REG-004, judged on each backup plan alone so that `pulumi " +
			"up` refuses a plan copying to a vault outside the allow-list before it is created (the engine runs " +
			"stack rules only after every step): every destinationVaultArn the plan spells out must be a backup " +
			"vault ARN naming an allowed region. A destination computed from another resource is left to " +
			"PCLZ-AWS-REG-004, which finds the vault of this stack it comes from.",
		Pack:          policy.PackRegion,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.1"},
		ResourceTypes: []string{regTypeBackupPlan},
		Remediation: "Give every `rules[].copyActions[].destinationVaultArn` as `<vault in eu-west-2>.arn` or an ARN of " +
			"the form `arn:aws:backup:eu-west-2:<account>:backup-vault:<name>`.",
		Waivable: false,
		Reads:    policy.Reads(typeBackupPlan, "rules.copyActions.destinationVaultArn"),
	},
	Check: regBackupCopiesOwn,
})

// regBackupCopiesOwn judges the copy destinations a plan spells out (PCLZ-AWS-REG-008); computed ones
// are PCLZ-AWS-REG-004's.
func regBackupCopiesOwn(ctx *policy.Context, plan *policy.Resource) policy.Result {
	dests, unknown := regCollect(plan, "rules", "*", "copyActions", "*", "destinationVaultArn")
	if unknown {
		return policy.Undecided("backup rules or copy actions are computed; copy destinations must be vaults in %s",
			regAllowedText(ctx))
	}
	if len(dests) == 0 {
		return policy.NotApplicable("backup plan has no copy actions")
	}
	var results []policy.Result
	computed := false
	for _, d := range dests {
		if d.IsComputed() {
			computed = true
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
	if computed {
		return policy.NotApplicable("a copy destination is computed; PCLZ-AWS-REG-004 finds the vault of this stack it comes from")
	}
	return policy.Pass("every copy destination vault is in an allowed region")
}

// regBackupCopies decides one backup plan's copy actions: the computed destinations, once the twin has
// judged those the plan spells out.
func regBackupCopies(ctx *policy.Context, rs []*policy.Resource, plan *policy.Resource) policy.Result {
	switch own := regBackupCopiesOwn(ctx, plan); own.Status {
	case policy.StatusFail, policy.StatusUnknown, policy.StatusError:
		return policy.JudgedByTwin("backup plan", regBackupTwin, []*policy.Resource{plan})
	case policy.StatusPass:
		return own
	}
	dests, _ := regCollect(plan, "rules", "*", "copyActions", "*", "destinationVaultArn")
	if len(dests) == 0 {
		return policy.NotApplicable("backup plan has no copy actions")
	}
	for _, d := range dests {
		if d.IsComputed() {
			if res := regComputedVault(ctx, rs, plan); res.Status != policy.StatusPass {
				return res
			}
		}
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
