package aws

import (
	"fmt"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-RES-011",
		Title: "Backup plans keep a second copy in another account, locked and under its own key",
		Description: "Backups in the account they protect fall with it: a compromised administrator or a " +
			"ransomware operator deletes both. Every AWS Backup plan in a tier stack must have a rule whose " +
			"`copyActions` copy recovery points to a vault in another AWS account in the profile's " +
			"Backup.SecondCopy.AWSRegion (eu-west-2: AWS has one UK region) and keep them at least " +
			"Backup.SecondCopy.RetentionDays (`lifecycle.deleteAfter`, absent meaning kept until deleted). A " +
			"destination given as an ARN is judged by its region and account (the account of the stack is " +
			"read from the AWS provider's allowedAccountIds; without it the account is not known, unless the ARN " +
			"is that of a vault of this program on another provider, judged as such); a " +
			"destination that is a vault of this program must be on another provider (account) than the " +
			"plan, encrypted with a customer key (`kmsKeyArn`) and locked by an " +
			"aws:backup/vaultLockConfiguration:VaultLockConfiguration (the tier environment component creates " +
			"such a vault through the backup account's provider). Foundation stacks are not covered.",
		Pack:          policy.PackResilience,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.6"},
		ResourceTypes: []string{typeBackupPlan, typeBackupVault, typeBackupVaultLockConfiguration},
		Remediation: "Create the second-copy vault in the backup account (its own provider, eu-west-2) with its " +
			"own customer key and a vault lock, and add to a plan rule `copyActions: [{destinationVaultArn: " +
			"<vault>.arn, lifecycle: {deleteAfter: profile.Backup.SecondCopy.RetentionDays}}]`.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "backup-recovery-point-manual-deletion-disabled"},
		},
		Waivable: true,
		Reads: append(policy.Reads(typeBackupPlan, "rules.copyActions.destinationVaultArn", "rules.copyActions.lifecycle.deleteAfter"),
			policy.Reads(typeBackupVault, "kmsKeyArn")...),
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		return resPerTier(ctx, rs, typeBackupPlan, "backup plan", "the second copy the tier keeps", resSecondCopy)
	},
})

func resSecondCopy(ctx *policy.Context, rs []*policy.Resource, plan *policy.Resource) policy.Result {
	want := ctx.Profile.Backup.SecondCopy
	prof := resProfileName(ctx)
	rules, k := resPlanRules(plan)
	if k == policy.Unknown {
		return policy.Undecided("the plan's rules are computed; %s keeps a second copy %d days in another account in %s", prof, want.RetentionDays, want.AWSRegion)
	}
	var fails, unknown []string
	n := 0
	for i, rule := range rules {
		copies, ck := policy.List(resAt(rule, "copyActions"))
		if ck == policy.Unknown {
			unknown = append(unknown, fmt.Sprintf("rule %s copyActions", resRuleName(rule, i)))
			continue
		}
		for _, c := range copies {
			n++
			where := fmt.Sprintf("rule %s copy", resRuleName(rule, i))
			res := resCopyDestination(ctx, rs, plan, resAt(c, "destinationVaultArn"))
			if res.Status == policy.StatusPass {
				days, dk := resInt(resAt(c, "lifecycle", "deleteAfter"))
				switch {
				case dk == policy.Unknown:
					res = policy.Undecided("lifecycle.deleteAfter is computed")
				case dk == policy.Present && days < want.RetentionDays:
					res = policy.Fail("keeps the copy %d days (lifecycle.deleteAfter); %s keeps it at least %d", days, prof, want.RetentionDays)
				}
			}
			switch res.Status {
			case policy.StatusPass:
				return policy.Pass("%s %s", where, res.Message)
			case policy.StatusUnknown:
				unknown = append(unknown, where+": "+res.Message)
			default:
				fails = append(fails, where+" "+res.Message)
			}
		}
	}
	switch {
	case len(unknown) > 0 && len(fails) == 0:
		return policy.Undecided("%s", strings.Join(unknown, "; "))
	case n == 0:
		return policy.Fail("no plan rule copies recovery points to a second vault (copyActions), so the tier's own account holds the only copy; %s keeps a second copy %d days in another account in %s", prof, want.RetentionDays, want.AWSRegion)
	}
	return policy.Fail("%s", strings.Join(append(fails, unknown...), "; "))
}

