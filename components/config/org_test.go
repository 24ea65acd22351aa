package config

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/tier"
)

const validAccounts = `[` +
	`{"account":"platinum","name":"pos-platinum","email":"aws-pos-platinum@homeoffice.police.uk"},` +
	`{"account":"gold","name":"pos-gold","email":"aws-pos-gold@homeoffice.police.uk","id":"111111111111"},` +
	`{"account":"bronze","name":"pos-bronze","email":"aws-pos-bronze@homeoffice.police.uk"},` +
	`{"account":"log-archive","name":"pos-log-archive","email":"aws-pos-log-archive@homeoffice.police.uk"},` +
	`{"account":"security-tooling","name":"pos-security","email":"aws-pos-security@homeoffice.police.uk"}]`

// validOrganization returns the raw configuration of a valid organisation stack of the pos landing zone.
func validOrganization() map[string]string {
	raw := validTier()
	raw["role"] = "organization"
	delete(raw, "tier")
	delete(raw, "foundationStack")
	raw["accounts"] = validAccounts
	raw["logArchiveBucket"] = "pos-log-archive-ho"
	return raw
}

func TestLoadOrganization(t *testing.T) {
	t.Parallel()
	s, err := Load("pos-org", with(validOrganization(), "orgRootId", "r-ab12", "accessRoleName", "pclz-deploy"))
	require.NoError(t, err)
	assert.Equal(t, RoleOrganization, s.Role)
	assert.Equal(t, tier.Platinum, s.Tier, "the organisation is held to the strictest profile")
	require.NotNil(t, s.Organization)
	assert.Equal(t, &Organization{
		Accounts: map[string]OrgAccount{
			"platinum":         {Name: "pos-platinum", Email: "aws-pos-platinum@homeoffice.police.uk"},
			"gold":             {ID: "111111111111", Name: "pos-gold", Email: "aws-pos-gold@homeoffice.police.uk"},
			"bronze":           {Name: "pos-bronze", Email: "aws-pos-bronze@homeoffice.police.uk"},
			"log-archive":      {Name: "pos-log-archive", Email: "aws-pos-log-archive@homeoffice.police.uk"},
			"security-tooling": {Name: "pos-security", Email: "aws-pos-security@homeoffice.police.uk"},
		},
		LogArchiveBucket: "pos-log-archive-ho",
		RootID:           "r-ab12",
		AccessRoleName:   "pclz-deploy",
	}, s.Organization)

	f, err := Load("pos-foundation", validFoundation())
	require.NoError(t, err)
	assert.Nil(t, f.Organization, "only an organisation stack has one")
	assert.Empty(t, f.DeployRoleARN)

	f, err = Load("pos-gold", with(validTier(), "deployRoleArn", "arn:aws:iam::111111111111:role/OrganizationAccountAccessRole"))
	require.NoError(t, err)
	assert.Equal(t, "arn:aws:iam::111111111111:role/OrganizationAccountAccessRole", f.DeployRoleARN)
}

