package aws

import (
	"fmt"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// The account password policy's minimums (CIS AWS Foundations; NCSC password guidance for the only
// passwords left, the break-glass user's).
const (
	iamMinPasswordLength  = 14
	iamMinReusePrevention = 24
	iamMaxPasswordAge     = 90
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-IAM-005",
		Title: "The account password policy is strong",
		Description: "The account password policy governs the only IAM passwords left (the break-glass user's). " +
			"It must require at least 14 characters with lower case, upper case, numbers and symbols, " +
			"prevent reuse of the last 24 passwords, and expire passwords after 1 to 90 days.",
		Pack:          policy.PackIdentity,
		Severity:      policy.SeverityMedium,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"10"},
		ResourceTypes: []string{typeIAMAccountPasswordPolicy},
		Remediation: "Set on aws:iam/accountPasswordPolicy:AccountPasswordPolicy: `minimumPasswordLength: 14` (or " +
			"more), `requireLowercaseCharacters`, `requireUppercaseCharacters`, `requireNumbers` and " +
			"`requireSymbols` all true, `passwordReusePrevention: 24` and `maxPasswordAge` between 1 and 90.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "iam-password-policy"},
			{Source: "Security Hub", ID: "IAM.7"},
			{Source: "Security Hub", ID: "IAM.15"},
			{Source: "Security Hub", ID: "IAM.16"},
		},
		Waivable: true,
		Reads: policy.Reads(typeIAMAccountPasswordPolicy, "minimumPasswordLength", "requireLowercaseCharacters",
			"requireUppercaseCharacters", "requireNumbers", "requireSymbols", "passwordReusePrevention", "maxPasswordAge"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		var fails, computed []string
		atLeast := func(prop string, min int) (int, bool) {
			n, k := resInt(r.Get(prop))
			switch {
			case k == policy.Unknown:
				computed = append(computed, prop)
			case k == policy.Absent:
				fails = append(fails, fmt.Sprintf("%s is not set; it must be at least %d", prop, min))
			case n < min:
				fails = append(fails, fmt.Sprintf("%s is %d; it must be at least %d", prop, n, min))
			default:
				return n, true
			}
			return n, false
		}
		length, _ := atLeast("minimumPasswordLength", iamMinPasswordLength)
		for _, prop := range []string{"requireLowercaseCharacters", "requireUppercaseCharacters", "requireNumbers", "requireSymbols"} {
			on, k := policy.Bool(r.Get(prop))
			switch {
			case k == policy.Unknown:
				computed = append(computed, prop)
			case !on:
				fails = append(fails, fmt.Sprintf("%s is not true", prop))
			}
		}
		reuse, _ := atLeast("passwordReusePrevention", iamMinReusePrevention)
		age, ak := resInt(r.Get("maxPasswordAge"))
		switch {
		case ak == policy.Unknown:
			computed = append(computed, "maxPasswordAge")
		case ak == policy.Absent || age == 0:
			fails = append(fails, fmt.Sprintf("maxPasswordAge is not set, so passwords never expire; it must be between 1 and %d", iamMaxPasswordAge))
		case age < 1 || age > iamMaxPasswordAge:
			fails = append(fails, fmt.Sprintf("maxPasswordAge is %d; it must be between 1 and %d", age, iamMaxPasswordAge))
		}
		switch {
		case len(fails) > 0:
			return policy.Fail("%s", strings.Join(fails, "; "))
		case len(computed) > 0:
			return policy.Undecided("%s computed at preview; the password policy cannot be judged yet", strings.Join(computed, ", "))
		}
		return policy.Pass("password policy requires %d+ characters of four kinds, prevents reuse of the last %d and expires passwords after %d days", length, reuse, age)
	},
})