// resCopyDestination judges one copy action's destination vault. A pass's message says where it goes.
func resCopyDestination(ctx *policy.Context, rs []*policy.Resource, plan *policy.Resource, dest policy.Value) policy.Result {
	want := ctx.Profile.Backup.SecondCopy
	if dest.IsComputed() {
		return resCopyToStackVault(rs, plan)
	}
	arn, _ := policy.Str(dest)
	p := strings.SplitN(arn, ":", 7)
	if len(p) != 7 || p[0] != "arn" || p[2] != "backup" || p[5] != "backup-vault" {
		return policy.Fail("goes to %q, which is not a backup vault ARN", arn)
	}
	region, account := p[3], p[4]
	if region != want.AWSRegion {
		return policy.Fail("goes to vault %s in %s; the second copy is kept in %s", p[6], region, want.AWSRegion)
	}
	own, ok := policy.Strings(plan.ProviderGet("allowedAccountIds"))
	switch {
	case (ok != policy.Present || len(own) == 0) && len(resOtherProviderVaults(rs, plan)) > 0:
		// The ARN is that of a vault this program creates on another provider (account).
		return resCopyToStackVault(rs, plan)
	case ok != policy.Present || len(own) == 0:
		return policy.Undecided("goes to vault %s in account %s, and the stack's account is not known (the provider sets no allowedAccountIds)", p[6], account)
	case slices.Contains(own, account):
		return policy.Fail("goes to vault %s in the stack's own account %s; the second copy is kept in another account", p[6], account)
	}
	return policy.Pass("goes to vault %s in account %s, %s", p[6], account, region)
}

// resCopyToStackVault judges a computed destination: a vault of this program the plan's rules depend on,
// on another provider than the plan's.
func resCopyToStackVault(rs []*policy.Resource, plan *policy.Resource) policy.Result {
	deps := plan.PropertyDependencies["rules"]
	other := resOtherProviderVaults(rs, plan)
	if len(other) == 0 {
		if len(deps) == 0 {
			return policy.Undecided("the destination vault ARN is computed and not linked to a vault")
		}
		return policy.Fail("goes to a vault on the plan's own provider (the stack's own account); the second copy is kept in another account")
	}
	v := other[0]
	key, kk := policy.Str(v.Get("kmsKeyArn"))
	locks, unlinked := resLinked(rs, typeBackupVaultLockConfiguration, "backupVaultName", v)
	switch {
	case kk == policy.Absent || (kk == policy.Present && key == ""):
		return policy.Fail("goes to vault %s, which sets no kmsKeyArn (AWS-managed key); the second copy is encrypted with its own customer key", v.Name)
	case len(locks) == 0 && !unlinked:
		return policy.Fail("goes to vault %s, which no vault lock configuration locks", v.Name)
	case len(locks) == 0:
		return policy.Undecided("goes to vault %s; a vault lock's backupVaultName is computed and not linked", v.Name)
	}
	return policy.Pass("goes to vault %s (provider %s), locked and under its own key", v.Name, v.Provider.Name)
}

// resOtherProviderVaults returns the vaults of the stack the plan's rules depend on that are on another
// provider than the plan's (another account).
func resOtherProviderVaults(rs []*policy.Resource, plan *policy.Resource) []*policy.Resource {
	deps := plan.PropertyDependencies["rules"]
	var other []*policy.Resource
	for _, v := range resOfType(rs, typeBackupVault) {
		if slices.Contains(deps, v.URN) && v.Provider != nil && plan.Provider != nil && v.Provider.URN != plan.Provider.URN {
			other = append(other, v)
		}
	}
	return other
}
