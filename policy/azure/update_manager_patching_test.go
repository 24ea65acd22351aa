package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// patchFixture is the Bronze custody server (Windows), the tier's weekly in-guest patch configuration and
// its assignment to the server by name.
func patchFixture() []*policy.Resource {
	vm := az(typeVM, "custody-vm", tier.Bronze, map[string]any{
		"vmName": "vm-custody", "resourceGroupName": "rg-bronze", "location": "uksouth",
		"osProfile": map[string]any{"windowsConfiguration": map[string]any{"patchSettings": map[string]any{
			"assessmentMode": "AutomaticByPlatform", "patchMode": "AutomaticByPlatform",
			"automaticByPlatformSettings": map[string]any{"bypassPlatformSafetyChecksOnUserSchedule": true},
		}}},
	})
	cfg := az(typeMaintenanceConfiguration, "bronze-patch", tier.Bronze, map[string]any{
		"resourceName": "mc-bronze-patch", "resourceGroupName": "rg-bronze", "maintenanceScope": "InGuestPatch",
		"recurEvery": "1Week Sunday", "startDateTime": "2026-01-04 22:00", "duration": "04:00", "timeZone": "UTC",
	})
	asg := az(typeMaintenanceAssignment, "custody-patch", tier.Bronze, map[string]any{
		"resourceName": "vm-custody", "resourceGroupName": "rg-bronze", "providerName": "Microsoft.Compute",
		"resourceType": "virtualMachines", "maintenanceConfigurationId": policy.UnknownSentinel,
	})
	policytest.Link(asg, "maintenanceConfigurationId", cfg)
	return []*policy.Resource{vm, cfg, asg}
}

// patchDynamicScope replaces the by-name assignment with a subscription dynamic scope on the Tier tag.
func patchDynamicScope(rs []*policy.Resource, tagValue string) {
	a := az(typeMaintenanceAssignmentSub, "bronze-scope", tier.Bronze, map[string]any{
		"maintenanceConfigurationId": policy.UnknownSentinel,
		"filter": map[string]any{
			"resourceTypes": []any{"microsoft.compute/virtualmachines"},
			"locations":     []any{"uksouth"},
			"tagSettings":   map[string]any{"tags": map[string]any{"Tier": []any{tagValue}}, "filterOperator": "Any"},
		},
	})
	policytest.Link(a, "maintenanceConfigurationId", rs[1])
	rs[2] = a
}

