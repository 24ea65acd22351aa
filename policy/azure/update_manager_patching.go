package azure

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// patchOSProfile is where each workload type keeps its OS profile.
var patchOSProfile = map[string][]any{
	typeVM:   {"osProfile"},
	typeVMSS: {"virtualMachineProfile", "osProfile"},
}

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-AUD-008",
		Title: "Every virtual machine is assessed for missing updates and patched by a maintenance configuration on the tier's cadence",
		Description: "NCSC principle 5.2 asks that known vulnerabilities are patched within a set time. Every " +
			"virtual machine and scale set in a stack must check for missing updates periodically " +
			"(`osProfile.windowsConfiguration|linuxConfiguration.patchSettings.assessmentMode: AutomaticByPlatform`; " +
			"the default ImageDefault does not) and take its patches from Azure Update Manager schedules " +
			"(`patchMode: AutomaticByPlatform` with `automaticByPlatformSettings.bypassPlatformSafetyChecksOnUserSchedule: true`). " +
			"It must then be assigned to an azure-native:maintenance:MaintenanceConfiguration with " +
			"`maintenanceScope: InGuestPatch` whose `recurEvery` leaves no gap longer than the tier's " +
			"Patching.CadenceDays: by an azure-native:maintenance:ConfigurationAssignment naming the machine " +
			"(`resourceName`), or, for a virtual machine, by a dynamic scope " +
			"(ConfigurationAssignmentsForSubscription or ConfigurationAssignmentsForResourceGroup) whose " +
			"`filter` (resource types, resource groups, locations, tags) selects it. A stack with no assignment " +
			"at all is not known (a dynamic scope may live in a central stack); one whose assignments leave the " +
			"machine out fails. A stack without a virtual machine is not covered. A failure names the machine.",
		Pack:          policy.PackAudit,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"5.2"},
		ResourceTypes: []string{typeVM, typeVMSS, typeMaintenanceConfiguration, typeMaintenanceAssignment, typeMaintenanceAssignmentSub, typeMaintenanceAssignmentRG},
		Remediation: "Set the machine's patchSettings to `assessmentMode: \"AutomaticByPlatform\"`, `patchMode: " +
			"\"AutomaticByPlatform\"` and `automaticByPlatformSettings.bypassPlatformSafetyChecksOnUserSchedule: true`, " +
			"and assign it (by name or by a dynamic scope on its Tier tag) to a maintenance configuration with " +
			"`maintenanceScope: \"InGuestPatch\"` recurring at least every profile.Patching.CadenceDays days in " +
			"the tier's reboot window (for example `recurEvery: \"1Week Sunday\"`).",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Machines should be configured to periodically check for missing system updates (bd876905-5b84-4f73-ab2d-2e7a7c4568d9)"},
			{Source: "Azure Policy", ID: "Schedule recurring updates using Azure Update Manager (ba0df93e-e4ac-479a-aac2-134bbae39a1a)"},
			{Source: "Azure Policy", ID: "System updates should be installed on your machines (powered by Update Center) (f85bf3e0-d513-442e-89c3-1784ad63382b)"},
		},
		Waivable: true,
		Reads: slices.Concat(
			policy.Reads(typeVM, "osProfile.windowsConfiguration.patchSettings.assessmentMode",
				"osProfile.windowsConfiguration.patchSettings.patchMode",
				"osProfile.windowsConfiguration.patchSettings.automaticByPlatformSettings.bypassPlatformSafetyChecksOnUserSchedule",
				"osProfile.linuxConfiguration.patchSettings.assessmentMode",
				"osProfile.linuxConfiguration.patchSettings.patchMode",
				"osProfile.linuxConfiguration.patchSettings.automaticByPlatformSettings.bypassPlatformSafetyChecksOnUserSchedule"),
			policy.Reads(typeMaintenanceConfiguration, "maintenanceScope", "recurEvery"),
			policy.Reads(typeMaintenanceAssignment, "resourceName", "resourceType", "maintenanceConfigurationId"),
			policy.Reads(typeMaintenanceAssignmentSub, "filter", "maintenanceConfigurationId"),
			policy.Reads(typeMaintenanceAssignmentRG, "filter", "maintenanceConfigurationId"),
		),
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		var out []policy.Result
		for _, r := range rs {
			if _, ok := patchOSProfile[r.Type]; !ok {
				continue
			}
			if !ctx.HasTier() {
				out = append(out, withURN(policy.Undecided("the stack's tier is not known, so the patch cadence the machine needs is not known"), r))
				continue
			}
			out = append(out, withURN(patchedMachine(ctx, rs, r), r))
		}
		if len(out) == 0 {
			return []policy.Result{policy.NotApplicable("no virtual machine or scale set in the stack")}
		}
		return out
	},
})

