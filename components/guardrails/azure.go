package guardrails

import (
	"fmt"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

// Built-in Azure Policy definitions the assignments use.
const (
	// BuiltinAllowedLocations is "Allowed locations": it denies a resource whose location is not in
	// listOfAllowedLocations. Like the pack, it exempts resource groups (the next definition covers them);
	// unlike the pack, it also exempts every resource located in "global" (see docs/guardrails.md).
	BuiltinAllowedLocations = "/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c"
	// BuiltinAllowedRGLocations is "Allowed locations for resource groups".
	BuiltinAllowedRGLocations = "/providers/Microsoft.Authorization/policyDefinitions/e765b5de-1225-4ba3-bd56-1ac6695af988"
)

// Role definitions the diagnostic settings policy's managed identity needs to deploy a diagnostic
// setting that writes to a Log Analytics workspace.
const (
	RoleMonitoringContributor   = "/providers/Microsoft.Authorization/roleDefinitions/749f88d5-cbae-40b8-bcfc-e573ddc772fa"
	RoleLogAnalyticsContributor = "/providers/Microsoft.Authorization/roleDefinitions/92aaf0da-9dab-42b6-94a3-d43ce8d16293"
)

// MaxAssignmentNameLength is the longest policy assignment name Azure accepts at management group scope.
const MaxAssignmentNameLength = 24

// Rule is a policy rule: an if condition and a then effect (ARM's policyRule).
type Rule struct {
	If   map[string]any `json:"if"`
	Then map[string]any `json:"then"`
}

// DefinitionProperties are a custom policy definition's properties, as the Policy service takes them.
type DefinitionProperties struct {
	DisplayName string                   `json:"displayName"`
	PolicyType  string                   `json:"policyType"`
	Mode        string                   `json:"mode"`
	Description string                   `json:"description"`
	Metadata    map[string]string        `json:"metadata"`
	Parameters  map[string]ParameterSpec `json:"parameters,omitempty"`
	PolicyRule  Rule                     `json:"policyRule"`
}

// ParameterSpec declares one definition parameter.
type ParameterSpec struct {
	Type     string            `json:"type"`
	Metadata map[string]string `json:"metadata"`
}

// AzureDefinition is a custom policy definition, created at the landing zone's root management group.
type AzureDefinition struct {
	Name       string               `json:"name"`
	Properties DefinitionProperties `json:"properties"`
}

// AssignmentProperties are a policy assignment's properties.
type AssignmentProperties struct {
	DisplayName        string                    `json:"displayName"`
	Description        string                    `json:"description"`
	PolicyDefinitionID string                    `json:"policyDefinitionId"`
	EnforcementMode    string                    `json:"enforcementMode"`
	Parameters         map[string]ParameterValue `json:"parameters,omitempty"`
	Metadata           map[string]any            `json:"metadata"`
}

// ParameterValue is one assignment parameter's value.
type ParameterValue struct {
	Value any `json:"value"`
}

// Identity is an assignment's managed identity (deployIfNotExists needs one).
type Identity struct {
	Type string `json:"type"`
}

// AzureAssignment is one policy assignment.
type AzureAssignment struct {
	Name string `json:"name"`
	// Scope is the management group the assignment applies to.
	Scope string `json:"scope"`
	// Location is where the managed identity lives; set only with Identity.
	Location   string               `json:"location,omitempty"`
	Identity   *Identity            `json:"identity,omitempty"`
	Properties AssignmentProperties `json:"properties"`
	// RoleDefinitionIDs are the roles the managed identity must hold at Scope for remediation.
	RoleDefinitionIDs []string `json:"roleDefinitionIds,omitempty"`
}

// Rules returns the IDs of the pack's rules the assignment enforces in the cloud (its metadata's rules).
func (a AzureAssignment) Rules() []string {
	rs, _ := a.Properties.Metadata["rules"].([]string)
	return slices.Clone(rs)
}

// ID is the assignment's resource ID.
func (a AzureAssignment) ID() string {
	return a.Scope + "/providers/Microsoft.Authorization/policyAssignments/" + a.Name
}

// AzurePolicySet is everything the management-group component deploys for Azure Policy.
type AzurePolicySet struct {
	Definitions []AzureDefinition `json:"definitions"`
	Assignments []AzureAssignment `json:"assignments"`
}

// Assignment returns the named assignment.
func (s AzurePolicySet) Assignment(name string) (AzureAssignment, bool) {
	i := slices.IndexFunc(s.Assignments, func(a AzureAssignment) bool { return a.Name == name })
	if i < 0 {
		return AzureAssignment{}, false
	}
	return s.Assignments[i], true
}

// AzureParams are the values the Azure policies need beyond the facts.
type AzureParams struct {
	// RootManagementGroup is the landing zone's root management group ID ("pclz-met"); each tier's
	// management group is RootManagementGroup + "-" + tier ("pclz-met-bronze").
	RootManagementGroup string
	// AuditWorkspaceID is the audit Log Analytics workspace's resource ID.
	AuditWorkspaceID string
	// IdentityLocation is where the deployIfNotExists assignments' managed identities live; it must be on
	// the location allow-list.
	IdentityLocation string
}

func (p AzureParams) validate(f Facts) error {
	if p.RootManagementGroup == "" {
		return fmt.Errorf("azure params: RootManagementGroup: is empty; give the landing zone's root management group ID")
	}
	for _, c := range p.RootManagementGroup {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("-_.()", c)) {
			return fmt.Errorf("azure params: RootManagementGroup: %q has %q; a management group ID holds letters, digits, -, _, ., ( and )", p.RootManagementGroup, c)
		}
	}
	if len(p.RootManagementGroup)+len("-platinum") > 90 {
		return fmt.Errorf("azure params: RootManagementGroup: %q is too long; with the tier suffix a management group ID may have at most 90 characters", p.RootManagementGroup)
	}
	if !netplan.IsWorkspaceID(p.AuditWorkspaceID) {
		return fmt.Errorf("azure params: AuditWorkspaceID: %q is not a Log Analytics workspace ID; want /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>", p.AuditWorkspaceID)
	}
	if !slices.Contains(f.AzureLocations, p.IdentityLocation) {
		return fmt.Errorf("azure params: IdentityLocation: %q is not on the location allow-list (%s)", p.IdentityLocation, strings.Join(f.AzureLocations, ", "))
	}
	return nil
}

