package azure

import "github.com/policecloud/landingzones/policy"

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-IAM-002",
		Title: "Key Vaults use RBAC authorisation and no legacy access policies",
		Description: "Legacy Key Vault access policies sit outside Entra ID role assignments, PIM and their audit " +
			"trail. Every Key Vault must set `properties.enableRbacAuthorization: true`, hold no inline " +
			"`properties.accessPolicies`, and no azure-native:keyvault:AccessPolicy resource may name it " +
			"(`vaultName`); an AccessPolicy on a vault outside the stack fails too. Each vault and each " +
			"AccessPolicy is judged on its own settings alone, so `pulumi up` refuses it before it is created.",
		Pack:          policy.PackIdentity,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"9", "10"},
		ResourceTypes: []string{typeKeyVault, typeAccessPolicy},
		Remediation: "Set `properties.enableRbacAuthorization: true`, remove `properties.accessPolicies` and " +
			"AccessPolicy resources, and grant Key Vault roles (Key Vault Crypto Service Encryption User, Key Vault " +
			"Administrator through PIM) with role assignments.",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Azure Key Vault should use RBAC permission model (12d4fa5e-1f9f-4c21-97a9-b99b3c6611b5)"},
		},
		Waivable: true,
		Reads: append(policy.Reads(typeKeyVault, "properties.enableRbacAuthorization", "properties.accessPolicies", "vaultName"),
			policy.Reads(typeAccessPolicy, "vaultName")...),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		if r.Type == typeAccessPolicy {
			return policy.Fail("access policy %q grants legacy Key Vault access to vault %s; landing zone vaults use RBAC authorisation, so grant access with role assignments", r.Name, orComputed(r.Get("vaultName")))
		}
		return vaultRBAC(r)
	},
})

func vaultRBAC(v *policy.Resource) policy.Result {
	inline := ok
	if aps, k := list(v.Get("properties", "accessPolicies")); k == policy.Unknown {
		inline = policy.Undecided("properties.accessPolicies is computed; an RBAC vault holds none")
	} else if len(aps) > 0 {
		inline = policy.Fail("the vault holds %s in properties.accessPolicies; with RBAC authorisation grant access with role assignments only", plural(len(aps), "legacy access policy", "legacy access policies"))
	}
	return decide(policy.Pass("RBAC authorisation on, no legacy access policies"),
		mustBeTrue(v.Get("properties", "enableRbacAuthorization"), "properties.enableRbacAuthorization", "vault access must go through Entra ID role assignments"),
		inline)
}
