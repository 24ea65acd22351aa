package program

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/internal/mockcloud"
	"github.com/policecloud/landingzones/internal/stackctx"
)

// TestAWSOrganizationStack runs pos-org through the program under the mock cloud: zero mandatory
// violations, and the outputs give every account's ID and deploy role.
func TestAWSOrganizationStack(t *testing.T) {
	t.Parallel()
	st, cfg := awsStackConfig(t, "pos-org")
	c := mockcloud.New(mockcloud.Options{Stack: st.Name, Config: cfg})
	outputs, err := c.RunOutputs(func(ctx *pulumi.Context) (pulumi.Map, error) { return Deploy(ctx, st) })
	require.NoError(t, err)
	blocking := c.Blocking(stackctx.FromStack(st))
	assert.Empty(t, blocking, mockcloud.Describe(blocking))
	assert.Equal(t, "organization", outputs["role"])
	ids := outputs["accountIds"].(map[string]any)
	roles := outputs["deployRoleArns"].(map[string]any)
	assert.ElementsMatch(t, []string{"platinum", "gold", "bronze", "log-archive", "security-tooling", "infrastructure"}, keysOf(ids))
	for k, id := range ids {
		assert.Equal(t, "arn:aws:iam::"+id.(string)+":role/OrganizationAccountAccessRole", roles[k], k)
	}
	assert.Equal(t, "pos-log-archive-homeoffice", outputs["logArchiveBucket"])
	assert.Len(t, c.Find("aws:organizations/account:Account"), 6)
	assert.ElementsMatch(t, []string{"platform-admin", "platinum-operator", "gold-operator", "bronze-operator", "auditor"},
		keysOf(outputs["permissionSetArns"].(map[string]any)), "the stack's Identity Center configuration reaches the component")
	assert.Len(t, c.Find("aws:ssoadmin/accountAssignment:AccountAssignment"), 4+3+6)
}

// TestAWSDeployRole: with landingzone:deployRoleArn a tier stack deploys every resource through one
// provider assuming that role, pinned to its account; without it, through the component's own.
func TestAWSDeployRole(t *testing.T) {
	t.Parallel()
	foundation, fcfg := awsStackConfig(t, "pos-foundation")
	const role = "arn:aws:iam::210987654321:role/OrganizationAccountAccessRole"
	fcfg["landingzone:deployRoleArn"] = role
	fc := mockcloud.New(mockcloud.Options{Stack: foundation.Name, Config: fcfg})
	require.NoError(t, fc.Run(Run))
	provs := fc.Find("pulumi:providers:aws")
	require.Len(t, provs, 1, "the deploy provider, and no component provider")
	p := provs[0]
	assert.Equal(t, "pos-deploy", p.Name)
	assert.Equal(t, role, p.Get("assumeRole", "roleArn").AsString())
	assert.Equal(t, "210987654321", p.Get("allowedAccountIds", 0).AsString())
	assert.Empty(t, fc.ResourcesNotUsing(p.URN), "every resource deploys through the assumed role")
	blocking := fc.Blocking(stackctx.FromStack(foundation))
	assert.Empty(t, blocking, mockcloud.Describe(blocking))

	_, plain := awsStackConfig(t, "pos-foundation")
	pc := mockcloud.New(mockcloud.Options{Stack: foundation.Name, Config: plain})
	require.NoError(t, pc.Run(Run))
	for _, p := range pc.Find("pulumi:providers:aws") {
		assert.True(t, p.Get("assumeRole").IsNull(), "without deployRoleArn no role is assumed: %s", p.Name)
	}
}

func keysOf(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
