package awsname

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNames(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name  string
		check func(string) bool
		good  []string
		bad   []string
	}{
		{"AccountID", AccountID, []string{"111111111111"}, []string{"", "11111111111", "1111111111111", "11111111111a"}},
		{"OrgRootID", OrgRootID, []string{"r-ab12", "r-" + "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4"}, []string{"", "root", "r-ab1", "r-AB12", "r-" + "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e"}},
		{"RoleName", RoleName, []string{"OrganizationAccountAccessRole", "pclz-deploy", "a+b=c,d.e@f_g"}, []string{"", "a role", "x/y"}},
		{"SSOInstanceARN", SSOInstanceARN, []string{"arn:aws:sso:::instance/ssoins-1234567890abcdef"}, []string{"ssoins-1234567890abcdef", "arn:aws:sso:::instance/ssoins-1"}},
		{"GroupID", GroupID, []string{"906722b8b1-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901", "1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901"}, []string{"", "auditors", "906722b8b1-1b2c"}},
		{"IdentityProvider", IdentityProvider, []string{"saml:entra-id", "oidc:okta"}, []string{"", "entra", "saml:", "ldap:x", "saml:Entra"}},
		{"Email", Email, []string{"aws-pos-gold@homeoffice.police.uk"}, []string{"", "nope", "Gold <aws@x.uk>"}},
	} {
		for _, s := range tt.good {
			assert.True(t, tt.check(s), "%s(%q)", tt.name, s)
		}
		for _, s := range tt.bad {
			assert.False(t, tt.check(s), "%s(%q)", tt.name, s)
		}
	}
}
