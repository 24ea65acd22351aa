package guardrails

import "slices"

// Control IDs: each names one control enforced both before deployment (the pack's rules) and in the
// cloud (the guardrails).
const (
	ControlRegion        = "GR-REGION"
	ControlOrganisation  = "GR-ORG"
	ControlAuditServices = "GR-AUDIT"
	ControlLogArchive    = "GR-LOG-ARCHIVE"
	ControlRootUser      = "GR-ROOT"
	ControlNoInternet    = "GR-NO-INTERNET"
	ControlIsolation     = "GR-ISOLATION"
	ControlStorageCMK    = "GR-STORAGE-CMK"
	ControlStorageTLS    = "GR-STORAGE-TLS"
	ControlDiagnostics   = "GR-DIAGNOSTICS"
	ControlClassic       = "GR-CLASSIC"
)

// Control pairs a control's pre-deploy rules with its in-cloud guardrails, for the evidence pack.
type Control struct {
	// ID is the control's ID (ControlRegion, ...).
	ID string `json:"id"`
	// Title says what the control keeps out.
	Title string `json:"title"`
	// Principles are the NCSC Cloud Security Principles (or sub-principles) the control evidences
	// ("2.1", "13"), for the evidence pack's principle matrix.
	Principles []string `json:"principles"`
	// Rules are the IDs of the pack's rules that enforce it before deployment.
	Rules []string `json:"rules"`
	// AWS names the SCPs that enforce it in AWS (SCP.Name, before any split).
	AWS []string `json:"aws,omitempty"`
	// Azure names the policy assignments that enforce it in Azure (AzureAssignment.Name).
	Azure []string `json:"azure,omitempty"`
}

// Unenforceable is a rule the cloud cannot enforce as a guardrail, with the reason.
type Unenforceable struct {
	Rule   string `json:"rule"`
	Reason string `json:"reason"`
}

var controls = []Control{
	{ID: ControlRegion, Title: "Resources and calls stay in the UK region allow-list", Principles: []string{"2.1"},
		Rules: []string{"PCLZ-AWS-REG-001", "PCLZ-AWS-REG-002", "PCLZ-AWS-REG-003", "PCLZ-AWS-REG-005", "PCLZ-AWS-REG-006", "PCLZ-AWS-REG-007",
			"PCLZ-AZR-REG-001", "PCLZ-AZR-REG-002", "PCLZ-AZR-REG-003", "PCLZ-AZR-REG-005"},
		AWS: []string{"pclz-region-deny"}, Azure: []string{"pclz-locations", "pclz-rg-locations"}},
	{ID: ControlOrganisation, Title: "Accounts cannot leave the organisation", Principles: []string{"4"},
		Rules: []string{}, AWS: []string{"pclz-protect-audit"}},
	{ID: ControlAuditServices, Title: "CloudTrail, Config, GuardDuty, Security Hub and Access Analyzer cannot be stopped or deleted", Principles: []string{"5.3", "13"},
		Rules: []string{"PCLZ-AWS-AUD-001", "PCLZ-AWS-AUD-006", "PCLZ-AWS-IAM-014"}, AWS: []string{"pclz-protect-audit"}},
	{ID: ControlLogArchive, Title: "The log-archive bucket and its keys cannot be changed", Principles: []string{"13"},
		Rules: []string{"PCLZ-AWS-AUD-002", "PCLZ-AWS-AUD-003", "PCLZ-AWS-IAM-014"}, AWS: []string{"pclz-protect-audit"}},
	{ID: ControlRootUser, Title: "The root user cannot act", Principles: []string{"10"}, Rules: []string{}, AWS: []string{"pclz-protect-audit"}},
	{ID: ControlNoInternet, Title: "A tier without internet egress has no internet gateway, NAT, elastic or public IP, or internet route", Principles: []string{"3", "11"},
		Rules: []string{"PCLZ-AWS-NET-003", "PCLZ-AWS-NET-004", "PCLZ-AWS-NET-009", "PCLZ-AWS-NET-014",
			"PCLZ-AZR-NET-002", "PCLZ-AZR-NET-003", "PCLZ-AZR-NET-010", "PCLZ-AZR-NET-012"},
		AWS: []string{"pclz-tier-bronze"}, Azure: []string{"pclz-bronze-pip", "pclz-bronze-routes"}},
	{ID: ControlIsolation, Title: "An isolated tier creates no VPC peering", Principles: []string{"3"},
		Rules: []string{"PCLZ-AWS-NET-008"}, AWS: []string{"pclz-tier-bronze"}},
	{ID: ControlStorageCMK, Title: "Storage accounts are encrypted with a customer-managed key", Principles: []string{"2.3"},
		Rules: []string{"PCLZ-AZR-ENC-003"}, Azure: []string{"pclz-st-cmk"}},
	{ID: ControlStorageTLS, Title: "Storage accounts refuse TLS below 1.2", Principles: []string{"1"},
		Rules: []string{"PCLZ-AZR-ENC-001"}, Azure: []string{"pclz-st-tls"}},
	{ID: ControlDiagnostics, Title: "Resources send diagnostics to the audit workspace", Principles: []string{"5.3", "13"},
		Rules: []string{"PCLZ-AZR-AUD-003"}, Azure: diagAssignmentNames()},
	{ID: ControlClassic, Title: "No classic (ASM) resources", Principles: []string{"5.1"}, Rules: []string{}, Azure: []string{"pclz-no-classic"}},
}

