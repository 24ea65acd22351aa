package config

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// validAzureOrg returns the raw configuration of a valid Azure organization stack of the met landing
// zone.
func validAzureOrg() map[string]string {
	raw := validTier()
	raw["cloud"], raw["landingZone"], raw["force"], raw["region"] = "azure", "met", "MPS", "uksouth"
	raw["role"] = "organization"
	delete(raw, "tier")
	delete(raw, "foundationStack")
	raw["tenantId"] = "11111111-1111-4111-8111-111111111111"
	raw["subscriptions"] = `{"platinum":"22222222-2222-4222-8222-000000000001","gold":"22222222-2222-4222-8222-000000000002","bronze":"22222222-2222-4222-8222-000000000003","management":"44444444-4444-4444-8444-444444444444"}`
	raw["auditWorkspaceId"] = "/subscriptions/44444444-4444-4444-8444-444444444444/resourceGroups/met-security/providers/Microsoft.OperationalInsights/workspaces/met"
	raw["breakGlassObjectIds"] = `["33333333-3333-4333-8333-000000000001","33333333-3333-4333-8333-000000000002"]`
	return raw
}

func TestLoadAzureOrg(t *testing.T) {
	t.Parallel()
	s, err := Load("met-org", validAzureOrg())
	require.NoError(t, err)
	assert.Equal(t, RoleOrganization, s.Role)
	assert.Equal(t, "platinum", string(s.Tier), "held to the strictest profile")
	require.NotNil(t, s.AzureOrg)
	assert.Equal(t, "11111111-1111-4111-8111-111111111111", s.AzureOrg.TenantID)
	assert.Equal(t, "22222222-2222-4222-8222-000000000003", s.AzureOrg.Subscriptions["bronze"])
	assert.Equal(t, "44444444-4444-4444-8444-444444444444", s.AzureOrg.Subscriptions["management"])
	assert.Len(t, s.AzureOrg.Subscriptions, 4)
	assert.Equal(t, []string{"33333333-3333-4333-8333-000000000001", "33333333-3333-4333-8333-000000000002"}, s.AzureOrg.BreakGlassObjectIDs)
	assert.Contains(t, s.AzureOrg.AuditWorkspaceID, "/workspaces/met")

	f, err := Load("met-foundation", with(validFoundation(), "cloud", "azure", "region", "uksouth"))
	require.NoError(t, err)
	assert.Nil(t, f.AzureOrg, "only an organization stack has one")
}

func TestLoadAzureOrgErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		raw  map[string]string
		want []string
	}{
		{"missing keys", with(validAzureOrg(), "tenantId", "", "subscriptions", "", "auditWorkspaceId", "", "breakGlassObjectIds", ""), []string{
			`landingzone:auditWorkspaceId: missing: required: allowed /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>`,
			`landingzone:breakGlassObjectIds: lists 0 accounts: allowed a list of the two break-glass accounts' Entra object IDs (GUIDs)`,
			`landingzone:subscriptions: missing: required: allowed a map of tier or platform group (platinum, gold, bronze, management, connectivity, security) to subscription ID`,
			`landingzone:tenantId: missing: required: allowed a GUID such as 00000000-0000-0000-0000-000000000000`}},
		{"bad values", with(validAzureOrg(), "tenantId", "met.onmicrosoft.com", "auditWorkspaceId", "met-audit",
			"subscriptions", `{"platinum":"22222222-2222-4222-8222-000000000001","gold":"22222222-2222-4222-8222-000000000001","sandbox":"22222222-2222-4222-8222-000000000009","Bronze":"x"}`,
			"breakGlassObjectIds", `["33333333-3333-4333-8333-000000000001","33333333-3333-4333-8333-000000000001",7]`), []string{
			`landingzone:auditWorkspaceId: "met-audit" is not a Log Analytics workspace ID: allowed /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>`,
			`landingzone:breakGlassObjectIds: lists 3 accounts: allowed a list of the two break-glass accounts' Entra object IDs (GUIDs)`,
			`landingzone:breakGlassObjectIds[1]: "33333333-3333-4333-8333-000000000001" is repeated: allowed two different accounts`,
			`landingzone:breakGlassObjectIds[2]: "7" is not an object ID: allowed a GUID such as 00000000-0000-0000-0000-000000000000`,
			`landingzone:subscriptions.Bronze: unknown management group (did you mean bronze?): allowed platinum, gold, bronze, management, connectivity, security`,
			`landingzone:subscriptions.bronze: missing: required for an azure organization stack: allowed a GUID such as 00000000-0000-0000-0000-000000000000 (every tier has its own subscription)`,
			`landingzone:subscriptions.platinum: "22222222-2222-4222-8222-000000000001" is also landingzone:subscriptions.gold: allowed a different subscription per management group (a subscription sits in one group)`,
			`landingzone:subscriptions.sandbox: unknown management group: allowed platinum, gold, bronze, management, connectivity, security`,
			`landingzone:tenantId: "met.onmicrosoft.com" is not a tenant ID: allowed a GUID such as 00000000-0000-0000-0000-000000000000`}},
		{"not a map", with(validAzureOrg(), "subscriptions", `["x"]`), []string{
			`landingzone:subscriptions: is not a map: allowed a map of tier or platform group (platinum, gold, bronze, management, connectivity, security) to subscription ID`}},
		{"tier other than platinum", with(validAzureOrg(), "tier", "bronze"), []string{
			`landingzone:tier: "bronze" is not allowed for role organization: allowed platinum (the organisation's guardrails cover every tier and are held to the strictest profile)`}},
		{"foundation-only keys", with(validAzureOrg(), "egressDomains", `["packages.microsoft.com"]`, "foundationStack", "organization/police-landing-zones/met-foundation"), []string{
			`landingzone:egressDomains: is set on an organization stack: allowed only on role foundation (the hub firewall's allow-list serves every tier)`,
			`landingzone:foundationStack: "organization/police-landing-zones/met-foundation" is not allowed for role organization: allowed no value (only tier stacks reference a foundation)`}},
		{"org keys on a tier stack", with(validTier(), "tenantId", "11111111-1111-4111-8111-111111111111"), []string{
			`landingzone:tenantId: is set on a stack of cloud aws, role tier: allowed only on an azure organization stack`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			_, err := Load("met-org", c.raw)
			require.Error(t, err)
			var errs Errors
			require.ErrorAs(t, err, &errs)
			assert.Equal(t, c.want, errs.Lines())
		})
	}
}

// TestSubscriptionID: an Azure foundation or tier stack may name the subscription it deploys into; the
// key is refused on an organization stack and on AWS, and must be a GUID.
func TestSubscriptionID(t *testing.T) {
	t.Parallel()
	azureTier := func() map[string]string { return with(validTier(), "cloud", "azure", "region", "uksouth") }
	s, err := Load("met-gold", azureTier())
	require.NoError(t, err)
	assert.Empty(t, s.SubscriptionID, "absent: the caller's subscription")
	s, err = Load("met-gold", with(azureTier(), "subscriptionId", "6F1C2B1E-0D5C-4C6A-9A51-2F0D8B0C1A13"))
	require.NoError(t, err)
	assert.Equal(t, "6f1c2b1e-0d5c-4c6a-9a51-2f0d8b0c1a13", s.SubscriptionID, "lower case, as ARM IDs compare")

	for _, tt := range []struct {
		name, stack string
		raw         map[string]string
		want        string
	}{
		{"not a GUID", "met-gold", with(azureTier(), "subscriptionId", "met-gold"),
			`landingzone:subscriptionId: "met-gold" is not a subscription ID: allowed a subscription ID (GUID) such as 00000000-0000-0000-0000-000000000000: the organization stack's subscriptions entry for the stack (management for the foundation, the tier's for a tier)`},
		{"on AWS", "pos-gold", with(validTier(), "subscriptionId", "6f1c2b1e-0d5c-4c6a-9a51-2f0d8b0c1a13"),
			`landingzone:subscriptionId: "6f1c2b1e-0d5c-4c6a-9a51-2f0d8b0c1a13" is set on an aws stack: allowed only on cloud azure (an AWS stack deploys into its account with landingzone:deployRoleArn)`},
		{"on the organization stack", "met-org", with(validAzureOrg(), "subscriptionId", "6f1c2b1e-0d5c-4c6a-9a51-2f0d8b0c1a13"),
			`landingzone:subscriptionId: "6f1c2b1e-0d5c-4c6a-9a51-2f0d8b0c1a13" is set on an organization stack: allowed only on role foundation or tier (the organization stack places subscriptions with landingzone:subscriptions)`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Load(tt.stack, tt.raw)
			var errs Errors
			require.ErrorAs(t, err, &errs)
			assert.Equal(t, []string{tt.want}, errs.Lines())
		})
	}
}
