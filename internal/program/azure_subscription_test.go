package program_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/internal/mockcloud"
	"github.com/policecloud/landingzones/internal/program"
	"github.com/policecloud/landingzones/internal/stackctx"
	"github.com/policecloud/landingzones/policy"
)

// The met-org subscriptions map's entries the shipped stacks name (stacks/Pulumi.met-org.yaml).
const (
	metManagementSubscription = "9e1b5c3a-7f2d-4a68-8c4e-3d5f9b1a7e20"
	metBronzeSubscription     = "5a7d3e9f-1c4b-4f86-9d2a-6e8b0c1f3a47"
)

// findings returns the findings of rule id by status.
func findings(ev policy.Evaluation, id string) map[policy.Status][]policy.Finding {
	out := map[policy.Status][]policy.Finding{}
	for _, f := range ev.Findings {
		if f.RuleID == id {
			out[f.Status] = append(out[f.Status], f)
		}
	}
	return out
}

// TestAzureTierInItsOwnSubscription: with landingzone:subscriptionId (met-org's entry for the tier),
// every resource of the tier stack deploys through a provider for that subscription, except those in
// the foundation's resource groups (the hub's side of the peering, the hub DNS zones' links, the flow
// log under the foundation's network watcher), which go through a provider for the foundation's
// subscription, read from its hub's ID. The tier declares its workloads' Defender plans in its own
// subscription, and they pass PCLZ-AZR-AUD-007.
func TestAzureTierInItsOwnSubscription(t *testing.T) {
	t.Parallel()
	st, _ := azureStack(t, "met-bronze")
	require.Equal(t, metBronzeSubscription, st.SubscriptionID, "the shipped stack names met-org's bronze subscription")
	c, _, err := runMetTier(t, "met-bronze", "")
	require.NoError(t, err)

	var sub, hub *policy.Resource
	for _, p := range c.Find("pulumi:providers:azure-native") {
		switch p.Name {
		case "met-bronze-subscription":
			sub = p
		case "met-bronze-hub":
			hub = p
		default:
			t.Errorf("unexpected azure-native provider %s: the components take the stack's", p.Name)
		}
	}
	require.NotNil(t, sub)
	require.NotNil(t, hub)
	assert.Equal(t, metBronzeSubscription, sub.Get("subscriptionId").AsString())
	assert.Equal(t, metManagementSubscription, hub.Get("subscriptionId").AsString(), "the foundation's subscription, from its hub's ID")
	assert.Equal(t, "uksouth", sub.Get("location").AsString())

	assert.Empty(t, c.ResourcesNotUsing(sub.URN, hub.URN), "every resource goes through one of the stack's two providers")
	var hubSide []string
	for _, r := range c.ResourcesNotUsing(sub.URN) {
		hubSide = append(hubSide, r.Type+" "+r.Name)
	}
	slices.Sort(hubSide)
	assert.Equal(t, []string{
		"azure-native:network:FlowLog met-bronze-flow-log",
		"azure-native:network:VirtualNetworkLink met-bronze-blob-dns-link",
		"azure-native:network:VirtualNetworkLink met-bronze-vault-dns-link",
		"azure-native:network:VirtualNetworkPeering met-bronze-from-hub",
	}, hubSide, "only the resources in the foundation's resource groups go through the hub's subscription")

	plans := c.Find("azure-native:security:Pricing")
	require.Len(t, plans, 2, "Defender for Servers and for SQL, in the tier's own subscription")
	for _, p := range plans {
		assert.Equal(t, "/subscriptions/"+metBronzeSubscription, p.Get("scopeId").AsString())
	}
	ev := c.Evaluate(stackctx.FromStack(st))
	assert.Empty(t, ev.Blocking(), mockcloud.Describe(ev.Blocking()))
	scans := findings(ev, "PCLZ-AZR-AUD-007")
	assert.Len(t, scans[policy.StatusPass], 3, "both machines and the SQL server assessed: %s", mockcloud.Describe(ev.Findings))
	assert.Empty(t, scans[policy.StatusUnknown])
	assert.Len(t, findings(ev, "PCLZ-AZR-AUD-009")[policy.StatusPass], 1, "the machines' logs go over the private link")
}

// TestAzureTierInTheFoundationsSubscription: without landingzone:subscriptionId the tier shares the
// foundation's subscription: no provider of the stack's own, no Defender plan declared a second time
// (the foundation's plans cover the subscription, and creating one again fails). PCLZ-AZR-AUD-007 then
// cannot see the plans from the tier stack: the machines are unknown, not failed, and the SQL server
// passes through its own Defender for SQL policy.
func TestAzureTierInTheFoundationsSubscription(t *testing.T) {
	t.Parallel()
	st, cfg := azureStack(t, "met-bronze")
	delete(cfg, "landingzone:subscriptionId")
	cfg[program.WorkloadConfig] = workloadConfig(t, "met-bronze")
	c := mockcloud.New(mockcloud.Options{Stack: "met-bronze", Config: cfg, StackOutputs: map[string]map[string]any{metFoundationRef: metFoundationOutputs(t)}})
	_, err := c.RunOutputs(deployStack)
	require.NoError(t, err)

	for _, p := range c.Find("pulumi:providers:azure-native") {
		assert.NotContains(t, []string{"met-bronze-subscription", "met-bronze-hub"}, p.Name)
	}
	assert.Empty(t, c.Find("azure-native:security:Pricing"), "the foundation's Defender plans cover the shared subscription")
	st.SubscriptionID = ""
	ev := c.Evaluate(stackctx.FromStack(st))
	assert.Empty(t, ev.Blocking(), mockcloud.Describe(ev.Blocking()))
	scans := findings(ev, "PCLZ-AZR-AUD-007")
	require.Len(t, scans[policy.StatusUnknown], 2, mockcloud.Describe(ev.Findings))
	for _, f := range scans[policy.StatusUnknown] {
		assert.Equal(t, "no Defender for Cloud plan in the stack; plan VirtualMachines may be enabled on the subscription by the foundation (PCLZ-AZR-AUD-005), which this stack cannot show", f.Message)
	}
	require.Len(t, scans[policy.StatusPass], 1)
	assert.Contains(t, scans[policy.StatusPass][0].Message, "assessed by Defender for SQL")
	assert.Empty(t, scans[policy.StatusFail])
}

// TestAzureStackSubscriptionsMatchTheOrganization: each shipped met foundation and tier stack deploys
// into the subscription met-org places under its management group: management for the foundation, the
// tier's for a tier.
func TestAzureStackSubscriptionsMatchTheOrganization(t *testing.T) {
	t.Parallel()
	org, _ := azureStack(t, "met-org")
	require.NotNil(t, org.AzureOrg)
	for stack, entry := range map[string]string{
		"met-foundation": "management", "met-platinum": "platinum", "met-gold": "gold", "met-bronze": "bronze",
	} {
		st, _ := azureStack(t, stack)
		assert.Equal(t, org.AzureOrg.Subscriptions[entry], st.SubscriptionID, "%s deploys into met-org's %s subscription", stack, entry)
	}
	assert.Equal(t, metManagementSubscription, org.AzureOrg.Subscriptions["management"])
	assert.Equal(t, metBronzeSubscription, org.AzureOrg.Subscriptions["bronze"])
}
