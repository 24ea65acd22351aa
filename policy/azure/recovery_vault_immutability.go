package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-RES-002",
		Title: "Recovery Services vaults are immutable as the tier's vault lock requires",
		Description: "Immutable vaults stop anyone, an attacker with stolen credentials included, from deleting " +
			"recovery points early. `properties.securitySettings.immutabilitySettings.state` must follow the " +
			"tier's Backup.VaultLock: compliance (Platinum) needs Locked, which can never be undone; governance " +
			"needs Unlocked or Locked; no lock accepts any state.",
		Pack:          policy.PackResilience,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.6"},
		ResourceTypes: []string{typeRecoveryVault},
		Remediation: "Set `properties.securitySettings.immutabilitySettings.state` to \"Locked\" (Platinum, compliance " +
			"lock) or at least \"Unlocked\" (governance lock).",
		Waivable: false,
		Reads:    policy.Reads(typeRecoveryVault, "properties.securitySettings.immutabilitySettings.state"),
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		if !ctx.HasTier() {
			return policy.Undecided("the stack's tier is not known, so its vault lock is not known")
		}
		lock := ctx.Profile.Backup.VaultLock
		if lock == tier.VaultLockNone {
			return policy.NotApplicable("the %s tier's backup policy asks for no vault lock", ctx.Tier.Title())
		}
		want := "Locked"
		if lock == tier.VaultLockGovernance {
			want = "Unlocked or Locked"
		}
		state, k := policy.Str(r.Get("properties", "securitySettings", "immutabilitySettings", "state"))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("properties.securitySettings.immutabilitySettings.state is computed; the %s tier needs %s", ctx.Tier.Title(), want)
		case k == policy.Absent:
			return policy.Fail("properties.securitySettings.immutabilitySettings.state is not set (immutability off); the %s tier's %s vault lock needs %s", ctx.Tier.Title(), lock, want)
		case eqFold(state, "Locked"), lock == tier.VaultLockGovernance && eqFold(state, "Unlocked"):
			return policy.Pass("vault immutability %s meets the %s tier's %s vault lock", state, ctx.Tier.Title(), lock)
		}
		return policy.Fail("vault immutability is %s; the %s tier's %s vault lock needs %s", state, ctx.Tier.Title(), lock, want)
	},
})
