package azure

import "github.com/policecloud/landingzones/policy"

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-IAM-002",
		Title: "Key Vaults use RBAC authorisation and no legacy access policies",
		Description: "Legacy Key Vault access policies sit outside Entra ID role assignments, PIM and their audit " +
			"trail. Every Key Vault must set `properties.enableRbacAuthorization: true`, hold no inline " +
			"`properties.accessPolicies`, and no azure-native:keyvault:AccessPolicy resource may name it " +
			"(`vaultName`); an AccessPolicy on a vault outside the stack fails too.",
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
	Check: func(_ *policy.Context, rs []*policy.Resource) []policy.Result {
		var out []policy.Result
		claimed := map[*policy.Resource]bool{}
		for _, v := range ofType(rs, typeKeyVault) {
			var legacy []*policy.Resource
			for _, ap := range ofType(rs, typeAccessPolicy) {
				if refersByName(ap, "vaultName", v, "vaultName") {
					legacy = append(legacy, ap)
					claimed[ap] = true
				}
			}
			out = append(out, withURN(vaultRBAC(v, legacy), v))
		}
		for _, ap := range ofType(rs, typeAccessPolicy) {
			if !claimed[ap] {
				out = append(out, withURN(policy.Fail("access policy %q grants legacy Key Vault access to vault %s; landing zone vaults use RBAC authorisation, so grant access with role assignments", ap.Name, orComputed(ap.Get("vaultName"))), ap))
			}
		}
		if len(out) == 0 {
			return []policy.Result{policy.NotApplicable("no Key Vaults in this stack")}
		}
		return out
	},
})

func vaultRBAC(v *policy.Resource, legacy []*policy.Resource) policy.Result {
	inline := ok
	if aps, k := list(v.Get("properties", "accessPolicies")); k == policy.Unknown {
		inline = policy.Undecided("properties.accessPolicies is computed; an RBAC vault holds none")
	} else if len(aps) > 0 {
		inline = policy.Fail("the vault holds %s in properties.accessPolicies; with RBAC authorisation grant access with role assignments only", plural(len(aps), "legacy access policy", "legacy access policies"))
	}
	resources := ok
	if len(legacy) > 0 {
		resources = policy.Fail("access policy resource %q grants legacy access to this vault; with RBAC authorisation grant access with role assignments only", legacy[0].Name)
	}
	return decide(policy.Pass("RBAC authorisation on, no legacy access policies"),
		mustBeTrue(v.Get("properties", "enableRbacAuthorization"), "properties.enableRbacAuthorization", "vault access must go through Entra ID role assignments"),
		inline, resources)
}
