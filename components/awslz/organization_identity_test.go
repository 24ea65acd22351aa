package awslz

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/lztest"
	"github.com/policecloud/landingzones/policy"
)

const (
	testSSOInstance = "arn:aws:sso:::instance/ssoins-1234567890abcdef"
	groupAdmins     = "906722b8b1-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901"
	groupAuditors   = "906722b8b1-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f902"
)

func groupOperators(tier string) string {
	return map[string]string{
		"platinum": "906722b8b1-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f903",
		"gold":     "906722b8b1-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f904",
		"bronze":   "906722b8b1-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f905",
	}[tier]
}

func withIdentity(a *OrganizationArgs) {
	a.Identity = &IdentityCenter{
		InstanceARN: testSSOInstance, IdentityProvider: "saml:entra-id",
		PlatformAdminGroup: groupAdmins, AuditorGroup: groupAuditors,
		TierOperatorGroups: map[string]string{"platinum": groupOperators("platinum"), "gold": groupOperators("gold"), "bronze": groupOperators("bronze")},
	}
}

// TestOrganizationIdentityCenter: the permission sets are created in the management account, each with
// its session length, managed policies and an inline policy denying audit trail changes, and assigned
// to its group in its accounts only.
func TestOrganizationIdentityCenter(t *testing.T) {
	t.Parallel()
	m, err := runOrganization(t, withIdentity, true)
	require.NoError(t, err)

	sets := map[string]*policy.Resource{} // by URN
	byName := map[string]*policy.Resource{}
	for _, ps := range m.Find("aws:ssoadmin/permissionSet:PermissionSet") {
		assert.Equal(t, "management", ps.Provider.Name)
		assert.Equal(t, testSSOInstance, ps.Get("instanceArn").AsString())
		assert.Equal(t, "saml:entra-id", ps.Get("tags", "IdentityProvider").AsString())
		sets[ps.URN] = ps
		byName[ps.Get("name").AsString()] = ps
	}
	require.Len(t, byName, 5)
	assert.Equal(t, "PT1H", byName["pos-platform-admin"].Get("sessionDuration").AsString())
	for _, n := range []string{"pos-platinum-operator", "pos-gold-operator", "pos-bronze-operator", "pos-auditor"} {
		require.Contains(t, byName, n)
		assert.Equal(t, "PT4H", byName[n].Get("sessionDuration").AsString(), n)
	}
	setOf := func(r *policy.Resource) string {
		for _, ps := range sets {
			if r.Refers("permissionSetArn", ps) {
				return ps.Get("name").AsString()
			}
		}
		t.Fatalf("%s refers to no permission set", r.Name)
		return ""
	}

	managed := map[string][]string{}
	for _, a := range m.Find("aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment") {
		managed[setOf(a)] = append(managed[setOf(a)], strings.TrimPrefix(a.Get("managedPolicyArn").AsString(), "arn:aws:iam::aws:policy/"))
	}
	// The mock cloud registers resources as their inputs resolve, so their order is not the program's.
	assert.ElementsMatch(t, []string{"job-function/ViewOnlyAccess", "SecurityAudit"}, managed["pos-auditor"])
	assert.Equal(t, []string{"job-function/ViewOnlyAccess"}, managed["pos-platform-admin"])

	inline := m.Find("aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy")
	require.Len(t, inline, 5)
	for _, p := range inline {
		st := statements(t, p, "inlinePolicy")
		assert.Equal(t, "Deny", st["DenyAuditTrailChanges"]["Effect"], setOf(p))
		assert.Contains(t, st["DenyAuditTrailChanges"]["Action"], "cloudtrail:StopLogging")
		assert.Equal(t, []any{"arn:aws:s3:::pos-audit", "arn:aws:s3:::pos-audit/*"}, st["DenyLogArchiveChanges"]["Resource"], setOf(p))
		assert.Contains(t, st["DenyKeyDestruction"]["Action"], "kms:ScheduleKeyDeletion")
	}

	accountName := map[string]string{}
	for _, a := range m.Find(orgTypeAccount) {
		accountName[a.ID] = a.Get("name").AsString()
	}
	got := map[string][]string{} // permission set -> "account:group"
	for _, a := range m.Find("aws:ssoadmin/accountAssignment:AccountAssignment") {
		assert.Equal(t, "GROUP", a.Get("principalType").AsString())
		assert.Equal(t, "AWS_ACCOUNT", a.Get("targetType").AsString())
		got[setOf(a)] = append(got[setOf(a)], accountName[a.Get("targetId").AsString()]+":"+a.Get("principalId").AsString())
	}
	assert.ElementsMatch(t, []string{"pos-platinum:" + groupAdmins, "pos-gold:" + groupAdmins, "pos-bronze:" + groupAdmins, "pos-network:" + groupAdmins},
		got["pos-platform-admin"], "platform administrators: tier and infrastructure accounts, never log-archive or security")
	for _, tr := range []string{"platinum", "gold", "bronze"} {
		assert.Equal(t, []string{"pos-" + tr + ":" + groupOperators(tr)}, got["pos-"+tr+"-operator"], "operators: their tier's account only")
	}
	assert.Len(t, got["pos-auditor"], 6, "auditors: every account")

	pctx := policy.NewContext("pos-org", "")
	pctx.Role = "organization"
	lztest.AssertNoBlocking(t, m.Cloud, pctx)
}

// TestOrganizationIdentityValidation: bad Identity Center arguments register nothing and are named.
func TestOrganizationIdentityValidation(t *testing.T) {
	t.Parallel()
	m, err := runOrganization(t, func(a *OrganizationArgs) {
		withIdentity(a)
		a.Identity.InstanceARN = "ssoins-1"
		a.Identity.IdentityProvider = "entra"
		a.Identity.AuditorGroup = "auditors"
		delete(a.Identity.TierOperatorGroups, "gold")
		a.Identity.TierOperatorGroups["silver"] = groupOperators("bronze")
	}, false)
	require.Error(t, err)
	assert.Equal(t, "awslz.NewOrganization pos: invalid arguments:\n"+strings.Join([]string{
		`Identity.InstanceARN: "ssoins-1" is not an IAM Identity Center instance ARN: allowed arn:aws:sso:::instance/ssoins- and 16 characters (aws sso-admin list-instances)`,
		`Identity.IdentityProvider: "entra" is not an identity provider name: allowed saml:<name> or oidc:<name>, such as saml:entra-id`,
		`Identity.AuditorGroup: "auditors" is not an identity store group ID: allowed a group ID such as 906722b8b1-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901 (aws identitystore list-groups)`,
		`Identity.TierOperatorGroups: "gold" has no group for the tier: allowed an operator group for every tier in Profiles`,
		`Identity.TierOperatorGroups: "silver" is not a tier in Profiles: allowed the tiers of Profiles`,
	}, "\n"), err.Error())
	assert.Empty(t, m.Resources())
}
