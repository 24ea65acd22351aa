package awslz

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/tier"
)

// TestPatchBaselinesFor pins each tier's baselines: approval delays from the profile, the patch group of
// the tier and family, and the internal source on the tier that has no internet.
func TestPatchBaselinesFor(t *testing.T) {
	t.Parallel()
	tests := []struct {
		tier                tier.Tier
		critical, other     int
		group               string
		internal            bool
		criticalSeverityKey string
	}{
		{tier.Platinum, 3, 7, "platinum-amazon-linux-2023", false, "SEVERITY"},
		{tier.Gold, 0, 7, "gold-amazon-linux-2023", false, "SEVERITY"},
		{tier.Bronze, 3, 7, "bronze-amazon-linux-2023", true, "SEVERITY"},
	}
	for _, tt := range tests {
		t.Run(string(tt.tier), func(t *testing.T) {
			t.Parallel()
			bs, err := patchBaselinesFor(tier.MustProfile(tt.tier), []string{OSAmazonLinux2023})
			require.NoError(t, err)
			require.Len(t, bs, 1)
			b := bs[0]
			assert.Equal(t, "AMAZON_LINUX_2023", b.OperatingSystem)
			assert.Equal(t, tt.group, b.Group)
			assert.Equal(t, tt.internal, b.InternalSource)
			require.Len(t, b.Rules, 2)
			assert.Equal(t, patchRule{ApproveAfterDays: tt.critical, ComplianceLevel: "CRITICAL", Filters: []patchFilter{
				{Key: "PRODUCT", Values: []string{"AmazonLinux2023"}},
				{Key: "CLASSIFICATION", Values: []string{"Security"}},
				{Key: tt.criticalSeverityKey, Values: []string{"Critical", "Important"}},
			}}, b.Rules[0])
			assert.Equal(t, tt.other, b.Rules[1].ApproveAfterDays)
			assert.Equal(t, "HIGH", b.Rules[1].ComplianceLevel)
		})
	}
	bs, err := patchBaselinesFor(tier.MustProfile(tier.Gold), []string{OSWindows, OSRHEL9})
	require.NoError(t, err)
	assert.Equal(t, []string{"gold-windows", "gold-rhel-9"}, patchGroups(bs))
	assert.Equal(t, "WINDOWS", bs[0].OperatingSystem)
	assert.Equal(t, patchFilter{Key: "MSRC_SEVERITY", Values: []string{"Critical", "Important"}}, bs[0].Rules[0].Filters[2])
	assert.Equal(t, "REDHAT_ENTERPRISE_LINUX", bs[1].OperatingSystem)
}

func TestPatchBaselinesForErrors(t *testing.T) {
	t.Parallel()
	bronze, gold := tier.MustProfile(tier.Bronze), tier.MustProfile(tier.Gold)
	late := gold
	late.Patching.ApproveOtherAfterDays = 31
	negative := gold
	negative.Patching.ApproveCriticalAfterDays = -1
	tests := []struct {
		name string
		p    tier.Profile
		oss  []string
		want string
	}{
		{"unknown family", gold, []string{"solaris"}, `OperatingSystems[0]: "solaris" is not a supported operating system family: allowed amazon-linux-2023, rhel-9, windows`},
		{"windows on the tier without internet", bronze, []string{OSAmazonLinux2023, OSWindows},
			`OperatingSystems[1]: "windows" cannot be patched from the bronze tier's internal patch repository (the tier has no internet): allowed amazon-linux-2023, rhel-9`},
		{"approval later than the maximum age", late, []string{OSAmazonLinux2023},
			`Profile.Patching: "approve after 0/31 days, maximum age 14/30 days" approves patches later than they may be installed: allowed approval delays no longer than the maximum patch ages`},
		{"negative delay", negative, []string{OSAmazonLinux2023}, `Profile.Patching.ApproveCriticalAfterDays: "-1" is out of range: allowed 0 to 360 days`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := patchBaselinesFor(tt.p, tt.oss)
			assert.EqualError(t, err, tt.want)
		})
	}
}

// TestPatchWindowFor pins each tier's window: its reboot window as a cron expression, one availability
// zone's share of instances at a time, and the compliance scan at the scan cadence.
func TestPatchWindowFor(t *testing.T) {
	t.Parallel()
	tests := []struct {
		tier tier.Tier
		want patchWindow
	}{
		{tier.Platinum, patchWindow{Schedule: "cron(0 2 ? * SUN *)", Duration: 3, Cutoff: 1, MaxConcurrency: "33%", MaxErrors: "1", ScanSchedule: "rate(12 hours)"}},
		{tier.Gold, patchWindow{Schedule: "cron(0 23 ? * SAT *)", Duration: 4, Cutoff: 1, MaxConcurrency: "50%", MaxErrors: "1", ScanSchedule: "rate(24 hours)"}},
		{tier.Bronze, patchWindow{Schedule: "cron(0 22 ? * SUN *)", Duration: 4, Cutoff: 1, MaxConcurrency: "50%", MaxErrors: "1", ScanSchedule: "rate(24 hours)"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.tier), func(t *testing.T) {
			t.Parallel()
			got, err := patchWindowFor(tier.MustProfile(tt.tier))
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestPatchWindowForErrors(t *testing.T) {
	t.Parallel()
	change := func(f func(*tier.Profile)) tier.Profile {
		p := tier.MustProfile(tier.Gold)
		f(&p)
		return p
	}
	tests := []struct {
		p    tier.Profile
		want string
	}{
		{change(func(p *tier.Profile) { p.Patching.RebootWindow.Day = "sunday" }), `Profile.Patching.RebootWindow.Day: "sunday" is not a weekday: allowed [SUN MON TUE WED THU FRI SAT]`},
		{change(func(p *tier.Profile) { p.Patching.RebootWindow.StartHourUTC = 24 }), `Profile.Patching.RebootWindow.StartHourUTC: "24" is out of range: allowed 0 to 23`},
		{change(func(p *tier.Profile) { p.Patching.RebootWindow.DurationHours = 1 }), `Profile.Patching.RebootWindow.DurationHours: "1" is out of range: allowed 2 to 24 (the last 1 hour starts no new patch run)`},
		{change(func(p *tier.Profile) { p.Patching.CadenceDays = 3 }), `Profile.Patching.CadenceDays: "3" is shorter than the weekly reboot window: allowed 7 or more`},
		{change(func(p *tier.Profile) { p.Scanning.CadenceHours = 0 }), `Profile.Scanning.CadenceHours: "0" is out of range: allowed 1 to 168`},
	}
	for _, tt := range tests {
		t.Run(strings.SplitN(tt.want, ":", 2)[0], func(t *testing.T) {
			t.Parallel()
			_, err := patchWindowFor(tt.p)
			assert.EqualError(t, err, tt.want)
		})
	}
}

func TestPatchRepositoryConfig(t *testing.T) {
	t.Parallel()
	bs, err := patchBaselinesFor(tier.MustProfile(tier.Bronze), []string{OSAmazonLinux2023})
	require.NoError(t, err)
	assert.Equal(t, "[landingzone-patches]\nname=Landing zone patch repository (amazon-linux-2023)\n"+
		"baseurl=https://pos-bronze-patches.s3.eu-west-2.amazonaws.com/amazon-linux-2023/$releasever/$basearch/\n"+
		"enabled=1\ngpgcheck=1\nrepo_gpgcheck=0\n", patchRepositoryConfig("pos-bronze-patches", "eu-west-2", bs[0]))
}
