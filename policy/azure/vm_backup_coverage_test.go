package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// vmBackupFixture is a Gold machine and its protected item in the tier's vault under the VM policy.
func vmBackupFixture() []*policy.Resource {
	vm := az(typeVM, "app-vm-1", tier.Gold, map[string]any{"vmName": "app-vm-1", "resourceGroupName": "rg-gold", "location": "uksouth"})
	item := az(typeProtectedItem, "app-vm-1-backup", tier.Gold, map[string]any{
		"resourceGroupName": "rg-gold", "vaultName": "rsv-gold", "fabricName": "Azure",
		"properties": map[string]any{
			"protectedItemType": "Microsoft.Compute/virtualMachines",
			"sourceResourceId":  policy.UnknownSentinel,
			"policyId":          rgID("rg-gold") + "/providers/Microsoft.RecoveryServices/vaults/rsv-gold/backupPolicies/vm-gold",
		},
	})
	policytest.Link(item, "properties", vm)
	return []*policy.Resource{vm, item}
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AZR-RES-007",
	Context:         ctxFor(tier.Gold, "tier"),
	Resources:       vmBackupFixture,
	Subject:         policytest.URN(typeVM, "app-vm-1"),
	BaselineMessage: "protected by app-vm-1-backup under backup policy vm-gold",
	Cases: []policytest.Case{
		{
			Name: "protected item for another machine",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[1].PropertyDependencies = nil
				policytest.Set(rs[1], rgID("rg-gold")+"/providers/Microsoft.Compute/virtualMachines/other-vm", "properties", "sourceResourceId")
			},
			Want:    policy.StatusFail,
			Message: "no Recovery Services protected item names this machine (properties.sourceResourceId), so no backup policy protects it; the Gold tier backs up every virtual machine",
		},
		{
			Name: "protected item without a policy",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[1], "properties", "policyId")
			},
			Want:    policy.StatusFail,
			Message: "protected item app-vm-1-backup names no backup policy (properties.policyId), so no recovery point is taken; the Gold tier backs up every virtual machine",
		},
		{
			Name: "protected item of another kind",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], "AzureFileShareProtectedItem", "properties", "protectedItemType")
			},
			Want:    policy.StatusFail,
			Message: "no Recovery Services protected item names this machine (properties.sourceResourceId), so no backup policy protects it; the Gold tier backs up every virtual machine",
		},
		{
			Name: "machine named by its known ID",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[1].PropertyDependencies = nil
				rs[0].ID = rgID("rg-gold") + "/providers/Microsoft.Compute/virtualMachines/app-vm-1"
				policytest.Set(rs[1], rgID("RG-GOLD")+"/providers/Microsoft.Compute/virtualMachines/APP-VM-1", "properties", "sourceResourceId")
			},
			Want:    policy.StatusPass,
			Message: "protected by app-vm-1-backup under backup policy vm-gold",
		},
		{
			Name: "policy computed at preview",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[1], "properties", "policyId")
			},
			Want:    policy.StatusPass,
			Message: "protected by app-vm-1-backup (its backup policy is computed at preview)",
		},
		{
			Name: "source computed with no dependency",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[1].PropertyDependencies = nil
			},
			Want:    policy.StatusUnknown,
			Message: "computed at preview: app-vm-1-backup properties.sourceResourceId; the machine must be protected by the tier's VM backup policy",
		},
		{
			Name: "no protected item in the stack",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[1], "properties")
				rs[1].Type = typeRecoveryVault
			},
			Want:    policy.StatusUnknown,
			Message: "the stack holds no Recovery Services protected item; the machine may be protected from another stack or by Azure Policy, which this stack cannot show",
		},
		{
			Name:    "foundation stack",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Role = "foundation" },
			Want:    policy.StatusNotApplicable,
			Message: "foundation stack; the rule covers tier stacks",
		},
		{
			Name:    "profile without full coverage",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Profile.Backup.CoverAllStateful = false },
			Want:    policy.StatusNotApplicable,
			Message: "the gold profile does not require every stateful resource to be backed up",
		},
		{
			Name:    "tier not known",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Tier = "" },
			Want:    policy.StatusUnknown,
			Message: "the stack's tier is not known, so whether it backs up every virtual machine is not known",
		},
	},
})