// mgScope is a management group's scope.
func mgScope(id string) string { return "/providers/Microsoft.Management/managementGroups/" + id }

func (p AzureParams) defID(name string) string {
	return mgScope(p.RootManagementGroup) + "/providers/Microsoft.Authorization/policyDefinitions/" + name
}

// diagTargets are the resource types whose audit logs the diagnostics assignments deploy to the audit
// workspace: the types PCLZ-AZR-AUD-003 checks (Key Vaults, and storage accounts, whose blob audit logs
// are on the blob service).
var diagTargets = []struct{ Assignment, Type string }{
	{"pclz-diag-kv", "Microsoft.KeyVault/vaults"},
	{"pclz-diag-blob", "Microsoft.Storage/storageAccounts/blobServices"},
}

func diagAssignmentNames() []string {
	var out []string
	for _, d := range diagTargets {
		out = append(out, d.Assignment)
	}
	return out
}

func field(f, op string, v any) map[string]any { return map[string]any{"field": f, op: v} }
func typeIs(t string) map[string]any           { return field("type", "equals", t) }
func allOf(xs ...any) map[string]any           { return map[string]any{"allOf": xs} }
func anyOf(xs ...any) map[string]any           { return map[string]any{"anyOf": xs} }
func deny() map[string]any                     { return map[string]any{"effect": "deny"} }

