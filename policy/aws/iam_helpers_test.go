package aws

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

// FuzzIAMRules runs the document-reading identity rules over arbitrary policy text: none may panic.
func FuzzIAMRules(f *testing.F) {
	for _, s := range []string{iamAdminDoc, iamReadOnlyDoc, iamMFATrust, iamBucketPolicyDoc, `{"Statement":[null,{"Principal":{"AWS":[1,"*"]}}]}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		for _, r := range Rules() {
			for _, typ := range r.ResourceTypes {
				res := &policy.Resource{Type: typ, Name: "f", URN: "urn:f", Inputs: policy.MapFromGo(map[string]any{
					"policy": doc, "assumeRolePolicy": doc, "accessPolicy": doc, "accessPolicies": doc, "inlinePolicy": doc,
					"inlinePolicies": []any{map[string]any{"name": "x", "policy": doc}},
				})}
				_ = r.Check(policy.NewContext("f", ""), res)
			}
		}
		p, _, _ := semantic.ParseIAMJSON(doc)
		_ = p.AdminAccess()
	})
}

// TestIAMRulesDeclareReads: every identity rule lists the properties it decides on, each of a type the
// rule inspects (or the AWS provider).
func TestIAMRulesDeclareReads(t *testing.T) {
	t.Parallel()
	metas := []policy.Meta{}
	for _, r := range Rules() {
		metas = append(metas, r.Meta)
	}
	for _, r := range StackRules() {
		metas = append(metas, r.Meta)
	}
	for _, m := range metas {
		switch m.ID {
		case "PCLZ-AWS-IAM-001", "PCLZ-AWS-IAM-007", "PCLZ-AWS-IAM-008", "PCLZ-AWS-IAM-009", "PCLZ-AWS-IAM-010", "PCLZ-AWS-IAM-011":
		default:
			continue
		}
		if !assert.NotEmpty(t, m.Reads, m.ID) {
			continue
		}
		for _, ref := range m.Reads {
			assert.True(t, ref.Type == typeProvider || m.AppliesToType(ref.Type), "%s reads %s, a type it does not inspect", m.ID, ref.Type)
		}
	}
}
