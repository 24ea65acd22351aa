package tier

import (
	"fmt"
	"strings"
)

// MatrixStart and MatrixEnd mark the generated tier matrix inside a Markdown document.
const (
	MatrixStart = "<!-- tier-matrix:start (generated from components/tier; do not edit by hand) -->"
	MatrixEnd   = "<!-- tier-matrix:end -->"
)

type matrixRow struct {
	label string
	value func(Profile) string
}

func yesNo(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}

var matrixRows = []matrixRow{
	{"availability zones", func(p Profile) string { return fmt.Sprint(p.AvailabilityZones) }},
	{"internet egress", func(p Profile) string {
		if p.InternetEgress == EgressHubFirewall {
			return "hub firewall, allow-listed FQDNs"
		}
		return "**none**"
	}},
	{"PSN", func(p Profile) string { return yesNo(p.PSNAccess, "via PSN edge", "**none**") }},
	{"transit route table", func(p Profile) string {
		return yesNo(p.Isolated, "**isolated**: declared flows only, other tiers blackholed", "own table, routes to hub")
	}},
	{"reachable from other tiers", func(p Profile) string {
		return yesNo(p.ExplicitFlowsOnly, "explicit flows only", "any tier")
	}},
	{"backup frequency", func(p Profile) string { return string(p.Backup.Frequency) }},
	{"backup retention", func(p Profile) string {
		s := fmt.Sprintf("%d days", p.Backup.RetentionDays)
		if p.Backup.ArchiveAfterDays > 0 {
			s += fmt.Sprintf(", archive after %d days", p.Backup.ArchiveAfterDays)
		}
		return s
	}},
	{"backup vault lock", func(p Profile) string {
		if p.Backup.VaultLock == VaultLockNone {
			return "none"
		}
		return string(p.Backup.VaultLock) + " mode"
	}},
	{"backup coverage", func(p Profile) string {
		return yesNo(p.Backup.CoverAllStateful, "every stateful resource in a plan or policy", "not required")
	}},
	{"backup second copy", func(p Profile) string {
		c := p.Backup.SecondCopy
		if c.RetentionDays == 0 {
			return "none"
		}
		s := fmt.Sprintf("%d days; AWS: %s", c.RetentionDays, c.AWSRegion)
		if c.OtherAccount {
			s += " in another account (own key, vault lock)"
		}
		return s + fmt.Sprintf("; Azure: cross-region restore to %s", c.AzureRegion)
	}},
	{"restore test", func(p Profile) string { return fmt.Sprintf("at least every %d days", p.Backup.RestoreTestDays) }},
	{"vulnerability scanning", func(p Profile) string {
		if !p.Scanning.EveryWorkload {
			return "not required"
		}
		return fmt.Sprintf("every workload, reassessed at least every %d hours", p.Scanning.CadenceHours)
	}},
	{"patch cadence", func(p Profile) string {
		return fmt.Sprintf("at least every %d days; window %s", p.Patching.CadenceDays, p.Patching.RebootWindow)
	}},
	{"patch approval delay", func(p Profile) string {
		return fmt.Sprintf("critical %d days, other %d days", p.Patching.ApproveCriticalAfterDays, p.Patching.ApproveOtherAfterDays)
	}},
	{"maximum patch age", func(p Profile) string {
		return fmt.Sprintf("critical %d days, other %d days", p.Patching.MaxAgeCriticalDays, p.Patching.MaxAgeOtherDays)
	}},
	{"patch source", func(p Profile) string {
		return yesNo(p.Patching.InternalSource, "**internal repository only** (declared flows, no internet)", "vendor repositories through the hub firewall")
	}},
	{"stateful resources", func(p Profile) string {
		var parts []string
		if p.ProtectStateful {
			parts = append(parts, "protect")
		}
		if p.RetainStatefulOnDelete {
			parts = append(parts, "retain on delete")
		}
		if p.DeleteLocks {
			parts = append(parts, "delete lock")
		}
		if len(parts) == 0 {
			return "none"
		}
		return strings.Join(parts, " + ")
	}},
	{"key deletion window", func(p Profile) string { return fmt.Sprintf("%d days", p.KeyDeletionWindowDays) }},
	{"log retention", func(p Profile) string { return fmt.Sprintf(">= %d days", p.LogRetentionDays) }},
	{"zone-redundant storage", func(p Profile) string { return yesNo(p.ZoneRedundantStorage, "yes", "no") }},
	{"multi-AZ databases", func(p Profile) string { return yesNo(p.MultiAZDatabases, "yes", "no") }},
}

// MarkdownMatrix renders the tier matrix as a Markdown table, one column per tier.
func MarkdownMatrix() string {
	var b strings.Builder
	b.WriteString("| |")
	for _, p := range Profiles() {
		b.WriteString(" " + p.Tier.Title() + " |")
	}
	b.WriteString("\n|---|")
	for range Profiles() {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	for _, r := range matrixRows {
		b.WriteString("| " + r.label + " |")
		for _, p := range Profiles() {
			b.WriteString(" " + r.value(p) + " |")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// ReplaceMatrix returns doc with the text between MatrixStart and MatrixEnd replaced by the current
// matrix. It is an error if the markers are missing or out of order.
func ReplaceMatrix(doc string) (string, error) {
	i := strings.Index(doc, MatrixStart)
	j := strings.Index(doc, MatrixEnd)
	if i < 0 || j < 0 || j < i {
		return "", fmt.Errorf("tier matrix markers %q ... %q not found in order", MatrixStart, MatrixEnd)
	}
	return doc[:i+len(MatrixStart)] + "\n" + MarkdownMatrix() + doc[j:], nil
}