func custom(name, display, mode, desc, category string, params map[string]ParameterSpec, r Rule) AzureDefinition {
	return AzureDefinition{Name: name, Properties: DefinitionProperties{
		DisplayName: display, PolicyType: "Custom", Mode: mode, Description: desc,
		Metadata:   map[string]string{"category": category, "source": "github.com/policecloud/landingzones/components/guardrails"},
		Parameters: params, PolicyRule: r,
	}}
}

// AzurePolicies returns the custom definitions and the assignments for the facts: allowed locations at
// the root, storage CMK and TLS, diagnostics to the audit workspace and no classic resources at the
// root, and, on each tier without internet egress, no public IPs and no routes to the internet.
func AzurePolicies(f Facts, p AzureParams) (AzurePolicySet, error) {
	if err := f.validate(); err != nil {
		return AzurePolicySet{}, err
	}
	if err := p.validate(f); err != nil {
		return AzurePolicySet{}, err
	}
	locations := slices.Clone(f.AzureLocations)
	slices.Sort(locations)
	root := mgScope(p.RootManagementGroup)
	var set AzurePolicySet

	// A route opens the internet when its next hop is Internet, or when it is a default route (0.0.0.0/0)
	// to anything but None: Azure's system default route sends to the internet, and a default route to a
	// firewall or gateway gives the tier egress it must not have (PCLZ-AZR-NET-010).
	opensInternet := func(prefix, hop string) map[string]any {
		return anyOf(field(hop, "equals", "Internet"),
			allOf(field(prefix, "equals", "0.0.0.0/0"), field(hop, "notEquals", "None")))
	}
	set.Definitions = []AzureDefinition{
		custom("pclz-deny-public-ip", "Deny public IP addresses", "All",
			"Denies public IP addresses and network interfaces that carry one (PCLZ-AZR-NET-002, PCLZ-AZR-NET-003).", "Network", nil,
			Rule{If: anyOf(
				typeIs("Microsoft.Network/publicIPAddresses"),
				allOf(typeIs("Microsoft.Network/networkInterfaces"),
					map[string]any{"count": map[string]any{
						"field": "Microsoft.Network/networkInterfaces/ipConfigurations[*]",
						"where": field("Microsoft.Network/networkInterfaces/ipConfigurations[*].publicIpAddress.id", "exists", true)},
						"greater": 0}),
			), Then: deny()}),
		custom("pclz-deny-internet-routes", "Deny routes to the internet", "All",
			"Denies any route whose next hop is Internet, and any default route (0.0.0.0/0) whose next hop is not None, in route tables and as separate routes (PCLZ-AZR-NET-010).", "Network", nil,
			Rule{If: anyOf(
				allOf(typeIs("Microsoft.Network/routeTables/routes"),
					opensInternet("Microsoft.Network/routeTables/routes/addressPrefix", "Microsoft.Network/routeTables/routes/nextHopType")),
				allOf(typeIs("Microsoft.Network/routeTables"),
					map[string]any{"count": map[string]any{"field": "Microsoft.Network/routeTables/routes[*]",
						"where": opensInternet("Microsoft.Network/routeTables/routes[*].addressPrefix", "Microsoft.Network/routeTables/routes[*].nextHopType")},
						"greater": 0}),
			), Then: deny()}),
		custom("pclz-storage-cmk", "Storage accounts use a customer-managed key", "Indexed",
			"Denies storage accounts not encrypted with a key from Key Vault (PCLZ-AZR-ENC-003).", "Storage", nil,
			Rule{If: allOf(typeIs("Microsoft.Storage/storageAccounts"),
				field("Microsoft.Storage/storageAccounts/encryption.keySource", "notEquals", "Microsoft.Keyvault")), Then: deny()}),
		custom("pclz-storage-tls", "Storage accounts accept only HTTPS with TLS 1.2 or later", "Indexed",
			"Denies storage accounts that accept HTTP or TLS before 1.2 (PCLZ-AZR-ENC-001).", "Storage", nil,
			Rule{If: allOf(typeIs("Microsoft.Storage/storageAccounts"), anyOf(
				field("Microsoft.Storage/storageAccounts/supportsHttpsTrafficOnly", "notEquals", true),
				field("Microsoft.Storage/storageAccounts/minimumTlsVersion", "notIn", []string{"TLS1_2", "TLS1_3"}),
			)), Then: deny()}),
		diagDefinition(),
		custom("pclz-deny-classic", "Deny classic (ASM) resources", "All",
			"Denies classic compute, storage and network resources, which predate Resource Manager and its controls.", "General", nil,
			Rule{If: anyOf(
				field("type", "like", "Microsoft.ClassicCompute/*"),
				field("type", "like", "Microsoft.ClassicStorage/*"),
				field("type", "like", "Microsoft.ClassicNetwork/*"),
			), Then: deny()}),
	}

	// Each assignment's metadata names its control and the pack's rules it enforces in the cloud; the
	// exemption register exempts a waived rule from exactly those assignments.
	assign := func(name, scope, display, desc, defID, control string, rules []string, params map[string]ParameterValue) AzureAssignment {
		return AzureAssignment{Name: name, Scope: scope, Properties: AssignmentProperties{
			DisplayName: display, Description: desc, PolicyDefinitionID: defID, EnforcementMode: "Default",
			Parameters: params, Metadata: map[string]any{"control": control, "rules": rules},
		}}
	}
	set.Assignments = append(set.Assignments,
		assign("pclz-locations", root, "Allowed locations: UK", "Resources only in "+strings.Join(locations, ", ")+".",
			BuiltinAllowedLocations, ControlRegion, []string{"PCLZ-AZR-REG-001", "PCLZ-AZR-REG-003", "PCLZ-AZR-REG-005"}, map[string]ParameterValue{"listOfAllowedLocations": {Value: locations}}),
		assign("pclz-rg-locations", root, "Allowed resource group locations: UK", "Resource groups only in "+strings.Join(locations, ", ")+".",
			BuiltinAllowedRGLocations, ControlRegion, []string{"PCLZ-AZR-REG-001"}, map[string]ParameterValue{"listOfAllowedLocations": {Value: locations}}),
		assign("pclz-st-cmk", root, "Storage accounts use a customer-managed key", "Storage accounts are encrypted with a key from Key Vault.", p.defID("pclz-storage-cmk"), ControlStorageCMK, []string{"PCLZ-AZR-ENC-003"}, nil),
		assign("pclz-st-tls", root, "Storage accounts accept only TLS 1.2 or later", "Storage accounts refuse HTTP and TLS before 1.2.", p.defID("pclz-storage-tls"), ControlStorageTLS, []string{"PCLZ-AZR-ENC-001"}, nil),
		assign("pclz-no-classic", root, "No classic resources", "Classic (ASM) compute, storage and network resources are refused.", p.defID("pclz-deny-classic"), ControlClassic, []string{}, nil),
	)
	for _, d := range diagTargets {
		a := assign(d.Assignment, root, "Diagnostics of "+d.Type+" to the audit workspace",
			"Deploys a diagnostic setting sending every "+d.Type+" log to the audit workspace where none does.",
			p.defID("pclz-diagnostics-to-workspace"), ControlDiagnostics, []string{"PCLZ-AZR-AUD-003"}, map[string]ParameterValue{
				"resourceType": {Value: d.Type}, "logAnalytics": {Value: p.AuditWorkspaceID}})
		a.Identity, a.Location = &Identity{Type: "SystemAssigned"}, p.IdentityLocation
		a.RoleDefinitionIDs = []string{RoleLogAnalyticsContributor, RoleMonitoringContributor}
		set.Assignments = append(set.Assignments, a)
	}
	for _, prof := range f.Profiles {
		if prof.InternetEgress != tier.EgressNone {
			continue
		}
		scope := mgScope(p.RootManagementGroup + "-" + string(prof.Tier))
		set.Assignments = append(set.Assignments,
			assign("pclz-"+string(prof.Tier)+"-pip", scope, prof.Tier.Title()+": no public IP addresses",
				"The "+prof.Tier.Title()+" profile has no internet egress.", p.defID("pclz-deny-public-ip"), ControlNoInternet, []string{"PCLZ-AZR-NET-002", "PCLZ-AZR-NET-003"}, nil),
			assign("pclz-"+string(prof.Tier)+"-routes", scope, prof.Tier.Title()+": no routes to the internet",
				"The "+prof.Tier.Title()+" profile has no internet egress.", p.defID("pclz-deny-internet-routes"), ControlNoInternet, []string{"PCLZ-AZR-NET-010", "PCLZ-AZR-NET-012"}, nil),
		)
	}
	for _, a := range set.Assignments {
		if len(a.Name) > MaxAssignmentNameLength {
			return AzurePolicySet{}, fmt.Errorf("azure assignment %s: name is %d characters; at management group scope at most %d",
				a.Name, len(a.Name), MaxAssignmentNameLength)
		}
	}
	return set, nil
}

