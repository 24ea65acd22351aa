package azure

import (
	"fmt"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// keyVaultPermissionKinds are the permission lists of a Key Vault access policy entry.
var keyVaultPermissionKinds = []string{"keys", "secrets", "certificates", "storage"}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-IAM-005",
		Title: "Key Vault access policies do not grant all permissions",
		Description: "A legacy Key Vault access policy whose `permissions.keys`, `secrets`, `certificates` or " +
			"`storage` list holds \"all\" (any case) gives its principal every operation on that kind of " +
			"object, purge included, outside Entra ID role assignments and PIM: whoever holds the principal " +
			"can read every secret and destroy every key. Read on azure-native:keyvault:Vault " +
			"(`properties.accessPolicies[].permissions`) and azure-native:keyvault:AccessPolicy " +
			"(`policy.permissions`). PCLZ-AZR-IAM-002 already requires RBAC authorisation; this rule keeps a " +
			"waived vault's access policies least-privilege.",
		Pack:          policy.PackIdentity,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"9", "10"},
		ResourceTypes: []string{typeKeyVault, typeAccessPolicy},
		Remediation: "List only the operations the principal needs (for a service: keys get, wrapKey, unwrapKey; " +
			"secrets get), never \"all\"; better, move the vault to RBAC authorisation and grant Key Vault " +
			"roles.",
		References: []policy.Reference{
			{Source: "Checkov", ID: "CKV_AZURE_110"},
		},
		Waivable: true,
		Reads: append(policy.Reads(typeKeyVault, "properties.accessPolicies", "properties.accessPolicies.permissions"),
			policy.Reads(typeAccessPolicy, "policy.permissions")...),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		if r.Type == typeAccessPolicy {
			res := accessPolicyAll(r.Get("policy"), "access policy")
			if res.Status == "" {
				return policy.Pass("access policy grants named permissions only")
			}
			return res
		}
		aps, k := list(r.Get("properties", "accessPolicies"))
		if k == policy.Unknown {
			return policy.Undecided("properties.accessPolicies is computed; no access policy may grant all permissions")
		}
		if len(aps) == 0 {
			return policy.NotApplicable("the vault holds no access policies")
		}
		var undecided policy.Result
		for i, ap := range aps {
			res := accessPolicyAll(ap, fmt.Sprintf("access policy %d", i+1))
			switch res.Status {
			case policy.StatusFail:
				return res
			case policy.StatusUnknown:
				if undecided.Status == "" {
					undecided = res
				}
			}
		}
		if undecided.Status != "" {
			return undecided
		}
		return policy.Pass("every access policy grants named permissions only")
	},
})

// accessPolicyAll judges one access policy entry; the zero Result means nothing wrong.
func accessPolicyAll(entry policy.Value, label string) policy.Result {
	if entry.IsComputed() || at(entry, "permissions").IsComputed() {
		return policy.Undecided("%s permissions are computed; they must not grant all permissions", label)
	}
	who := "its principal"
	if id, k := policy.Str(at(entry, "objectId")); k == policy.Present && id != "" {
		who = "object " + id
	}
	for _, kind := range keyVaultPermissionKinds {
		perms, k := policy.Strings(at(entry, "permissions", kind))
		if k == policy.Unknown {
			return policy.Undecided("%s permissions.%s is computed; it must not grant all permissions", label, kind)
		}
		if slices.ContainsFunc(perms, func(p string) bool { return strings.EqualFold(strings.TrimSpace(p), "all") }) {
			return policy.Fail("%s grants %s all %s permissions (purge included); list only the operations it needs, or use RBAC authorisation", label, who, kind)
		}
	}
	return policy.Result{}
}
