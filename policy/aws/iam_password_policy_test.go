package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

func iamPasswordPolicyFixture() []*policy.Resource {
	return []*policy.Resource{policytest.AWS(typeIAMAccountPasswordPolicy, "password-policy", map[string]any{
		"minimumPasswordLength":      14,
		"requireLowercaseCharacters": true,
		"requireUppercaseCharacters": true,
		"requireNumbers":             true,
		"requireSymbols":             true,
		"passwordReusePrevention":    24,
		"maxPasswordAge":             90,
		"allowUsersToChangePassword": true,
	})}
}

func iamSetPw(v any, prop string) func([]*policy.Resource, *policy.Context) {
	return func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], v, prop) }
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-IAM-005",
	Resources:       iamPasswordPolicyFixture,
	BaselineMessage: "password policy requires 14+ characters of four kinds, prevents reuse of the last 24 and expires passwords after 90 days",
	Cases: []policytest.Case{
		{Name: "length 8", Mutate: iamSetPw(8, "minimumPasswordLength"), Want: policy.StatusFail,
			Message: "minimumPasswordLength is 8; it must be at least 14"},
		{Name: "length unset", Mutate: func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "minimumPasswordLength") },
			Want: policy.StatusFail, Message: "minimumPasswordLength is not set; it must be at least 14"},
		{Name: "no lower case", Mutate: iamSetPw(false, "requireLowercaseCharacters"), Want: policy.StatusFail,
			Message: "requireLowercaseCharacters is not true"},
		{Name: "no upper case", Mutate: iamSetPw(false, "requireUppercaseCharacters"), Want: policy.StatusFail,
			Message: "requireUppercaseCharacters is not true"},
		{Name: "no numbers", Mutate: func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "requireNumbers") },
			Want: policy.StatusFail, Message: "requireNumbers is not true"},
		{Name: "no symbols", Mutate: iamSetPw(false, "requireSymbols"), Want: policy.StatusFail,
			Message: "requireSymbols is not true"},
		{Name: "reuse 5", Mutate: iamSetPw(5, "passwordReusePrevention"), Want: policy.StatusFail,
			Message: "passwordReusePrevention is 5; it must be at least 24"},
		{Name: "never expires", Mutate: func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "maxPasswordAge") },
			Want: policy.StatusFail, Message: "maxPasswordAge is not set, so passwords never expire; it must be between 1 and 90"},
		{Name: "expires after 180 days", Mutate: iamSetPw(180, "maxPasswordAge"), Want: policy.StatusFail,
			Message: "maxPasswordAge is 180; it must be between 1 and 90"},
		{Name: "two weaknesses", Mutate: func(rs []*policy.Resource, _ *policy.Context) {
			policytest.Set(rs[0], 12, "minimumPasswordLength")
			policytest.Set(rs[0], false, "requireSymbols")
		}, Want: policy.StatusFail, Message: "minimumPasswordLength is 12; it must be at least 14; requireSymbols is not true"},
		{Name: "length computed", Mutate: func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "minimumPasswordLength") },
			Want: policy.StatusUnknown, Message: "minimumPasswordLength computed at preview; the password policy cannot be judged yet"},
		{Name: "symbols computed", Mutate: func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "requireSymbols") },
			Want: policy.StatusUnknown, Message: "requireSymbols computed at preview; the password policy cannot be judged yet"},
		{Name: "longer and stricter", Mutate: func(rs []*policy.Resource, _ *policy.Context) {
			policytest.Set(rs[0], 20, "minimumPasswordLength")
			policytest.Set(rs[0], 60, "maxPasswordAge")
		}, Want: policy.StatusPass, Message: "password policy requires 20+ characters of four kinds, prevents reuse of the last 24 and expires passwords after 60 days"},
	},
})
