package azurelz_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/azurelz"
	"github.com/policecloud/landingzones/components/guardrails"
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/internal/mockcloud"
	"github.com/policecloud/landingzones/policy"
)

const (
	testTenant    = "11111111-1111-4111-8111-111111111111"
	testWorkspace = "/subscriptions/44444444-4444-4444-8444-444444444444/resourceGroups/met-security/providers/Microsoft.OperationalInsights/workspaces/met"
	mgPrefix      = "/providers/Microsoft.Management/managementGroups/"
)

var testSubscriptions = map[string]string{
	"platinum":   "22222222-2222-4222-8222-000000000001",
	"gold":       "22222222-2222-4222-8222-000000000002",
	"bronze":     "22222222-2222-4222-8222-000000000003",
	"management": "44444444-4444-4444-8444-444444444444",
}

func mgArgs() *azurelz.ManagementGroupsArgs {
	subs := map[string]string{}
	for k, v := range testSubscriptions {
		subs[k] = v
	}
	return &azurelz.ManagementGroupsArgs{
		TenantID:         testTenant,
		RootGroupID:      "pclz-met",
		DisplayName:      "Metropolitan Police landing zone",
		Region:           "uksouth",
		Profiles:         tier.Profiles(),
		Subscriptions:    subs,
		AuditWorkspaceID: testWorkspace,
		Tags: map[string]string{"Force": "MPS", "Tier": "Platinum", "Classification": "OFFICIAL",
			"Owner": "cloud-engineering@met.police.uk", "ManagedBy": "pulumi/policecloud-landingzones"},
	}
}

// testExemptions is the register for one waiver of a rule the storage CMK assignment enforces.
func testExemptions(t *testing.T, args *azurelz.ManagementGroupsArgs) []guardrails.AzureExemption {
	t.Helper()
	set, err := args.Policies()
	require.NoError(t, err)
	w := policy.Waiver{RuleID: "PCLZ-AZR-ENC-003", Resource: "legacy-records", Justification: "re-keyed during migration",
		Approver: "Jane Smith, Force SIRO", RiskRef: "RISK-2026-031", Expires: time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC), Line: 5}
	reg, err := guardrails.Exemptions(set, []policy.Waiver{w}, func(policy.Waiver) (string, error) {
		return "/subscriptions/" + testSubscriptions["bronze"] + "/resourceGroups/met-bronze/providers/Microsoft.Storage/storageAccounts/legacyrecords", nil
	}, nil, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	require.Len(t, reg.Exemptions, 1)
	return reg.Exemptions
}

// plain is a resource input as plain Go values.
func plain(r *policy.Resource, path ...any) any { return policy.ToGo(r.Get(path...)) }

// jsonOf is v as the plain JSON values the provider receives.
func jsonOf(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var out any
	require.NoError(t, json.Unmarshal(b, &out))
	return out
}

func runManagementGroups(t *testing.T, args *azurelz.ManagementGroupsArgs) (*mockcloud.Cloud, map[string]any) {
	t.Helper()
	c := mockcloud.New(mockcloud.Options{Stack: "met-org"})
	out, err := c.RunOutputs(func(ctx *pulumi.Context) (pulumi.Map, error) {
		m, err := azurelz.NewManagementGroups(ctx, "met", args)
		if err != nil {
			return nil, err
		}
		return m.Outputs()
	})
	require.NoError(t, err)
	return c, out
}

