package azure

import (
	"strings"

	"github.com/policecloud/landingzones/policy"
)

const typeProtectedItem = "azure-native:recoveryservices:ProtectedItem"

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-RES-007",
		Title: "Every virtual machine is protected by a Recovery Services backup policy",
		Description: "Azure Backup protects a virtual machine (its OS and data disks) only once a protected item " +
			"names it, so a machine added without one is silently left out. Where the tier profile sets " +
			"Backup.CoverAllStateful (every tier), every virtual machine in a tier stack must be the " +
			"`properties.sourceResourceId` of an azure-native:recoveryservices:ProtectedItem " +
			"(`protectedItemType: Microsoft.Compute/virtualMachines`) whose `properties.policyId` names a backup " +
			"policy. A stack that holds no protected item at all is not known (machines may be protected from " +
			"another stack or by an Azure Policy DeployIfNotExists assignment); one whose protected items leave " +
			"the machine out fails, naming it. Azure SQL databases back themselves up (PCLZ-AZR-RES-008 reads " +
			"their geo-redundant backup storage); a standalone managed disk needs Azure Disk Backup (a Backup " +
			"vault, whose module is not read here) and is not assessed. Foundation stacks are not covered.",
		Pack:          policy.PackResilience,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.6"},
		ResourceTypes: []string{typeVM, typeProtectedItem},
		Remediation: "Add an azure-native:recoveryservices:ProtectedItem in the tier's Recovery Services vault with " +
			"`properties: {protectedItemType: \"Microsoft.Compute/virtualMachines\", sourceResourceId: <the machine's " +
			"ID>, policyId: <the tier's VM backup policy>}` (azurelz.NewWorkload adds one per machine).",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Azure Backup should be enabled for Virtual Machines (013e242c-8828-4970-87b3-ab247555486d)"},
			{Source: "Azure Proactive Resiliency Library", ID: "VM-13 (back up VMs with Azure Backup)"},
			{Source: "Checkov", ID: "CKV2_AZURE_12"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeProtectedItem, "properties.protectedItemType", "properties.sourceResourceId", "properties.policyId"),
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		vms := ofType(rs, typeVM)
		if len(vms) == 0 {
			return []policy.Result{policy.NotApplicable("no virtual machine in the stack")}
		}
		var all policy.Result
		switch {
		case ctx.Role == "foundation":
			all = policy.NotApplicable("foundation stack; the rule covers tier stacks")
		case !ctx.HasTier():
			all = policy.Undecided("the stack's tier is not known, so whether it backs up every virtual machine is not known")
		case !ctx.Profile.Backup.CoverAllStateful:
			all = policy.NotApplicable("the %s profile does not require every stateful resource to be backed up", ctx.Tier)
		}
		if all.Status != "" {
			out := make([]policy.Result, 0, len(vms))
			for _, vm := range vms {
				out = append(out, withURN(all, vm))
			}
			return out
		}
		items := ofType(rs, typeProtectedItem)
		out := make([]policy.Result, 0, len(vms))
		for _, vm := range vms {
			out = append(out, withURN(vmProtected(ctx, items, vm), vm))
		}
		return out
	},
})

// vmProtected decides whether one machine is protected by one of the stack's protected items.
func vmProtected(ctx *policy.Context, items []*policy.Resource, vm *policy.Resource) policy.Result {
	if len(items) == 0 {
		return policy.Undecided("the stack holds no Recovery Services protected item; the machine may be protected from another stack or by Azure Policy, which this stack cannot show")
	}
	var computed, noPolicy []string
	for _, it := range items {
		typ, tk := policy.Str(it.Get("properties", "protectedItemType"))
		if tk == policy.Present && !eqFold(typ, "Microsoft.Compute/virtualMachines") {
			continue
		}
		if !dependsOn(it, "properties", vm) && !refersAt(it, vm, false, "properties", "sourceResourceId") {
			if it.Get("properties", "sourceResourceId").IsComputed() && len(it.PropertyDependencies["properties"]) == 0 {
				computed = append(computed, it.Name+" properties.sourceResourceId")
			}
			continue
		}
		switch pol := it.Get("properties", "policyId"); {
		case pol.IsComputed():
			return policy.Pass("protected by %s (its backup policy is computed at preview)", it.Name)
		case present(pol):
			p, _ := policy.Str(pol)
			if p != "" {
				return policy.Pass("protected by %s under backup policy %s", it.Name, p[strings.LastIndex(p, "/")+1:])
			}
		}
		noPolicy = append(noPolicy, it.Name)
	}
	switch {
	case len(noPolicy) > 0:
		return policy.Fail("protected item %s names no backup policy (properties.policyId), so no recovery point is taken; the %s tier backs up every virtual machine",
			strings.Join(noPolicy, ", "), ctx.Tier.Title())
	case len(computed) > 0:
		return policy.Undecided("computed at preview: %s; the machine must be protected by the tier's VM backup policy", strings.Join(computed, ", "))
	}
	return policy.Fail("no Recovery Services protected item names this machine (properties.sourceResourceId), so no backup policy protects it; the %s tier backs up every virtual machine", ctx.Tier.Title())
}