// patchedMachine decides one machine: its patch settings, then its maintenance configuration.
func patchedMachine(ctx *policy.Context, rs []*policy.Resource, m *policy.Resource) policy.Result {
	if res := patchSettings(m); res.Status != "" {
		return res
	}
	cadence := ctx.Profile.Patching.CadenceDays
	assignments := ofType(rs, typeMaintenanceAssignment, typeMaintenanceAssignmentSub, typeMaintenanceAssignmentRG)
	if len(assignments) == 0 {
		return policy.Undecided("the machine checks for missing updates, and the stack holds no maintenance configuration assignment; a dynamic scope in another stack may patch it, which this stack cannot show")
	}
	var fails, computed []string
	for _, a := range assignments {
		sel, why := assignmentSelects(a, m)
		switch sel {
		case policy.Unknown:
			computed = append(computed, why)
			continue
		case policy.Absent:
			continue
		}
		l := resolve(a, rs, typeMaintenanceConfiguration, "maintenanceConfigurationId")
		if len(l.Targets) == 0 {
			if l.Computed {
				computed = append(computed, "assignment "+a.Name+" maintenanceConfigurationId")
			} else {
				fails = append(fails, fmt.Sprintf("assignment %s names maintenance configuration %q, which is not in the stack", a.Name, l.External))
			}
			continue
		}
		for _, c := range l.Targets {
			res := maintenanceCadence(c, cadence)
			switch res.Status {
			case policy.StatusPass:
				return policy.Pass("assessed periodically and patched by maintenance configuration %s (assignment %s, %s)", c.Name, a.Name, res.Message)
			case policy.StatusUnknown:
				computed = append(computed, res.Message)
			default:
				fails = append(fails, res.Message)
			}
		}
	}
	switch {
	case len(fails) > 0:
		return policy.Fail("%s; the %s tier patches every machine at least every %d days", strings.Join(fails, "; "), ctx.Tier.Title(), cadence)
	case len(computed) > 0:
		return policy.Undecided("computed at preview: %s; the machine must be patched at least every %d days", strings.Join(computed, ", "), cadence)
	}
	return policy.Fail("no maintenance configuration assignment selects this machine, so no Update Manager schedule patches it; the %s tier patches every machine at least every %d days", ctx.Tier.Title(), cadence)
}

// patchSettings checks the machine's own patch settings; an empty result means they are sound.
func patchSettings(m *policy.Resource) policy.Result {
	base := patchOSProfile[m.Type]
	var cfg []any
	var os string
	for _, c := range []string{"windowsConfiguration", "linuxConfiguration"} {
		p := append(slices.Clone(base), c)
		if v := m.Get(p...); v.IsComputed() {
			return policy.Undecided("%s is computed, so the machine's patch settings are not known", pathName(p))
		} else if !v.IsNull() {
			cfg, os = p, c
		}
	}
	if cfg == nil {
		return policy.Fail("the machine sets no windowsConfiguration or linuxConfiguration patchSettings, so it is not assessed for missing updates (assessmentMode defaults to ImageDefault); set assessmentMode and patchMode to AutomaticByPlatform")
	}
	ps := append(slices.Clone(cfg), "patchSettings")
	name := os + ".patchSettings"
	for _, f := range []struct{ field, def, why string }{
		{"assessmentMode", "ImageDefault", "the machine is not checked for missing updates periodically"},
		{"patchMode", map[string]string{"windowsConfiguration": "AutomaticByOS", "linuxConfiguration": "ImageDefault"}[os], "Update Manager schedules cannot patch it"},
	} {
		v, k := policy.Str(m.Get(append(slices.Clone(ps), f.field)...))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("%s.%s is computed", name, f.field)
		case k == policy.Absent:
			return policy.Fail("%s.%s is not set (default %s), so %s; set it to AutomaticByPlatform", name, f.field, f.def, f.why)
		case !eqFold(v, "AutomaticByPlatform"):
			return policy.Fail("%s.%s is %s, so %s; set it to AutomaticByPlatform", name, f.field, v, f.why)
		}
	}
	bypass := m.Get(append(slices.Clone(ps), "automaticByPlatformSettings", "bypassPlatformSafetyChecksOnUserSchedule")...)
	on, k := policy.Bool(bypass)
	switch {
	case bypass.IsComputed():
		return policy.Undecided("%s.automaticByPlatformSettings.bypassPlatformSafetyChecksOnUserSchedule is computed", name)
	case k != policy.Present || !on:
		return policy.Fail("%s.automaticByPlatformSettings.bypassPlatformSafetyChecksOnUserSchedule is not true, so the platform patches on its own schedule, not the tier's maintenance configuration", name)
	}
	return policy.Result{}
}