func TestManagementGroups(t *testing.T) {
	t.Parallel()
	args := mgArgs()
	args.Exemptions = testExemptions(t, args)
	c, out := runManagementGroups(t, args)
	principals, _ := out["policyAssignmentPrincipalIds"].(map[string]any)

	// The hierarchy: the root under the tenant root, the platform groups under platform, tiers under
	// the root.
	parents := map[string]string{}
	for _, r := range c.Find("azure-native:management:ManagementGroup") {
		parents[str(r.Get("groupId"))] = str(r.Get("details", "parent", "id"))
		assert.Contains(t, r.URN, azurelz.ManagementGroupsType+"$", "%s is a child of the component", r.Name)
	}
	assert.Equal(t, map[string]string{
		"pclz-met":              mgPrefix + testTenant,
		"pclz-met-platform":     mgPrefix + "pclz-met",
		"pclz-met-management":   mgPrefix + "pclz-met-platform",
		"pclz-met-connectivity": mgPrefix + "pclz-met-platform",
		"pclz-met-security":     mgPrefix + "pclz-met-platform",
		"pclz-met-platinum":     mgPrefix + "pclz-met",
		"pclz-met-gold":         mgPrefix + "pclz-met",
		"pclz-met-bronze":       mgPrefix + "pclz-met",
	}, parents)

	placed := map[string]string{}
	for _, r := range c.Find("azure-native:management:ManagementGroupSubscription") {
		placed[str(r.Get("subscriptionId"))] = str(r.Get("groupId"))
	}
	assert.Equal(t, map[string]string{
		testSubscriptions["platinum"]:   "pclz-met-platinum",
		testSubscriptions["gold"]:       "pclz-met-gold",
		testSubscriptions["bronze"]:     "pclz-met-bronze",
		testSubscriptions["management"]: "pclz-met-management",
	}, placed)

	set, err := args.Policies()
	require.NoError(t, err)

	// Every definition is the guardrails' document, at the root.
	defs := map[string]*policy.Resource{}
	for _, r := range c.Find("azure-native:authorization:PolicyDefinitionAtManagementGroup") {
		defs[str(r.Get("policyDefinitionName"))] = r
	}
	require.Len(t, defs, len(set.Definitions))
	for _, d := range set.Definitions {
		r, ok := defs[d.Name]
		require.True(t, ok, d.Name)
		assert.Equal(t, d.Name, str(r.Get("policyDefinitionName")))
		assert.Equal(t, "pclz-met", str(r.Get("managementGroupId")), d.Name)
		assert.Equal(t, jsonOf(t, d.Properties.PolicyRule), plain(r, "policyRule"), d.Name)
		assert.Equal(t, d.Properties.Mode, str(r.Get("mode")), d.Name)
		assert.Equal(t, jsonOf(t, d.Properties.Metadata), plain(r, "metadata"), d.Name)
		for pn, ps := range d.Properties.Parameters {
			assert.Equal(t, ps.Type, str(r.Get("parameters", pn, "type")), d.Name)
		}
		assert.Equal(t, r.ID, mgPrefix+"pclz-met/providers/Microsoft.Authorization/policyDefinitions/"+d.Name,
			"the ID the assignments name")
	}

	// Every assignment at the scope guardrails names, with its parameters; deployIfNotExists ones with a
	// system-assigned identity and a role assignment per role, to that identity, at the same scope.
	assigns := map[string]*policy.Resource{}
	for _, r := range c.Find("azure-native:authorization:PolicyAssignment") {
		assigns[str(r.Get("policyAssignmentName"))] = r
	}
	require.Len(t, assigns, len(set.Assignments))
	roles := map[string][]string{}
	for _, r := range c.Find("azure-native:authorization:RoleAssignment") {
		key := str(r.Get("principalId")) + " " + str(r.Get("scope"))
		roles[key] = append(roles[key], str(r.Get("roleDefinitionId")))
		assert.Equal(t, "ServicePrincipal", str(r.Get("principalType")))
	}
	dine := 0
	for _, a := range set.Assignments {
		r, ok := assigns[a.Name]
		require.True(t, ok, a.Name)
		assert.Equal(t, a.Scope, str(r.Get("scope")), a.Name)
		assert.Equal(t, a.Properties.PolicyDefinitionID, str(r.Get("policyDefinitionId")), a.Name)
		assert.Equal(t, a.ID(), r.ID, a.Name)
		assert.Equal(t, jsonOf(t, a.Properties.Parameters), jsonOf(t, plain(r, "parameters")), a.Name)
		assert.Equal(t, jsonOf(t, a.Properties.Metadata), plain(r, "metadata"), a.Name)
		if a.Identity == nil {
			assert.Nil(t, plain(r, "identity"), a.Name)
			continue
		}
		dine++
		assert.Equal(t, "SystemAssigned", str(r.Get("identity", "type")), a.Name)
		assert.Equal(t, "uksouth", str(r.Get("location")), a.Name)
		principal, _ := principals[a.Name].(string)
		require.NotEmpty(t, principal, a.Name)
		assert.ElementsMatch(t, a.RoleDefinitionIDs, roles[principal+" "+a.Scope], "%s: its identity holds the definition's roles at the assignment's scope", a.Name)
	}
	assert.Equal(t, 2, dine, "the Key Vault and blob diagnostics assignments")
	assert.Len(t, roles, dine, "one identity per deployIfNotExists assignment")

	// The scopes the task names: allowed locations at the root, Bronze denials on the Bronze group.
	assert.Equal(t, mgPrefix+"pclz-met", str(assigns["pclz-locations"].Get("scope")))
	assert.Equal(t, []any{"uksouth", "ukwest"}, plain(assigns["pclz-locations"], "parameters", "listOfAllowedLocations", "value"))
	assert.Equal(t, mgPrefix+"pclz-met-bronze", str(assigns["pclz-bronze-pip"].Get("scope")))
	assert.Equal(t, mgPrefix+"pclz-met-bronze", str(assigns["pclz-bronze-routes"].Get("scope")))
	assert.Equal(t, testWorkspace, plain(assigns["pclz-diag-kv"], "parameters", "logAnalytics", "value"))

	// The exemption register, with the waiver's approver, risk reference and expiry.
	ex := c.Find("azure-native:authorization:PolicyExemption")
	require.Len(t, ex, 1)
	e := args.Exemptions[0]
	assert.Equal(t, e.Name, str(ex[0].Get("policyExemptionName")))
	assert.Equal(t, e.Scope, str(ex[0].Get("scope")))
	assert.Equal(t, mgPrefix+"pclz-met/providers/Microsoft.Authorization/policyAssignments/pclz-st-cmk", str(ex[0].Get("policyAssignmentId")))
	assert.Equal(t, "2027-04-01T00:00:00Z", str(ex[0].Get("expiresOn")))
	assert.Equal(t, "Waiver", str(ex[0].Get("exemptionCategory")))
	assert.Equal(t, "Jane Smith, Force SIRO", str(ex[0].Get("metadata", "approver")))
	assert.Equal(t, "RISK-2026-031", str(ex[0].Get("metadata", "riskRef")))

	pctx := policy.NewContext("met-org", tier.Platinum)
	pctx.Cloud, pctx.Role = "azure", "organization"
	blocking := c.Blocking(pctx)
	assert.Empty(t, blocking, mockcloud.Describe(blocking))
}