// unenforceable are the region and Bronze rules no guardrail carries, and why.
var unenforceable = []Unenforceable{
	{"PCLZ-AWS-REG-004", "a Backup copy job is called in the UK region and AWS Backup writes the copy with its own service role, which SCPs do not govern; an SCP on backup:CreateBackupPlan/UpdateBackupPlan conditioned on backup:CopyTargets could deny the plan and is not generated yet"},
	{"PCLZ-AWS-REG-008", "the resource-level twin of PCLZ-AWS-REG-004: the same reason"},
	{"PCLZ-AZR-REG-004", "a SQL failover group's partner is another server resource: the allowed-locations assignment already denies that server outside the UK, and Azure Policy cannot follow the reference from the failover group"},
	{"PCLZ-AZR-REG-006", "replication and log partners are named by resource ID; Azure Policy cannot resolve the partner's location, and the allowed-locations assignment denies the partner itself outside the UK"},
	{"PCLZ-AWS-NET-010", "which ranges a network ACL may admit depends on the declared flows of the network plan, which an SCP cannot read; the tier SCP denies the gateways that would give those ranges a path"},
	{"PCLZ-AWS-NET-011", "security group destinations are checked against the declared flows, which an SCP cannot read"},
	{"PCLZ-AWS-NET-012", "Transit Gateway route table association is decided in the hub account's network plan, not by an API an SCP can condition"},
	{"PCLZ-AWS-NET-013", "the hub's Transit Gateway routes are in the Infrastructure account and depend on the declared flows"},
	{"PCLZ-AZR-NET-009", "Azure Policy could deny the gateway flags on peerings, but the peering's remote side lives in the hub subscription; kept to the pack until the management-group component places the hub"},
	{"PCLZ-AZR-NET-011", "NSG rules are checked against the declared flows, which Azure Policy cannot read"},
	{"PCLZ-AZR-AUD-009", "a data collection rule's path is a relation between the rule, its data collection endpoint, the private link scope holding the endpoint and that scope's private endpoint; Azure Policy judges one resource at a time and cannot follow it (a deny in the Bronze group of data collection rules without a dataCollectionEndpointId would carry part of it, and is not generated yet)"},
}

// Controls returns every control with its rules and guardrails.
func Controls() []Control {
	out := make([]Control, len(controls))
	for i, c := range controls {
		c.Principles, c.Rules, c.AWS, c.Azure = slices.Clone(c.Principles), slices.Clone(c.Rules), slices.Clone(c.AWS), slices.Clone(c.Azure)
		out[i] = c
	}
	return out
}

// Unenforceables returns the region and Bronze rules no guardrail carries, each with its reason.
func Unenforceables() []Unenforceable { return slices.Clone(unenforceable) }

// ControlsForRule returns the controls that list rule id.
func ControlsForRule(id string) []Control {
	var out []Control
	for _, c := range Controls() {
		if slices.Contains(c.Rules, id) {
			out = append(out, c)
		}
	}
	return out
}
