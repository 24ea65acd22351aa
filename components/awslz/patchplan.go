package awslz

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

// The patching decisions of a tier, as pure functions of its profile (see plan.go): the Systems Manager
// patch baseline of each operating system family, the patch groups, the maintenance window and the
// compliance scan. patchplan_test.go pins each in a table across the tiers.

// The operating system families a workload may run; each gets a patch baseline and a patch group in its
// tier environment.
const (
	// OSAmazonLinux2023 is Amazon Linux 2023, the default.
	OSAmazonLinux2023 = "amazon-linux-2023"
	// OSRHEL9 is Red Hat Enterprise Linux 9.
	OSRHEL9 = "rhel-9"
	// OSWindows is Windows Server.
	OSWindows = "windows"
)

// DefaultOperatingSystem is a workload's operating system family when OperatingSystem is "", and a
// tier environment's only one when OperatingSystems is empty.
const DefaultOperatingSystem = OSAmazonLinux2023

// patchOS is how Systems Manager names an operating system family and its patches.
type patchOS struct {
	// ssm is the patch baseline's operatingSystem.
	ssm string
	// product is the PRODUCT filter value ("*" for every product).
	product string
	// linux is true for a family whose baseline can name alternative patch repositories (sources).
	linux bool
	// critical and other are the CLASSIFICATION filter values of the two approval rules; severityKey
	// and severities the severity filter of the critical rule.
	critical, other []string
	severityKey     string
	severities      []string
	// repositoryPath is the family's folder in an internal patch repository ("" for Windows, which has
	// none).
	repositoryPath string
}

var patchOperatingSystems = map[string]patchOS{
	OSAmazonLinux2023: {ssm: "AMAZON_LINUX_2023", product: "AmazonLinux2023", linux: true,
		critical: []string{"Security"}, other: []string{"Security", "Bugfix", "Recommended"},
		severityKey: "SEVERITY", severities: []string{"Critical", "Important"}, repositoryPath: "amazon-linux-2023"},
	OSRHEL9: {ssm: "REDHAT_ENTERPRISE_LINUX", product: "RedhatEnterpriseLinux9", linux: true,
		critical: []string{"Security"}, other: []string{"Security", "Bugfix", "Recommended"},
		severityKey: "SEVERITY", severities: []string{"Critical", "Important"}, repositoryPath: "rhel-9"},
	OSWindows: {ssm: "WINDOWS", product: "*",
		critical: []string{"CriticalUpdates", "SecurityUpdates"}, other: []string{"CriticalUpdates", "SecurityUpdates", "Updates", "UpdateRollups"},
		severityKey: "MSRC_SEVERITY", severities: []string{"Critical", "Important"}},
}

