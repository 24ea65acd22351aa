package aws

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/policecloud/landingzones/policy"
)

func TestIAMDocumentShapes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		doc    string
		n      int
		admin  bool
		errMsg string
	}{
		{doc: `{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`, n: 1, admin: true},
		{doc: `{"Statement":[{"Effect":"Allow","Action":["*"],"Resource":["*"]}]}`, n: 1, admin: true},
		{doc: `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`, n: 1},
		{doc: `{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}`, n: 1},
		{doc: `{"Version":"2012-10-17"}`, n: 0},
		{doc: `[]`, errMsg: "policy document is not a JSON object"},
		{doc: `{"Statement":"x"}`, errMsg: "policy document Statement is not an object or a list"},
		{doc: `{"Statement":[1]}`, errMsg: "policy document statement 1 is not an object"},
	} {
		stmts, k, err := iamDocument(policy.FromGo(tc.doc))
		assert.Equal(t, policy.Present, k, tc.doc)
		if tc.errMsg != "" {
			assert.EqualError(t, err, tc.errMsg, tc.doc)
			continue
		}
		assert.NoError(t, err, tc.doc)
		assert.Len(t, stmts, tc.n, tc.doc)
		if tc.n > 0 {
			assert.Equal(t, tc.admin, stmts[0].iamIsAdmin(), tc.doc)
		}
	}
}

func FuzzIAMDocument(f *testing.F) {
	for _, s := range []string{iamAdminDoc, iamReadOnlyDoc, iamMFATrust, iamBucketPolicyDoc, `{"Statement":[null,{"Principal":{"AWS":[1,"*"]}}]}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		stmts, _, _ := iamDocument(policy.FromGo(doc))
		for _, s := range stmts {
			_, _, _ = s.iamIsAdmin(), s.iamRequiresMFA(), iamPublicPrincipal(s)
		}
	})
}
