package catalog

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
)

// NCSC principle 12 (secure service administration) is evidenced by the rules that guard the paths to
// administrative power: administrator grants, standing privileged assignments, privilege escalation,
// the break-glass user and its console password and the alert on break-glass use, MFA on roles people
// assume, operator access kept off the audit trail, and privileged roles on Azure.
func TestPrinciple12IsTheAdministrationPath(t *testing.T) {
	t.Parallel()
	var got []string
	for _, m := range Metas() {
		if slices.Contains(m.Principles, "12") {
			got = append(got, m.ID)
		}
	}
	slices.Sort(got)
	assert.Equal(t, []string{
		"PCLZ-AWS-IAM-001", // no administrator access by any route
		"PCLZ-AWS-IAM-002", // IAM users only for break-glass
		"PCLZ-AWS-IAM-003", // only the break-glass user has a console password
		"PCLZ-AWS-IAM-007", // roles people assume require MFA
		"PCLZ-AWS-IAM-010", // no privilege-escalation path
		"PCLZ-AWS-IAM-012", // no standing administrator assignment in Identity Center
		"PCLZ-AWS-IAM-013", // break-glass use raises an alert
		"PCLZ-AWS-IAM-014", // operator access cannot touch the audit trail
		"PCLZ-AZR-IAM-001", // no user holds a privileged role directly
		"PCLZ-AZR-IAM-004", // custom roles grant neither everything nor access control
		"PCLZ-AZR-IAM-012", // custom roles cannot grant roles or act as Owner
		"PCLZ-AZR-IAM-013", // no permanent privileged role assignment outside break-glass (PIM-eligible only)
		"PCLZ-AZR-IAM-016", // break-glass accounts are excluded from conditional access
	}, got)
}

// NCSC principle 5.2 (vulnerability management) is evidenced by the rules that find known
// vulnerabilities in every workload and patch them on the tier's cadence, on both clouds.
func TestPrinciple52IsScanningAndPatching(t *testing.T) {
	t.Parallel()
	var got []string
	for _, m := range Metas() {
		if slices.Contains(m.Principles, "5.2") {
			got = append(got, m.ID)
		}
	}
	slices.Sort(got)
	assert.Equal(t, []string{
		"PCLZ-AWS-AUD-009", // SSM maintenance windows patch every workload on the tier's cadence
		"PCLZ-AWS-AUD-010", // Amazon Inspector scans every workload
		"PCLZ-AWS-AUD-011", // patch baselines approve in time for the maximum patch age, from the tier's source
		"PCLZ-AZR-AUD-007", // Defender for Servers / SQL assesses every workload
		"PCLZ-AZR-AUD-008", // periodic update assessment and Update Manager schedules on the tier's cadence
	}, got)
}
