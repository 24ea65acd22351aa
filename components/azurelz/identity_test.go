package azurelz_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/azurelz"
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/internal/mockcloud"
	"github.com/policecloud/landingzones/policy"
)

var testBreakGlass = []string{"33333333-3333-4333-8333-000000000001", "33333333-3333-4333-8333-000000000002"}

func accessArgs() *azurelz.PrivilegedAccessArgs {
	return &azurelz.PrivilegedAccessArgs{
		LandingZone:         "met",
		TenantID:            testTenant,
		RootGroupID:         "pclz-met",
		Region:              "uksouth",
		Profiles:            tier.Profiles(),
		BreakGlassObjectIDs: append([]string(nil), testBreakGlass...),
		BreakGlassProcedure: "MPS-SEC-BG-01",
		AuditWorkspaceID:    testWorkspace,
		AlertEmail:          "soc@met.police.uk",
		Tags:                mgArgs().Tags,
	}
}

func orgContext() *policy.Context {
	pctx := policy.NewContext("met-org", tier.Platinum)
	pctx.Cloud, pctx.Role = "azure", "organization"
	return pctx
}

func TestPrivilegedAccess(t *testing.T) {
	t.Parallel()
	c := mockcloud.New(mockcloud.Options{Stack: "met-org"})
	out, err := c.RunOutputs(func(ctx *pulumi.Context) (pulumi.Map, error) {
		p, err := azurelz.NewPrivilegedAccess(ctx, "met", accessArgs())
		if err != nil {
			return nil, err
		}
		return p.Outputs()
	})
	require.NoError(t, err)
	groups, _ := out["entraGroupIds"].(map[string]any)
	require.Len(t, groups, 5, "platform admins, auditors and one operator group per tier")
	groupName := map[string]string{}
	for _, g := range c.Find("azuread:index/group:Group") {
		assert.Equal(t, true, policy.ToGo(g.Get("securityEnabled")), g.Name)
		groupName[g.ID] = str(g.Get("displayName"))
	}
	assert.Equal(t, "met bronze operators", groupName[groups["bronze-operators"].(string)])

	// Every group's role is PIM-eligible at the scope it administers; none is active.
	operator := c.Find("azure-native:authorization:RoleDefinition")
	require.Len(t, operator, 1)
	eligible := map[string][2]string{}
	for _, r := range c.Find("azure-native:authorization:PimRoleEligibilitySchedule") {
		eligible[groupName[str(r.Get("principalId"))]] = [2]string{str(r.Get("roleDefinitionId")), str(r.Get("scope"))}
		assert.Equal(t, "NoExpiration", str(r.Get("scheduleInfo", "expiration", "type")))
	}
	assert.Equal(t, map[string][2]string{
		"met platform admins":    {azurelz.RoleOwner, mgPrefix + "pclz-met"},
		"met auditors":           {azurelz.RoleReader, mgPrefix + "pclz-met"},
		"met platinum operators": {operator[0].ID, mgPrefix + "pclz-met-platinum"},
		"met gold operators":     {operator[0].ID, mgPrefix + "pclz-met-gold"},
		"met bronze operators":   {operator[0].ID, mgPrefix + "pclz-met-bronze"},
	}, eligible)
	notActions, _ := policy.Strings(operator[0].Get("permissions", 0, "notActions"))
	for _, a := range azurelz.AuditTrailActions() {
		assert.Contains(t, notActions, a, "the operator role cannot touch the audit trail")
	}

	// The only active assignments are the two break-glass accounts', documented.
	var active []string
	for _, r := range c.Find("azure-native:authorization:RoleAssignment") {
		active = append(active, str(r.Get("principalId"))+" "+str(r.Get("principalType"))+" "+str(r.Get("roleDefinitionId"))+" "+str(r.Get("description")))
	}
	assert.ElementsMatch(t, []string{
		testBreakGlass[0] + " User " + azurelz.RoleOwner + " break-glass: MPS-SEC-BG-01",
		testBreakGlass[1] + " User " + azurelz.RoleOwner + " break-glass: MPS-SEC-BG-01",
	}, active)

	// Conditional access covers the groups and excludes the break-glass accounts.
	ca := c.Find("azuread:index/conditionalAccessPolicy:ConditionalAccessPolicy")
	require.Len(t, ca, 1)
	excluded, _ := policy.Strings(ca[0].Get("conditions", "users", "excludedUsers"))
	assert.Equal(t, testBreakGlass, excluded)
	included, _ := policy.Strings(ca[0].Get("conditions", "users", "includedGroups"))
	assert.Len(t, included, 5)

	// Sign-ins reach the audit workspace, and a break-glass sign-in alerts the action group.
	logs := c.Find("azure-native:aadiam:DiagnosticSetting")
	require.Len(t, logs, 1)
	assert.Equal(t, testWorkspace, str(logs[0].Get("workspaceId")))
	alert := c.Find("azure-native:insights:ScheduledQueryRule")
	require.Len(t, alert, 1)
	assert.Equal(t, []any{testWorkspace}, policy.ToGo(alert[0].Get("scopes")))
	query := str(alert[0].Get("criteria", "allOf", 0, "query"))
	assert.True(t, strings.HasPrefix(query, "SigninLogs"), query)
	for _, id := range testBreakGlass {
		assert.Contains(t, query, id)
	}
	ag := c.Find("azure-native:insights:ActionGroup")
	require.Len(t, ag, 1)
	assert.Equal(t, []any{ag[0].ID}, policy.ToGo(alert[0].Get("actions", "actionGroups")))
	assert.Equal(t, "soc@met.police.uk", str(ag[0].Get("emailReceivers", 0, "emailAddress")))

	for _, r := range c.Resources() {
		if r.Type != azurelz.PrivilegedAccessType {
			assert.Contains(t, r.URN, azurelz.PrivilegedAccessType+"$", "%s %s is a child of the component", r.Type, r.Name)
		}
	}
	blocking := c.Blocking(orgContext())
	assert.Empty(t, blocking, mockcloud.Describe(blocking))
	// The identity rules saw the component's resources and passed them.
	ev := c.Evaluate(orgContext())
	assert.Equal(t, 2, statuses(ev, "PCLZ-AZR-IAM-013")[policy.StatusPass], "the two break-glass Owner assignments are documented")
	assert.Equal(t, 2, statuses(ev, "PCLZ-AZR-IAM-014")[policy.StatusPass], "each break-glass account's sign-in alerts")
	assert.Equal(t, 1, statuses(ev, "PCLZ-AZR-IAM-015")[policy.StatusPass], "the operator role cannot touch the audit trail")
	assert.Equal(t, 1, statuses(ev, "PCLZ-AZR-IAM-016")[policy.StatusPass], "the conditional access policy excludes the break-glass accounts")
}