func TestLoadOrganizationErrors(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name  string
		stack string
		raw   map[string]string
		want  []string
	}{
		{"accounts and bucket missing", "pos-org", with(validOrganization(), "accounts", "", "logArchiveBucket", ""), []string{
			`landingzone:accounts: missing: required for account bronze on role organization: allowed a list of {account, name, email, id} objects declaring platinum, gold, bronze, log-archive, security-tooling`,
			`landingzone:accounts: missing: required for account gold on role organization: allowed a list of {account, name, email, id} objects declaring platinum, gold, bronze, log-archive, security-tooling`,
			`landingzone:accounts: missing: required for account log-archive on role organization: allowed a list of {account, name, email, id} objects declaring platinum, gold, bronze, log-archive, security-tooling`,
			`landingzone:accounts: missing: required for account platinum on role organization: allowed a list of {account, name, email, id} objects declaring platinum, gold, bronze, log-archive, security-tooling`,
			`landingzone:accounts: missing: required for account security-tooling on role organization: allowed a list of {account, name, email, id} objects declaring platinum, gold, bronze, log-archive, security-tooling`,
			`landingzone:logArchiveBucket: missing: required: allowed an S3 bucket name: 3 to 63 lower-case letters, digits, dots or hyphens, such as pos-log-archive-ho`,
		}},
		{"bad account entries", "pos-org", with(validOrganization(), "accounts", strings.Replace(validAccounts, `]`,
			`,{"account":"gold","name":"x","email":"aws-pos-platinum@homeoffice.police.uk","id":"12345"},{"account":"silver","email":"nope"}]`, 1)), []string{
			`landingzone:accounts[5].account: "gold" is declared twice: allowed each account once`,
			`landingzone:accounts[5].email: "aws-pos-platinum@homeoffice.police.uk" is also accounts[0]'s: allowed a different address per account`,
			`landingzone:accounts[5].id: "12345" is not an AWS account ID: allowed 12 digits, or no id to create the account`,
			`landingzone:accounts[6].account: "silver" is not an account of the organisation: allowed platinum, gold, bronze, log-archive, security-tooling, infrastructure`,
			`landingzone:accounts[6].email: "nope" is not an email address: allowed the account's root user address, such as aws-pos-gold@homeoffice.police.uk`,
			`landingzone:accounts[6].name: missing: required: allowed the account's name (for an adopted account, the name it has)`,
		}},
		{"bad bucket, root and role names", "pos-org", with(validOrganization(), "logArchiveBucket", "Pos_Audit", "orgRootId", "root", "accessRoleName", "a role"), []string{
			`landingzone:accessRoleName: "a role" is not an IAM role name: allowed 1 to 64 letters, digits or + = , . @ _ - (absent is OrganizationAccountAccessRole)`,
			`landingzone:logArchiveBucket: "Pos_Audit" is not an S3 bucket name: allowed an S3 bucket name: 3 to 63 lower-case letters, digits, dots or hyphens, such as pos-log-archive-ho`,
			`landingzone:orgRootId: "root" is not an organisation root ID: allowed r- and 4 to 32 lower-case letters or digits, such as r-ab12 (absent looks it up)`,
		}},
		{"organisation keys on a tier stack", "pos-gold", with(validTier(), "logArchiveBucket", "pos-audit"), []string{
			`landingzone:logArchiveBucket: "pos-audit" is not allowed for role tier: allowed only on role organization`,
		}},
		{"organisation with a tier, a foundation and a deploy role", "pos-org", with(validOrganization(), "tier", "gold",
			"foundationStack", "organization/police-landing-zones/pos-foundation", "deployRoleArn", "arn:aws:iam::111111111111:role/x"), []string{
			`landingzone:deployRoleArn: "arn:aws:iam::111111111111:role/x" is set on an organization stack: allowed only on role foundation or tier (the organisation stack runs in the management account)`,
			`landingzone:foundationStack: "organization/police-landing-zones/pos-foundation" is not allowed for role organization: allowed no value (only tier stacks reference a foundation)`,
			`landingzone:tier: "gold" is not allowed for role organization: allowed platinum (the organisation's guardrails cover every tier and are held to the strictest profile)`,
		}},
		{"bad deploy role", "pos-gold", with(validTier(), "deployRoleArn", "arn:aws:iam::1111:user/x"), []string{
			`landingzone:deployRoleArn: "arn:aws:iam::1111:user/x" is not an IAM role ARN: allowed an IAM role ARN such as arn:aws:iam::111111111111:role/OrganizationAccountAccessRole (the org stack's deployRoleArns output)`,
		}},
		{"deploy role on azure", "met-gold", with(validTier(), "cloud", "azure", "region", "uksouth", "deployRoleArn", "arn:aws:iam::111111111111:role/x"), []string{
			`landingzone:deployRoleArn: "arn:aws:iam::111111111111:role/x" is set on an azure stack: allowed only on cloud aws`,
		}},
		{"aws organisation keys on an azure organisation", "met-org", with(validOrganization(), "cloud", "azure", "region", "uksouth",
			"tenantId", "00000000-0000-0000-0000-000000000001", "subscriptions", `{"platinum":"00000000-0000-0000-0000-000000000002","gold":"00000000-0000-0000-0000-000000000003","bronze":"00000000-0000-0000-0000-000000000004"}`,
			"auditWorkspaceId", "/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/audit",
			"breakGlassObjectIds", `["00000000-0000-0000-0000-000000000005","00000000-0000-0000-0000-000000000006"]`), []string{
			`landingzone:accounts: "[{\"account\":\"platinum\",\"name\":\"pos-platinum\",\"email\":\"aws..." is not allowed on an azure organization stack: allowed only on an aws organization stack`,
			`landingzone:logArchiveBucket: "pos-log-archive-ho" is not allowed on an azure organization stack: allowed only on an aws organization stack`,
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Load(tt.stack, tt.raw)
			var errs Errors
			require.ErrorAs(t, err, &errs)
			assert.Equal(t, tt.want, errs.Lines())
		})
	}
}

const validGroups = `[` +
	`{"role":"platform-admin","groupId":"906722b8b1-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901"},` +
	`{"role":"auditor","groupId":"906722b8b1-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f902"},` +
	`{"role":"tier-operator","tier":"platinum","groupId":"906722b8b1-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f903"},` +
	`{"role":"tier-operator","tier":"gold","groupId":"906722b8b1-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f904"},` +
	`{"role":"tier-operator","tier":"bronze","groupId":"906722b8b1-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f905"}]`

