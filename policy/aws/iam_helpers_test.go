package aws

import (
	"testing"

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