func TestManagementGroupsOutputs(t *testing.T) {
	t.Parallel()
	_, out := runManagementGroups(t, mgArgs())
	assert.Equal(t, mgPrefix+"pclz-met", out["rootGroupId"])
	groups, _ := out["groupIds"].(map[string]any)
	assert.Equal(t, mgPrefix+"pclz-met-bronze", groups["bronze"])
	assert.Equal(t, mgPrefix+"pclz-met-management", groups["management"])
	subs, _ := out["subscriptionGroups"].(map[string]any)
	assert.Equal(t, "gold", subs[testSubscriptions["gold"]])
	ids, _ := out["policyAssignmentIds"].(map[string]any)
	assert.Equal(t, mgPrefix+"pclz-met-bronze/providers/Microsoft.Authorization/policyAssignments/pclz-bronze-pip", ids["pclz-bronze-pip"])
	principals, _ := out["policyAssignmentPrincipalIds"].(map[string]any)
	assert.Len(t, principals, 2)
	assert.NotEmpty(t, principals["pclz-diag-kv"])
}

func TestManagementGroupsInvalid(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		f    func(*azurelz.ManagementGroupsArgs)
		want string
	}{
		{"tenant", func(a *azurelz.ManagementGroupsArgs) { a.TenantID = "met" },
			`TenantID: "met" is not a tenant ID: allowed a GUID such as 00000000-0000-0000-0000-000000000000 (the tenant root management group's ID)`},
		{"region", func(a *azurelz.ManagementGroupsArgs) { a.Region = "westeurope" },
			`Region: "westeurope" is not allowed: allowed uksouth, ukwest`},
		{"missing tier subscription", func(a *azurelz.ManagementGroupsArgs) { delete(a.Subscriptions, "bronze") },
			`Subscriptions: "bronze" has no subscription for the tier: allowed a subscription ID for every tier in Profiles`},
		{"unknown group", func(a *azurelz.ManagementGroupsArgs) {
			a.Subscriptions["sandbox"] = "22222222-2222-4222-8222-000000000009"
		},
			`Subscriptions: "sandbox" is not a management group: allowed platinum, gold, bronze, management, connectivity, security`},
		{"bad subscription", func(a *azurelz.ManagementGroupsArgs) { a.Subscriptions["gold"] = "met-gold" },
			`Subscriptions[gold]: "met-gold" is not a subscription ID: allowed a GUID such as 00000000-0000-0000-0000-000000000000`},
		{"same subscription twice", func(a *azurelz.ManagementGroupsArgs) { a.Subscriptions["security"] = testSubscriptions["bronze"] },
			`Subscriptions[security]: "` + testSubscriptions["bronze"] + `" is also Subscriptions[bronze]: allowed a subscription sits in one management group: a different subscription per group`},
		{"tier not in profiles", func(a *azurelz.ManagementGroupsArgs) { a.Profiles = a.Profiles[:2] },
			`Subscriptions: "bronze" is not a tier in Profiles: allowed the tiers of Profiles`},
		{"tags", func(a *azurelz.ManagementGroupsArgs) { delete(a.Tags, "Owner") },
			`Tags: lacks Owner: allowed tags holding non-empty Force, Tier, Classification, Owner, ManagedBy (every resource carries them)`},
		{"workspace", func(a *azurelz.ManagementGroupsArgs) { a.AuditWorkspaceID = "met-audit" },
			`azure params: AuditWorkspaceID: "met-audit" is not a Log Analytics workspace ID; want /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>`},
		{"root group", func(a *azurelz.ManagementGroupsArgs) { a.RootGroupID = "pclz met" },
			`azure params: RootManagementGroup: "pclz met" has ' '; a management group ID holds letters, digits, -, _, ., ( and )`},
		{"exemption of no assignment", func(a *azurelz.ManagementGroupsArgs) {
			a.Exemptions = testExemptions(t, a)
			a.Exemptions[0].Properties.PolicyAssignmentID = mgPrefix + "pclz-met/providers/Microsoft.Authorization/policyAssignments/other"
		}, `Exemptions[0].Properties.PolicyAssignmentID: "` + mgPrefix + `pclz-met/providers/Microsoft.Authorization/policyAssignments/other" is not an assignment of the landing zone: allowed the ID of an assignment of Policies() (build the register with guardrails.Exemptions)`},
		{"exemption without expiry or approver", func(a *azurelz.ManagementGroupsArgs) {
			a.Exemptions = testExemptions(t, a)
			a.Exemptions[0].Properties.ExpiresOn = ""
			delete(a.Exemptions[0].Properties.Metadata, "approver")
		}, "Exemptions[0].Properties.ExpiresOn: is not a date and time: allowed RFC 3339, such as 2027-01-01T00:00:00Z: every exemption expires, as its waiver does\n" +
			"Exemptions[0].Properties.Metadata[approver]: is empty: allowed the waiver's approver (the register mirrors the waiver file)"},
		{"exemption at a group", func(a *azurelz.ManagementGroupsArgs) {
			a.Exemptions = testExemptions(t, a)
			a.Exemptions[0].Scope = mgPrefix + "pclz-met"
			a.Exemptions[0].Properties.ExemptionCategory = "Accepted"
		}, `Exemptions[0].Scope: "` + mgPrefix + `pclz-met" is not a subscription, resource group or resource ID: allowed /subscriptions/<id>[/resourceGroups/<rg>[/providers/...]]` + "\n" +
			`Exemptions[0].Properties.ExemptionCategory: "Accepted" is not an exemption category: allowed Waiver, Mitigated`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			args := mgArgs()
			tc.f(args)
			c := mockcloud.New(mockcloud.Options{Stack: "met-org"})
			err := c.Run(func(ctx *pulumi.Context) error {
				_, err := azurelz.NewManagementGroups(ctx, "met", args)
				return err
			})
			require.Error(t, err)
			_, got, ok := strings.Cut(err.Error(), "azurelz.NewManagementGroups met: invalid arguments:\n")
			require.True(t, ok, err.Error())
			assert.Equal(t, tc.want, strings.TrimSpace(got))
			assert.Empty(t, c.Resources(), "nothing is registered")
		})
	}
	c := mockcloud.New(mockcloud.Options{Stack: "met-org"})
	err := c.Run(func(ctx *pulumi.Context) error {
		_, err := azurelz.NewManagementGroups(ctx, "met", nil)
		return err
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "azurelz.NewManagementGroups: args are required")
}