func TestLoadOrganizationIdentity(t *testing.T) {
	t.Parallel()
	s, err := Load("pos-org", with(validOrganization(), "identityCenterInstanceArn", "arn:aws:sso:::instance/ssoins-1234567890abcdef",
		"identityProvider", "saml:entra-id", "identityGroups", validGroups))
	require.NoError(t, err)
	assert.Equal(t, &Identity{
		InstanceARN: "arn:aws:sso:::instance/ssoins-1234567890abcdef", Provider: "saml:entra-id",
		PlatformAdminGroup: "906722b8b1-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901", AuditorGroup: "906722b8b1-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f902",
		TierOperatorGroups: map[string]string{
			"platinum": "906722b8b1-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f903",
			"gold":     "906722b8b1-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f904",
			"bronze":   "906722b8b1-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f905",
		},
	}, s.Organization.Identity)

	s, err = Load("pos-org", validOrganization())
	require.NoError(t, err)
	assert.Nil(t, s.Organization.Identity, "no instance, no Identity Center")
}

func TestLoadOrganizationIdentityErrors(t *testing.T) {
	t.Parallel()
	const instance = "arn:aws:sso:::instance/ssoins-1234567890abcdef"
	for _, tt := range []struct {
		name string
		raw  map[string]string
		want []string
	}{
		{"groups without an instance", with(validOrganization(), "identityProvider", "saml:entra-id"), []string{
			`landingzone:identityProvider: is set without landingzone:identityCenterInstanceArn: allowed only with the Identity Center instance`,
		}},
		{"bad instance and provider, no groups", with(validOrganization(), "identityCenterInstanceArn", "ssoins-1", "identityProvider", "entra"), []string{
			`landingzone:identityCenterInstanceArn: "ssoins-1" is not an IAM Identity Center instance ARN: allowed an IAM Identity Center instance ARN such as arn:aws:sso:::instance/ssoins-1234567890abcdef (aws sso-admin list-instances)`,
			`landingzone:identityGroups: missing: required for auditor with landingzone:identityCenterInstanceArn: allowed a list of {role, tier, groupId} objects: role platform-admin, tier-operator (with tier) or auditor`,
			`landingzone:identityGroups: missing: required for platform-admin with landingzone:identityCenterInstanceArn: allowed a list of {role, tier, groupId} objects: role platform-admin, tier-operator (with tier) or auditor`,
			`landingzone:identityGroups: missing: required for tier-operator of tier bronze with landingzone:identityCenterInstanceArn: allowed a list of {role, tier, groupId} objects: role platform-admin, tier-operator (with tier) or auditor`,
			`landingzone:identityGroups: missing: required for tier-operator of tier gold with landingzone:identityCenterInstanceArn: allowed a list of {role, tier, groupId} objects: role platform-admin, tier-operator (with tier) or auditor`,
			`landingzone:identityGroups: missing: required for tier-operator of tier platinum with landingzone:identityCenterInstanceArn: allowed a list of {role, tier, groupId} objects: role platform-admin, tier-operator (with tier) or auditor`,
			`landingzone:identityProvider: "entra" is not an identity provider name: allowed saml:<name> or oidc:<name>, such as saml:entra-id`,
		}},
		{"bad group entries", with(validOrganization(), "identityCenterInstanceArn", instance, "identityProvider", "oidc:okta",
			"identityGroups", strings.Replace(validGroups, `]`, `,{"role":"auditor","groupId":"906722b8b1-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f906"},`+
				`{"role":"tier-operator","groupId":"x"},{"role":"platform-admin","tier":"gold","groupId":"906722b8b1-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f907"},{"role":"root"}]`, 1)), []string{
			`landingzone:identityGroups[5].role: "auditor" is already given to identityGroups[1]: allowed one group per access role (and tier)`,
			`landingzone:identityGroups[6].groupId: "x" is not an identity store group ID: allowed an identity store group ID such as 906722b8b1-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901 (aws identitystore list-groups)`,
			`landingzone:identityGroups[6].tier: missing: required for role tier-operator: allowed platinum, gold, bronze`,
			`landingzone:identityGroups[7].tier: "gold" is set for role platform-admin: allowed a tier only for role tier-operator`,
			`landingzone:identityGroups[8].groupId: missing: required: allowed an identity store group ID such as 906722b8b1-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901 (aws identitystore list-groups)`,
			`landingzone:identityGroups[8].role: "root" is not an access role: allowed platform-admin, tier-operator, auditor`,
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Load("pos-org", tt.raw)
			var errs Errors
			require.ErrorAs(t, err, &errs)
			assert.Equal(t, tt.want, errs.Lines())
		})
	}
}