func TestPrivilegedAccessInvalid(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		f    func(*azurelz.PrivilegedAccessArgs)
		want string
	}{
		{"one break-glass account", func(a *azurelz.PrivilegedAccessArgs) { a.BreakGlassObjectIDs = a.BreakGlassObjectIDs[:1] },
			`BreakGlassObjectIDs: "1" is not two accounts: allowed the object IDs of exactly two break-glass accounts`},
		{"same account twice", func(a *azurelz.PrivilegedAccessArgs) {
			a.BreakGlassObjectIDs[1] = strings.ToUpper(a.BreakGlassObjectIDs[0])
		},
			`BreakGlassObjectIDs[1]: "33333333-3333-4333-8333-000000000001" is repeated: allowed two different accounts`},
		{"bad object ID and no procedure", func(a *azurelz.PrivilegedAccessArgs) {
			a.BreakGlassObjectIDs[0] = "admin@met"
			a.BreakGlassProcedure = " "
		},
			"BreakGlassObjectIDs[0]: \"admin@met\" is not an object ID: allowed a GUID such as 00000000-0000-0000-0000-000000000000\n" +
				"BreakGlassProcedure: is empty: allowed the reference of the break-glass procedure, such as MPS-SEC-BG-01"},
		{"alert mailbox", func(a *azurelz.PrivilegedAccessArgs) { a.AlertEmail = "soc" },
			`AlertEmail: "soc" is not an email address: allowed the security team's mailbox, such as soc@met.police.uk`},
		{"workspace", func(a *azurelz.PrivilegedAccessArgs) { a.AuditWorkspaceID = "met" },
			`AuditWorkspaceID: "met" is not a Log Analytics workspace ID: allowed /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>`},
		{"tenant and root", func(a *azurelz.PrivilegedAccessArgs) { a.TenantID = ""; a.RootGroupID = "" },
			"TenantID: is not a tenant ID: allowed a GUID such as 00000000-0000-0000-0000-000000000000\n" +
				"RootGroupID: is empty: allowed the landing zone's root management group ID, such as pclz-met"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			args := accessArgs()
			tc.f(args)
			c := mockcloud.New(mockcloud.Options{Stack: "met-org"})
			err := c.Run(func(ctx *pulumi.Context) error {
				_, err := azurelz.NewPrivilegedAccess(ctx, "met", args)
				return err
			})
			require.Error(t, err)
			_, got, ok := strings.Cut(err.Error(), "azurelz.NewPrivilegedAccess met: invalid arguments:\n")
			require.True(t, ok, err.Error())
			assert.Equal(t, tc.want, strings.TrimSpace(got))
			assert.Empty(t, c.Resources(), "nothing is registered")
		})
	}
}