const patchWin = "windowsConfiguration.patchSettings"

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AZR-AUD-008",
	Context:         ctxFor(tier.Bronze, "tier"),
	Resources:       patchFixture,
	Subject:         policytest.URN(typeVM, "custody-vm"),
	BaselineMessage: `assessed periodically and patched by maintenance configuration bronze-patch (assignment custody-patch, recurEvery "1Week Sunday")`,
	Cases: []policytest.Case{
		{
			Name: "no periodic assessment",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "osProfile", "windowsConfiguration", "patchSettings", "assessmentMode")
			},
			Want:    policy.StatusFail,
			Message: patchWin + ".assessmentMode is not set (default ImageDefault), so the machine is not checked for missing updates periodically; set it to AutomaticByPlatform",
		},
		{
			Name: "patched by the OS, not the schedule",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "AutomaticByOS", "osProfile", "windowsConfiguration", "patchSettings", "patchMode")
			},
			Want:    policy.StatusFail,
			Message: patchWin + ".patchMode is AutomaticByOS, so Update Manager schedules cannot patch it; set it to AutomaticByPlatform",
		},
		{
			Name: "platform safety checks not bypassed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "osProfile", "windowsConfiguration", "patchSettings", "automaticByPlatformSettings")
			},
			Want:    policy.StatusFail,
			Message: patchWin + ".automaticByPlatformSettings.bypassPlatformSafetyChecksOnUserSchedule is not true, so the platform patches on its own schedule, not the tier's maintenance configuration",
		},
		{
			Name:    "no OS configuration",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "osProfile") },
			Want:    policy.StatusFail,
			Message: "the machine sets no windowsConfiguration or linuxConfiguration patchSettings, so it is not assessed for missing updates (assessmentMode defaults to ImageDefault); set assessmentMode and patchMode to AutomaticByPlatform",
		},
		{
			Name:    "assignment names another machine",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[2], "vm-other", "resourceName") },
			Want:    policy.StatusFail,
			Message: "no maintenance configuration assignment selects this machine, so no Update Manager schedule patches it; the Bronze tier patches every machine at least every 7 days",
		},
		{
			Name: "no assignment in the stack",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[2] = az(typeResourceGroup, "rg", tier.Bronze, map[string]any{})
			},
			Want:    policy.StatusUnknown,
			Message: "the machine checks for missing updates, and the stack holds no maintenance configuration assignment; a dynamic scope in another stack may patch it, which this stack cannot show",
		},
		{
			Name: "monthly configuration",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], "Month Second Tuesday", "recurEvery")
			},
			Want:    policy.StatusFail,
			Message: `maintenance configuration bronze-patch recurs "Month Second Tuesday", a gap of up to 31 days; the Bronze tier patches every machine at least every 7 days`,
		},
		{
			Name:    "every two weeks",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[1], "2Weeks Saturday", "recurEvery") },
			Want:    policy.StatusFail,
			Message: `maintenance configuration bronze-patch recurs "2Weeks Saturday", a gap of up to 14 days; the Bronze tier patches every machine at least every 7 days`,
		},
		{
			Name:    "host maintenance, not guest patching",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[1], "Host", "maintenanceScope") },
			Want:    policy.StatusFail,
			Message: "maintenance configuration bronze-patch has maintenanceScope Host, not InGuestPatch, so it installs no guest OS patches; the Bronze tier patches every machine at least every 7 days",
		},
		{
			Name:    "unrecognised recurrence",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[1], "Fortnight", "recurEvery") },
			Want:    policy.StatusFail,
			Message: `maintenance configuration bronze-patch recurEvery "Fortnight" is not recognised (unit "Fortnight" is not Hour, Day, Week or Month); the Bronze tier patches every machine at least every 7 days`,
		},
		{
			Name:    "dynamic scope on the Tier tag",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { patchDynamicScope(rs, "Bronze") },
			Want:    policy.StatusPass,
			Message: `assessed periodically and patched by maintenance configuration bronze-patch (assignment bronze-scope, recurEvery "1Week Sunday")`,
		},
		{
			Name:    "dynamic scope on another tier's tag",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { patchDynamicScope(rs, "Gold") },
			Want:    policy.StatusFail,
			Message: "no maintenance configuration assignment selects this machine, so no Update Manager schedule patches it; the Bronze tier patches every machine at least every 7 days",
		},
		{
			Name:    "configuration recurrence computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[1], "recurEvery") },
			Want:    policy.StatusUnknown,
			Message: "computed at preview: maintenance configuration bronze-patch maintenanceScope or recurEvery; the machine must be patched at least every 7 days",
		},
		{
			Name:    "Linux scale set patched daily",
			Subject: policytest.URN(typeVMSS, "records-vmss"),
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = az(typeVMSS, "records-vmss", tier.Bronze, map[string]any{
					"vmScaleSetName": "vmss-records", "resourceGroupName": "rg-bronze",
					"virtualMachineProfile": map[string]any{"osProfile": map[string]any{"linuxConfiguration": map[string]any{"patchSettings": map[string]any{
						"assessmentMode": "AutomaticByPlatform", "patchMode": "AutomaticByPlatform",
						"automaticByPlatformSettings": map[string]any{"bypassPlatformSafetyChecksOnUserSchedule": true},
					}}}},
				})
				policytest.Set(rs[2], "vmss-records", "resourceName")
				policytest.Set(rs[2], "virtualMachineScaleSets", "resourceType")
				policytest.Set(rs[1], "Day", "recurEvery")
			},
			Want:    policy.StatusPass,
			Message: `assessed periodically and patched by maintenance configuration bronze-patch (assignment custody-patch, recurEvery "Day")`,
		},
	},
})