// echoMocks answers every registration with its inputs alone, as a provider that has not yet created
// the resource: a policy assignment's identity then has a type and no principal.
type echoMocks struct{}

func (echoMocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	return args.Name + "-id", args.Inputs, nil
}

func (echoMocks) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return resource.PropertyMap{}, nil
}

// TestManagementGroupsIdentityWithoutPrincipal: a preview may not know a deployIfNotExists identity's
// principal yet, and the role assignments wait for it; an update whose assignment comes back without one
// is an error naming the assignment.
func TestManagementGroupsIdentityWithoutPrincipal(t *testing.T) {
	t.Parallel()
	program := func(ctx *pulumi.Context) error {
		_, err := azurelz.NewManagementGroups(ctx, "met", mgArgs())
		return err
	}
	dryRun := func(v bool) pulumi.RunOption { return func(info *pulumi.RunInfo) { info.DryRun = v } }
	require.NoError(t, pulumi.RunErr(program, pulumi.WithMocks("police-landing-zones", "met-org", echoMocks{}), dryRun(true)))
	err := pulumi.RunErr(program, pulumi.WithMocks("police-landing-zones", "met-org", echoMocks{}), dryRun(false))
	require.Error(t, err)
	assert.Regexp(t, `policy assignment pclz-diag-(kv|blob) has no managed identity principal`, err.Error())
}