// diagDefinition deploys a diagnostic setting sending every log category group and all metrics of a
// resource of the given type to the audit workspace, unless one already sends to it.
func diagDefinition() AzureDefinition {
	const ds = "Microsoft.Insights/diagnosticSettings"
	template := map[string]any{
		"$schema":        "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
		"contentVersion": "1.0.0.0",
		"parameters": map[string]any{
			"resourceId":   map[string]any{"type": "string"},
			"logAnalytics": map[string]any{"type": "string"},
		},
		"resources": []any{map[string]any{
			"type":       ds,
			"apiVersion": "2021-05-01-preview",
			"name":       "pclz-audit",
			"scope":      "[parameters('resourceId')]",
			"properties": map[string]any{
				"workspaceId": "[parameters('logAnalytics')]",
				"logs":        []any{map[string]any{"categoryGroup": "allLogs", "enabled": true}},
				"metrics":     []any{map[string]any{"category": "AllMetrics", "enabled": true}},
			},
		}},
	}
	// Mode All: blob services are child resources without tags or location, which Indexed mode skips.
	return custom("pclz-diagnostics-to-workspace", "Deploy diagnostic settings to the audit workspace", "All",
		"Deploys a diagnostic setting that sends all logs of the given resource type to the audit Log Analytics workspace (PCLZ-AZR-AUD-003).",
		"Monitoring",
		map[string]ParameterSpec{
			"resourceType": {Type: "String", Metadata: map[string]string{"displayName": "Resource type"}},
			"logAnalytics": {Type: "String", Metadata: map[string]string{"displayName": "Audit workspace", "strongType": "omsWorkspace"}},
		},
		Rule{If: field("type", "equals", "[parameters('resourceType')]"), Then: map[string]any{
			"effect": "deployIfNotExists",
			"details": map[string]any{
				"type": ds,
				"existenceCondition": allOf(
					field(ds+"/workspaceId", "equals", "[parameters('logAnalytics')]"),
					map[string]any{"count": map[string]any{"field": ds + "/logs[*]",
						"where": allOf(field(ds+"/logs[*].categoryGroup", "equals", "allLogs"), field(ds+"/logs[*].enabled", "equals", "true"))},
						"greater": 0},
				),
				"roleDefinitionIds": []string{RoleLogAnalyticsContributor, RoleMonitoringContributor},
				"deployment": map[string]any{"properties": map[string]any{
					"mode":     "incremental",
					"template": template,
					"parameters": map[string]any{
						"resourceId":   map[string]any{"value": "[field('id')]"},
						"logAnalytics": map[string]any{"value": "[parameters('logAnalytics')]"},
					},
				}},
			},
		}})
}