// assignmentSelects reports whether assignment a selects machine m; why says what is computed.
func assignmentSelects(a, m *policy.Resource) (policy.Known, string) {
	if a.Type == typeMaintenanceAssignment {
		nameProp := map[string]string{typeVM: "vmName", typeVMSS: "vmScaleSetName"}[m.Type]
		rt, _ := policy.Str(a.Get("resourceType"))
		wantType := map[string]string{typeVM: "virtualMachines", typeVMSS: "virtualMachineScaleSets"}[m.Type]
		if rt != "" && !eqFold(rt, wantType) {
			return policy.Absent, ""
		}
		if refersByName(a, "resourceName", m, nameProp) || dependsOn(a, "resourceId", m) || refersAt(a, m, false, "resourceId") {
			return policy.Present, ""
		}
		if v := a.Get("resourceName"); v.IsComputed() && len(a.PropertyDependencies["resourceName"]) == 0 {
			return policy.Unknown, "assignment " + a.Name + " resourceName"
		}
		return policy.Absent, ""
	}
	if m.Type != typeVM {
		return policy.Absent, "" // dynamic scopes select virtual machines only
	}
	f := a.Get("filter")
	if f.IsComputed() {
		return policy.Unknown, "assignment " + a.Name + " filter"
	}
	inList := func(prop, have string) (bool, bool) {
		vals, k := policy.Strings(at(f, prop))
		if k == policy.Unknown {
			return false, false
		}
		if len(vals) == 0 {
			return true, true
		}
		return slices.ContainsFunc(vals, func(v string) bool { return eqFold(v, have) }), true
	}
	rg, _ := policy.Str(m.Get("resourceGroupName"))
	loc, _, _ := location(m)
	for _, c := range []struct{ prop, have string }{
		{"resourceTypes", "Microsoft.Compute/virtualMachines"},
		{"resourceGroups", rg},
		{"locations", normLocation(loc)},
	} {
		in, known := inList(c.prop, c.have)
		switch {
		case !known:
			return policy.Unknown, "assignment " + a.Name + " filter." + c.prop
		case !in:
			return policy.Absent, ""
		}
	}
	tagsV := at(f, "tagSettings", "tags")
	if tagsV.IsComputed() {
		return policy.Unknown, "assignment " + a.Name + " filter.tagSettings"
	}
	if !tagsV.IsMap() || tagsV.AsMap().Len() == 0 {
		return policy.Present, ""
	}
	tags, unknown, computed := m.Tags()
	all := eqFold(strOr(at(f, "tagSettings", "filterOperator")), "All")
	matched := 0
	for key, want := range tagsV.AsMap().All {
		if computed || slices.Contains(unknown, key) {
			return policy.Unknown, "the machine's tag " + key
		}
		vals, _ := policy.Strings(want)
		if v, has := tags[key]; has && slices.Contains(vals, v) {
			matched++
		} else if all {
			return policy.Absent, ""
		}
	}
	if matched == 0 {
		return policy.Absent, ""
	}
	return policy.Present, ""
}

// maintenanceCadence decides a maintenance configuration: in-guest patching, recurring at least every
// cadenceDays. A pass's message describes the recurrence.
func maintenanceCadence(c *policy.Resource, cadenceDays int) policy.Result {
	scope, sk := policy.Str(c.Get("maintenanceScope"))
	rec, rk := policy.Str(c.Get("recurEvery"))
	switch {
	case sk == policy.Unknown || rk == policy.Unknown:
		return policy.Undecided("maintenance configuration %s maintenanceScope or recurEvery", c.Name)
	case !eqFold(scope, "InGuestPatch"):
		return policy.Fail("maintenance configuration %s has maintenanceScope %s, not InGuestPatch, so it installs no guest OS patches", c.Name, strOrNone(scope))
	}
	hours, err := recurHours(rec)
	switch {
	case err != nil:
		return policy.Fail("maintenance configuration %s recurEvery %q is not recognised (%v)", c.Name, rec, err)
	case hours > cadenceDays*24:
		return policy.Fail("maintenance configuration %s recurs %q, a gap of up to %d days", c.Name, rec, (hours+23)/24)
	}
	return policy.Pass("recurEvery %q", rec)
}

var recurWeekdays = []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}

// recurHours returns the longest gap in hours of a maintenance configuration's recurEvery ("Day", "3Days",
// "Week Saturday,Sunday", "2Weeks", "Month Third Sunday", "6Hours"). A monthly recurrence counts as 31 days
// per month.
func recurHours(s string) (int, error) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return 0, fmt.Errorf("recurEvery is empty")
	}
	i := strings.IndexFunc(f[0], func(r rune) bool { return r < '0' || r > '9' })
	if i < 0 {
		return 0, fmt.Errorf("no unit (Hour, Day, Week or Month)")
	}
	n := 1
	if i > 0 {
		n, _ = strconv.Atoi(f[0][:i])
	}
	if n < 1 {
		return 0, fmt.Errorf("the interval must be at least 1")
	}
	switch strings.TrimSuffix(strings.ToLower(f[0][i:]), "s") {
	case "hour":
		return n, nil
	case "day":
		return n * 24, nil
	case "month":
		return n * 31 * 24, nil
	case "week":
		if len(f) < 2 {
			return n * 7 * 24, nil
		}
		var days []int
		for _, d := range strings.Split(f[1], ",") {
			j := slices.Index(recurWeekdays, strings.ToLower(strings.TrimSpace(d)))
			if j < 0 {
				return 0, fmt.Errorf("%q is not a day of the week", d)
			}
			days = append(days, j)
		}
		slices.Sort(days)
		gap := days[0] + 7 - days[len(days)-1]
		for k := 1; k < len(days); k++ {
			gap = max(gap, days[k]-days[k-1])
		}
		return ((n-1)*7 + gap) * 24, nil
	}
	return 0, fmt.Errorf("unit %q is not Hour, Day, Week or Month", f[0][i:])
}
