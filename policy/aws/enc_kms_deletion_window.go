package aws

import (
	"github.com/policecloud/landingzones/policy"
	"slices"
)

// encKMSDefaultDeletionWindow is the waiting period AWS KMS applies when deletionWindowInDays is not set.
const encKMSDefaultDeletionWindow = 30

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-ENC-014",
		Title: "KMS keys wait at least the tier's deletion window before deletion",
		Description: "Deleting a KMS key destroys every piece of data encrypted under it. The waiting period between " +
			"scheduling deletion and its completion is the only chance to notice and cancel a mistaken or malicious " +
			"deletion; it must be at least the tier profile's KeyDeletionWindowDays. When deletionWindowInDays is " +
			"not set AWS waits 30 days, and the rule counts that default.",
		Pack:        policy.PackEncryption,
		Severity:    policy.SeverityHigh,
		Enforcement: policy.Mandatory,
		Principles:  []string{"2.3", "2.6"},
		ResourceTypes: []string{
			typeKMSKey, typeKMSExternalKey, typeKMSReplicaKey, typeKMSReplicaExternalKey,
		},
		Remediation: "Set `deletionWindowInDays` to the tier profile's `KeyDeletionWindowDays` (30 for every tier) on every " +
			"KMS key, external key and replica key.",
		Waivable: true,
		Reads: slices.Concat(policy.Reads(typeKMSKey, "deletionWindowInDays"), policy.Reads(typeKMSExternalKey, "deletionWindowInDays"),
			policy.Reads(typeKMSReplicaKey, "deletionWindowInDays"), policy.Reads(typeKMSReplicaExternalKey, "deletionWindowInDays")),
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		if !ctx.HasTier() {
			return policy.Undecided("the stack's tier is not known, so the required deletion window cannot be decided")
		}
		need := ctx.Profile.KeyDeletionWindowDays
		v := r.Get("deletionWindowInDays")
		days, k := policy.Int(v)
		if v.IsComputed() {
			// policy.Num reports a computed number as Absent (min(Unknown, Absent)); read the state here.
			k = policy.Unknown
		}
		switch {
		case k == policy.Unknown:
			return policy.Undecided("deletionWindowInDays is computed; the %s tier requires at least %d days", ctx.Tier.Title(), need)
		case k == policy.Absent && encKMSDefaultDeletionWindow >= need:
			return policy.Pass("deletionWindowInDays is not set; the AWS default of %d days meets the %s tier's %d",
				encKMSDefaultDeletionWindow, ctx.Tier.Title(), need)
		case k == policy.Absent:
			return policy.Fail("deletionWindowInDays is not set and the AWS default of %d days is below the %s tier's %d; set it",
				encKMSDefaultDeletionWindow, ctx.Tier.Title(), need)
		case days < need:
			return policy.Fail("deletionWindowInDays is %d; the %s tier requires at least %d", days, ctx.Tier.Title(), need)
		}
		return policy.Pass("deletion window of %d days meets the %s tier's %d", days, ctx.Tier.Title(), need)
	},
})