// OperatingSystems returns the operating system families a workload may run, sorted.
func OperatingSystems() []string {
	out := make([]string, 0, len(patchOperatingSystems))
	for k := range patchOperatingSystems {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// maxApproveAfterDays is the longest approval delay a patch baseline rule accepts.
const maxApproveAfterDays = 360

// patchFilter is one filter of a baseline approval rule.
type patchFilter struct {
	Key    string
	Values []string
}

// patchRule is one approval rule of a patch baseline.
type patchRule struct {
	// ApproveAfterDays is how long a released patch waits before it is approved.
	ApproveAfterDays int
	// ComplianceLevel is the severity a missing approved patch is reported with.
	ComplianceLevel string
	Filters         []patchFilter
}

// patchBaseline is one operating system family's patch baseline in a tier.
type patchBaseline struct {
	// OS is the family ("amazon-linux-2023"); OperatingSystem its Systems Manager name.
	OS, OperatingSystem string
	// Group is the patch group its workloads are in (their `Patch Group` tag).
	Group string
	// Rules are the approval rules: critical and security patches first, then every other patch.
	Rules []patchRule
	// InternalSource is true when the baseline patches only from the tier's own patch repository
	// (sources), never from the vendor's repositories over the internet.
	InternalSource bool
	// Product is the PRODUCT the repository serves; RepositoryPath its folder in the patch repository.
	Product, RepositoryPath string
}

// patchGroupName is the patch group of the workloads of tier t running operating system family os.
func patchGroupName(t tier.Tier, os string) string { return string(t) + "-" + os }

// checkOperatingSystem validates an operating system family for profile p: a known family, with an
// internal patch source when the profile requires one.
func checkOperatingSystem(field, os string, p tier.Profile) error {
	o, ok := patchOperatingSystems[os]
	switch {
	case !ok:
		return &netplan.FieldError{Path: field, Value: os, Msg: "is not a supported operating system family", Allowed: strings.Join(OperatingSystems(), ", ")}
	case p.Patching.InternalSource && !o.linux:
		var linux []string
		for _, k := range OperatingSystems() {
			if patchOperatingSystems[k].linux {
				linux = append(linux, k)
			}
		}
		return &netplan.FieldError{Path: field, Value: os, Msg: "cannot be patched from the " + string(p.Tier) + " tier's internal patch repository (the tier has no internet)",
			Allowed: strings.Join(linux, ", ")}
	}
	return nil
}

// patchBaselinesFor decides the patch baselines of a tier: one per operating system family in oss (in
// order), approving critical and security patches after Patching.ApproveCriticalAfterDays and every
// other patch after Patching.ApproveOtherAfterDays, from the tier's internal repository when
// Patching.InternalSource.
func patchBaselinesFor(p tier.Profile, oss []string) ([]patchBaseline, error) {
	pt := p.Patching
	for _, d := range []struct {
		field string
		days  int
	}{{"ApproveCriticalAfterDays", pt.ApproveCriticalAfterDays}, {"ApproveOtherAfterDays", pt.ApproveOtherAfterDays}} {
		if d.days < 0 || d.days > maxApproveAfterDays {
			return nil, &netplan.FieldError{Path: "Profile.Patching." + d.field, Value: strconv.Itoa(d.days), Msg: "is out of range", Allowed: fmt.Sprintf("0 to %d days", maxApproveAfterDays)}
		}
	}
	if pt.ApproveCriticalAfterDays > pt.MaxAgeCriticalDays || pt.ApproveOtherAfterDays > pt.MaxAgeOtherDays {
		return nil, &netplan.FieldError{Path: "Profile.Patching", Value: fmt.Sprintf("approve after %d/%d days, maximum age %d/%d days",
			pt.ApproveCriticalAfterDays, pt.ApproveOtherAfterDays, pt.MaxAgeCriticalDays, pt.MaxAgeOtherDays),
			Msg: "approves patches later than they may be installed", Allowed: "approval delays no longer than the maximum patch ages"}
	}
	out := make([]patchBaseline, 0, len(oss))
	for i, os := range oss {
		if err := checkOperatingSystem(fmt.Sprintf("OperatingSystems[%d]", i), os, p); err != nil {
			return nil, err
		}
		o := patchOperatingSystems[os]
		product := patchFilter{Key: "PRODUCT", Values: []string{o.product}}
		out = append(out, patchBaseline{
			OS: os, OperatingSystem: o.ssm, Group: patchGroupName(p.Tier, os),
			Rules: []patchRule{
				{ApproveAfterDays: pt.ApproveCriticalAfterDays, ComplianceLevel: "CRITICAL", Filters: []patchFilter{
					product, {Key: "CLASSIFICATION", Values: o.critical}, {Key: o.severityKey, Values: o.severities}}},
				{ApproveAfterDays: pt.ApproveOtherAfterDays, ComplianceLevel: "HIGH", Filters: []patchFilter{
					product, {Key: "CLASSIFICATION", Values: o.other}}},
			},
			InternalSource: pt.InternalSource, Product: o.product, RepositoryPath: o.repositoryPath,
		})
	}
	return out, nil
}

// weekdays are the days a maintenance window may open, as Systems Manager cron expressions name them.
var weekdays = []tier.Weekday{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}

// patchWindowCutoffHours is how long before a maintenance window closes no new patch run starts.
const patchWindowCutoffHours = 1

// patchWindow is a tier's patch maintenance window and its Run Command task.
type patchWindow struct {
	// Schedule is the window's cron expression (UTC); Duration and Cutoff are in hours.
	Schedule         string
	Duration, Cutoff int
	// MaxConcurrency is the share of the tier's instances patched at once: one availability zone's.
	MaxConcurrency string
	// MaxErrors stops the run after this many failed instances.
	MaxErrors string
	// ScanSchedule is the compliance scan association's schedule: the tier's scan cadence.
	ScanSchedule string
}

// patchWindowFor decides a tier's maintenance window: weekly at Patching.RebootWindow, which must be at
// least as often as Patching.CadenceDays asks; instances patched one availability zone's share at a time;
// a compliance scan (AWS-RunPatchBaseline Operation=Scan) every Scanning.CadenceHours.
func patchWindowFor(p tier.Profile) (patchWindow, error) {
	w := p.Patching.RebootWindow
	switch {
	case !slices.Contains(weekdays, w.Day):
		return patchWindow{}, &netplan.FieldError{Path: "Profile.Patching.RebootWindow.Day", Value: string(w.Day), Msg: "is not a weekday", Allowed: fmt.Sprint(weekdays)}
	case w.StartHourUTC < 0 || w.StartHourUTC > 23:
		return patchWindow{}, &netplan.FieldError{Path: "Profile.Patching.RebootWindow.StartHourUTC", Value: strconv.Itoa(w.StartHourUTC), Msg: "is out of range", Allowed: "0 to 23"}
	case w.DurationHours <= patchWindowCutoffHours || w.DurationHours > 24:
		return patchWindow{}, &netplan.FieldError{Path: "Profile.Patching.RebootWindow.DurationHours", Value: strconv.Itoa(w.DurationHours), Msg: "is out of range",
			Allowed: fmt.Sprintf("%d to 24 (the last %d hour starts no new patch run)", patchWindowCutoffHours+1, patchWindowCutoffHours)}
	case p.Patching.CadenceDays < 7:
		return patchWindow{}, &netplan.FieldError{Path: "Profile.Patching.CadenceDays", Value: strconv.Itoa(p.Patching.CadenceDays), Msg: "is shorter than the weekly reboot window",
			Allowed: "7 or more"}
	case p.Scanning.CadenceHours < 1 || p.Scanning.CadenceHours > 24*7:
		return patchWindow{}, &netplan.FieldError{Path: "Profile.Scanning.CadenceHours", Value: strconv.Itoa(p.Scanning.CadenceHours), Msg: "is out of range", Allowed: "1 to 168"}
	case p.AvailabilityZones < 1:
		return patchWindow{}, &netplan.FieldError{Path: "Profile.AvailabilityZones", Value: strconv.Itoa(p.AvailabilityZones), Msg: "is out of range", Allowed: "1 or more"}
	}
	return patchWindow{
		Schedule: w.AWSCron(), Duration: w.DurationHours, Cutoff: patchWindowCutoffHours,
		MaxConcurrency: fmt.Sprintf("%d%%", 100/p.AvailabilityZones), MaxErrors: "1",
		ScanSchedule: fmt.Sprintf("rate(%d hours)", p.Scanning.CadenceHours),
	}, nil
}

// patchGroups returns the patch groups of baselines, in order: what the maintenance window targets.
func patchGroups(bs []patchBaseline) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = b.Group
	}
	return out
}

// patchRepositoryConfig is the yum/dnf repository definition a baseline with an internal source installs
// from: the folder of the tier's patch repository bucket for the family, over HTTPS through the tier's S3
// endpoint (the regional S3 name resolves to it inside the VPC).
func patchRepositoryConfig(bucket, region string, b patchBaseline) string {
	return fmt.Sprintf("[landingzone-patches]\nname=Landing zone patch repository (%s)\nbaseurl=https://%s.s3.%s.amazonaws.com/%s/$releasever/$basearch/\nenabled=1\ngpgcheck=1\nrepo_gpgcheck=0\n",
		b.OS, bucket, region, b.RepositoryPath)
}
